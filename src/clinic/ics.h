#pragma once
// An iCalendar object (RFC 5545) for one appointment: a VCALENDAR with one
// VEVENT in UTC (no VTIMEZONE needed), CRLF line ends, lines folded at 75
// octets, TEXT values escaped. It names the clinic and the visit type but no
// patient data, since calendar files travel through mail and phones.
#include <string>
#include <string_view>

#include "clinic/model.h"

namespace kc::clinic {

struct IcsContext {
  std::string_view uid_domain = "ketaclinic.invalid";  // UID = "appointment-<id>@<domain>"
  Instant stamp;                                       // DTSTAMP: when the file is produced
};

std::string to_ics(const Appointment& appointment, const Location& location, const AppointmentType& type,
                   const IcsContext& context);

// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
std::string ics_escape(std::string_view text);
// RFC 5545 §3.1 folding: a content line longer than 75 octets continues on a
// line starting with one space; never splits a UTF-8 sequence.
std::string ics_fold(std::string_view line);

}  // namespace kc::clinic
