#pragma once
// Time in the clinic domain: an instant is UTC seconds (`Instant`); a location's
// hours and shifts are local wall-clock times in its IANA zone. Conversions go
// through Howard Hinnant's date/tz, which reads the system tz database
// (/usr/share/zoneinfo) once, lazily and thread-safely.
//
// Text forms (ISO 8601 / RFC 3339): an instant always carries an offset
// ("2026-11-02T09:00:00-06:00" or "...Z"); text without one is refused because
// it names no instant. Dates are "YYYY-MM-DD", times of day "HH:MM".
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

#include "core/error.h"

namespace kc::clinic {

using Instant = std::chrono::sys_seconds;
using Zone = const date::time_zone*;  // never null once resolved; owned by the tz database

// Half-open [begin, end) in UTC.
struct Interval {
  Instant begin;
  Instant end;
  bool contains(const Interval& other) const { return begin <= other.begin && other.end <= end; }
  bool overlaps(const Interval& other) const { return begin < other.end && other.begin < end; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

inline std::chrono::minutes minutes(std::int64_t n) { return std::chrono::minutes(n); }

Result<Zone> find_zone(std::string_view name, std::string_view field);

// The calendar the API accepts, in this one place (docs/security.md, "Input
// rules"): every instant and date a request carries (appointment starts, due
// dates, the day of a board, audit and availability ranges) lies within the
// years kFirstYear to kLastYear, instants in UTC; a date of birth lies from
// kFirstBirthYear-01-01 to today. Outside them a value is a typing error such
// as 0000-01-01, never a date of this clinic. Refusals have the reason
// date_out_of_range.
inline constexpr date::year kFirstYear{2000}, kLastYear{2100};
inline constexpr date::year kFirstBirthYear{1900};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)"; fractions must be
// zero; the instant must lie within kFirstYear..kLastYear (UTC).
Result<Instant> parse_instant(std::string_view text, std::string_view field);
// "2026-11-01T09:00:00-06:00": the instant as wall-clock time in `zone` with its offset.
std::string format_instant(Instant t, Zone zone);
// Appends the same text to `out` without allocating a temporary (hot path).
void append_instant(std::string& out, Instant t, Zone zone);

// Formats many instants of one zone, looking the offset up again only when an
// instant leaves the period the previous offset was valid for. Not thread-safe.
class InstantWriter {
 public:
  explicit InstantWriter(Zone zone) : zone_(zone) {}
  void append(std::string& out, Instant t);

 private:
  Zone zone_;
  date::sys_info info_{};
  bool known_ = false;
};

// "YYYY-MM-DD", any real date of the years 0000 to 9999 (clinic data files;
// requests use the two below).
Result<date::year_month_day> parse_date(std::string_view text, std::string_view field);
// A date of a request other than a birth date: within kFirstYear..kLastYear.
Result<date::year_month_day> parse_clinic_date(std::string_view text, std::string_view field);
// A date of birth: from kFirstBirthYear-01-01 to `today`.
Result<date::year_month_day> parse_birth_date(std::string_view text, std::string_view field,
                                              date::year_month_day today);
std::string format_date(date::year_month_day day);
// "HH:MM" -> minutes after local midnight; "24:00" is allowed as an end of day.
Result<int> parse_time_of_day(std::string_view text, std::string_view field);
std::string format_time_of_day(int minutes_after_midnight);

// The local calendar date of an instant in a zone.
date::local_days local_day(Instant t, Zone zone);
// The instant of a local wall-clock time. A time skipped by a spring-forward
// change maps to the moment of the change; a time repeated by a fall-back change
// maps to its first occurrence.
Instant to_instant(date::local_days day, int minutes_after_midnight, Zone zone);

}  // namespace kc::clinic
