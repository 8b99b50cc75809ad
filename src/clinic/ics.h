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

// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon and comma get a
// backslash, a line break (LF, CRLF or CR) becomes "\n". Characters a TEXT
// value may not hold (controls other than TAB) and those core/text.h refuses
// (bidi formatting, invalid UTF-8, which becomes U+FFFD) are left out, so that
// nothing stored can break a content line or reorder what a calendar shows.
std::string ics_escape(std::string_view text);
// RFC 5545 §3.1 folding: a content line longer than 75 octets (CRLF not
// counted) continues on a line starting with one space; a UTF-8 sequence is
// never split, so no physical line exceeds 75 octets.
std::string ics_fold(std::string_view line);

}  // namespace kc::clinic
