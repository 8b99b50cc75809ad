#include "clinic/ics.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace kc::clinic {
namespace {

std::string utc_stamp(Instant t) {
  const auto day = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> tod{t - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count());
}

std::string where(const Appointment& a, const Location& l) {
  if (a.mode == Mode::telehealth) return "Telehealth (the clinic sends the link)";
  return fmt::format("{}, {}, {}, {} {}", l.name, l.address.line1, l.address.city, l.address.region,
                     l.address.postal_code);
}

// Octets of the UTF-8 sequence a byte starts (1 for ASCII and stray bytes).
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  // Only characters a TEXT value may hold remain: controls (TAB aside), bidi
  // formatting and invalid UTF-8 go; line breaks become one LF, written "\n".
  for (char c : scrub_text(text, TextKind::multiline)) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    // A whole UTF-8 sequence goes on the line only if it fits in the 75 octets.
    const auto n = std::min(sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string to_ics(const Appointment& a, const Location& l, const AppointmentType& t, const IcsContext& c) {
  const std::string lines[] = {
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ketaclinic//ketaclinic//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "BEGIN:VEVENT", fmt::format("UID:appointment-{}@{}", a.id, c.uid_domain),
      fmt::format("DTSTAMP:{}", utc_stamp(c.stamp)), fmt::format("DTSTART:{}", utc_stamp(a.visit.begin)),
      fmt::format("DTEND:{}", utc_stamp(a.visit.end)), fmt::format("SEQUENCE:{}", a.version),
      fmt::format("SUMMARY:{}", ics_escape(fmt::format("{} at {}", t.name, l.name))),
      fmt::format("LOCATION:{}", ics_escape(where(a, l))),
      fmt::format("DESCRIPTION:{}", ics_escape(fmt::format("{} ({} min). To change or cancel, call {}.", t.name,
                                                           t.visit_min(), l.phone))),
      fmt::format("STATUS:{}", a.status == Status::cancelled || a.status == Status::no_show ? "CANCELLED" : "CONFIRMED"),
      "END:VEVENT", "END:VCALENDAR"};
  std::string out;
  for (const auto& line : lines) out += ics_fold(line);
  return out;
}

}  // namespace kc::clinic
