#include "clinic/board.h"

#include <algorithm>

namespace kc::clinic {
namespace {

Interval local_span(date::local_days day, LocalSpan s, Zone zone) {
  return {to_instant(day, s.begin_min, zone), to_instant(day, s.end_min, zone)};
}

void place(BoardLane& lane, const std::vector<Appointment>& appointments) {
  for (const auto& a : appointments) {
    if (!holds_resources(a.status)) continue;
    for (const auto& r : a.reservations)
      if (r.key == lane.key) {
        lane.appointment_ids.push_back(a.id);
        break;
      }
  }
}

std::vector<BoardLane> clinician_lanes(const Directory& directory, const Location& loc, date::local_days day,
                                       const std::vector<Appointment>& appointments) {
  std::vector<BoardLane> lanes;
  const auto weekday = date::weekday{day};
  for (const StaffMember* s : directory.staff_at(loc.id)) {
    BoardLane lane{{ResourceKey::Class::staff, s->id}, {}, {}};
    for (const auto& shift : s->shifts)
      if (shift.location_id == loc.id && shift.weekday == weekday) lane.shifts.push_back(local_span(day, shift.span, loc.zone));
    place(lane, appointments);
    if (!lane.shifts.empty() || !lane.appointment_ids.empty()) lanes.push_back(std::move(lane));
  }
  return lanes;
}

}  // namespace

Result<DayBoard> day_board(const Directory& directory, ClinicStore& store, std::string_view location_code,
                           date::year_month_day date) {
  auto location = directory.find_location(location_code, "location");
  if (!location) return std::unexpected(location.error());
  const Location& loc = **location;
  const date::local_days day{date};
  DayBoard board{&loc, date, {}, {}, {}, {}, {}};
  if (!loc.closed_on(day))
    for (const auto& span : loc.hours.days[date::weekday{day}.c_encoding()]) board.open.push_back(local_span(day, span, loc.zone));
  auto appointments = store.appointments_at(loc.id, {to_instant(day, 0, loc.zone), to_instant(day + date::days(1), 0, loc.zone)});
  if (!appointments) return std::unexpected(appointments.error());
  board.appointments = std::move(*appointments);
  std::vector<Id> ids;
  for (const auto& a : board.appointments) ids.push_back(a.patient_id);
  auto patients = store.patients(ids);
  if (!patients) return std::unexpected(patients.error());
  for (auto& p : *patients) board.patients.emplace(p.id, std::move(p));
  for (const Resource* r : directory.resources_at(loc.id)) {
    board.resources.push_back({{ResourceKey::Class::resource, r->id}, {}, {}});
    place(board.resources.back(), board.appointments);
  }
  board.clinicians = clinician_lanes(directory, loc, day, board.appointments);
  return board;
}

}  // namespace kc::clinic
