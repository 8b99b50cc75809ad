#pragma once
// The day board of a location: one local day's appointments laid out by chair
// or room and by clinician, with the opening hours and who is on shift.
#include <map>
#include <vector>

#include "clinic/ports.h"

namespace kc::clinic {

struct BoardLane {
  ResourceKey key;                   // a resource or a staff member
  std::vector<Interval> shifts;      // staff only: on shift at this location today
  std::vector<Id> appointment_ids;   // appointments holding this lane, in start order
};

struct DayBoard {
  const Location* location = nullptr;
  date::year_month_day date;
  std::vector<Interval> open;
  std::vector<Appointment> appointments;  // all of the day, cancelled included, in start order
  std::map<Id, Patient> patients;         // of those appointments
  std::vector<BoardLane> resources, clinicians;
};

// not_found for an unknown location (field "location").
Result<DayBoard> day_board(const Directory& directory, ClinicStore& store, std::string_view location_code,
                           date::year_month_day date);

}  // namespace kc::clinic
