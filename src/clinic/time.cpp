#include "clinic/time.h"

#include <fmt/format.h>

#include <exception>
#include <optional>

namespace kc::clinic {
namespace {

// Reads exactly `n` digits at `pos`; nullopt if any is not a digit.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool at(std::string_view s, std::size_t pos, char c) { return pos < s.size() && s[pos] == c; }

Error bad(std::string_view field, std::string_view text, std::string_view expected) {
  return Error{ErrorCode::invalid_argument, std::string(field),
               fmt::format("{}: '{}' is not {}", field, text, expected)};
}

constexpr std::string_view kInstantForm =
    "an ISO 8601 date-time with an offset, such as 2026-11-02T09:00:00-06:00";

std::optional<date::year_month_day> read_date(std::string_view s) {
  auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!y || !m || !d || !at(s, 4, '-') || !at(s, 7, '-')) return std::nullopt;
  date::year_month_day ymd{date::year{*y}, date::month(static_cast<unsigned>(*m)),
                           date::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// Parses the clock part after 'T': HH:MM[:SS[.fff]] and returns the seconds of
// day and the position of the offset; nullopt when malformed.
std::optional<std::pair<int, std::size_t>> read_clock(std::string_view s, std::size_t pos) {
  auto hh = digits(s, pos, 2), mm = digits(s, pos + 3, 2);
  if (!hh || !mm || !at(s, pos + 2, ':') || *hh > 23 || *mm > 59) return std::nullopt;
  int seconds = *hh * 3600 + *mm * 60;
  pos += 5;
  if (at(s, pos, ':')) {
    auto ss = digits(s, pos + 1, 2);
    if (!ss || *ss > 59) return std::nullopt;
    seconds += *ss;
    pos += 3;
    if (at(s, pos, '.')) {  // a fraction is accepted only when it is zero
      ++pos;
      const std::size_t start = pos;
      while (pos < s.size() && s[pos] == '0') ++pos;
      if (pos == start || (pos < s.size() && s[pos] >= '1' && s[pos] <= '9')) return std::nullopt;
    }
  }
  return std::pair{seconds, pos};
}

// "Z" or "+HH:MM"/"-HH:MM" filling the rest of the text; the offset in seconds.
std::optional<int> read_offset(std::string_view s, std::size_t pos) {
  if (s.substr(pos) == "Z" || s.substr(pos) == "z") return 0;
  if (s.size() != pos + 6 || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':') return std::nullopt;
  auto hh = digits(s, pos + 1, 2), mm = digits(s, pos + 4, 2);
  if (!hh || !mm || *hh > 18 || *mm > 59) return std::nullopt;
  const int offset = *hh * 3600 + *mm * 60;
  return s[pos] == '-' ? -offset : offset;
}

bool in_calendar(date::year_month_day day) { return day.year() >= kFirstYear && day.year() <= kLastYear; }

Error outside_calendar(std::string_view field, std::string_view text) {
  return Error{ErrorCode::invalid_argument, std::string(field),
               fmt::format("{}: '{}' is outside the years {} to {}", field, text, static_cast<int>(kFirstYear),
                           static_cast<int>(kLastYear)),
               "date_out_of_range"};
}

}  // namespace

Result<Zone> find_zone(std::string_view name, std::string_view field) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' is not an IANA time zone such as America/Chicago", field, name));
  }
}

Result<Instant> parse_instant(std::string_view text, std::string_view field) {
  auto day = read_date(text);
  if (!day || !(at(text, 10, 'T') || at(text, 10, 't'))) return std::unexpected(bad(field, text, kInstantForm));
  auto clock = read_clock(text, 11);
  if (!clock) return std::unexpected(bad(field, text, kInstantForm));
  if (clock->second == text.size())
    return std::unexpected(bad(field, text, "an instant: it has no offset (add Z or an offset such as -06:00)"));
  auto offset = read_offset(text, clock->second);
  if (!offset) return std::unexpected(bad(field, text, kInstantForm));
  const Instant t = Instant{date::sys_days{*day}} + std::chrono::seconds(clock->first - *offset);
  if (!in_calendar(date::year_month_day{std::chrono::floor<date::days>(t)}))
    return std::unexpected(outside_calendar(field, text));
  return t;
}

namespace {

// Written digit by digit: availability responses format hundreds of instants,
// and a general formatter was most of their cost.
void append_with_offset(std::string& out, Instant t, std::chrono::seconds offset) {
  const auto local = t + offset;
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const auto secs = static_cast<int>((local - day).count());
  const auto off_min = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(offset).count());
  const int abs_min = off_min < 0 ? -off_min : off_min;
  char b[25];
  auto put2 = [&b](int at, int v) {
    b[at] = static_cast<char>('0' + v / 10);
    b[at + 1] = static_cast<char>('0' + v % 10);
  };
  const int year = static_cast<int>(ymd.year());
  put2(0, year / 100 % 100);
  put2(2, year % 100);
  b[4] = b[7] = '-';
  put2(5, static_cast<int>(static_cast<unsigned>(ymd.month())));
  put2(8, static_cast<int>(static_cast<unsigned>(ymd.day())));
  b[10] = 'T';
  put2(11, secs / 3600);
  b[13] = b[16] = b[22] = ':';
  put2(14, secs / 60 % 60);
  put2(17, secs % 60);
  b[19] = off_min < 0 ? '-' : '+';
  put2(20, abs_min / 60);
  put2(23, abs_min % 60);
  out.append(b, sizeof b);
}

}  // namespace

void append_instant(std::string& out, Instant t, Zone zone) { append_with_offset(out, t, zone->get_info(t).offset); }

void InstantWriter::append(std::string& out, Instant t) {
  if (!known_ || t < info_.begin || t >= info_.end) {
    info_ = zone_->get_info(t);
    known_ = true;
  }
  append_with_offset(out, t, info_.offset);
}

std::string format_instant(Instant t, Zone zone) {
  std::string out;
  out.reserve(25);
  append_instant(out, t, zone);
  return out;
}

Result<date::year_month_day> parse_date(std::string_view text, std::string_view field) {
  auto day = read_date(text);
  if (!day || text.size() != 10) return std::unexpected(bad(field, text, "a date such as 2026-11-02"));
  return *day;
}

Result<date::year_month_day> parse_clinic_date(std::string_view text, std::string_view field) {
  auto day = parse_date(text, field);
  if (!day) return std::unexpected(day.error());
  if (!in_calendar(*day)) return std::unexpected(outside_calendar(field, text));
  return *day;
}

Result<date::year_month_day> parse_birth_date(std::string_view text, std::string_view field,
                                              date::year_month_day today) {
  auto day = parse_date(text, field);
  if (!day) return std::unexpected(day.error());
  if (day->year() < kFirstBirthYear || *day > today)
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' is not between {}-01-01 and today", field, text, static_cast<int>(kFirstBirthYear)),
                "date_out_of_range");
  return *day;
}

std::string format_date(date::year_month_day day) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                     static_cast<unsigned>(day.day()));
}

Result<int> parse_time_of_day(std::string_view text, std::string_view field) {
  auto hh = digits(text, 0, 2), mm = digits(text, 3, 2);
  const bool shape = hh && mm && text.size() == 5 && text[2] == ':';
  if (!shape || *mm > 59 || *hh > 24 || (*hh == 24 && *mm != 0))
    return std::unexpected(bad(field, text, "a time of day such as 09:30"));
  return *hh * 60 + *mm;
}

std::string format_time_of_day(int minutes_after_midnight) {
  return fmt::format("{:02}:{:02}", minutes_after_midnight / 60, minutes_after_midnight % 60);
}

date::local_days local_day(Instant t, Zone zone) {
  return std::chrono::floor<date::days>(zone->to_local(t));
}

Instant to_instant(date::local_days day, int minutes_after_midnight, Zone zone) {
  const date::local_seconds local = day + std::chrono::minutes(minutes_after_midnight);
  const auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  return Instant{local.time_since_epoch() - info.first.offset};
}

}  // namespace kc::clinic
