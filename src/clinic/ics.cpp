#include "clinic/ics.h"

#include <fmt/format.h>

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

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c != '\r') out += c;
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    // Break before a character that starts a UTF-8 sequence once 75 octets are used.
    if (width >= 75 && !is_continuation(static_cast<unsigned char>(line[i]))) {
      out += "\r\n ";
      width = 1;
    }
    out += line[i];
    ++width;
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
