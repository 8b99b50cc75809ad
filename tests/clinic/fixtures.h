#pragma once
// A small clinic built in code for the domain tests: location "test" (open
// every day 09:00-17:00, America/Chicago) and "allday" (open 00:00-24:00 every
// day, to exercise the DST hours themselves), chairs, a room, a prescriber and
// a nurse on shift whenever the location is open, and three appointment types.
#include <gtest/gtest.h>

#include "clinic/availability.h"
#include "clinic/directory.h"

namespace kc::clinic::testing {

inline Zone chicago() { return date::locate_zone("America/Chicago"); }

inline Instant at(const char* text) { return parse_instant(text, "test").value(); }

inline WeeklyHours every_day(int begin_min, int end_min) {
  WeeklyHours h;
  for (auto& d : h.days) d = {{begin_min, end_min}};
  return h;
}

inline Location location(Id id, std::string code, WeeklyHours hours) {
  Location l;
  l.id = id;
  l.code = std::move(code);
  l.name = l.code;
  l.zone_name = "America/Chicago";
  l.zone = chicago();
  l.hours = std::move(hours);
  return l;
}

inline StaffMember staff(Id id, std::string code, Role role, Id location_id, LocalSpan span) {
  StaffMember s{id, code, code, {role}, {location_id}, {}};
  for (unsigned d = 0; d < 7; ++d) s.shifts.push_back({location_id, date::weekday{d}, span});
  return s;
}

inline AppointmentType consultation() {
  AppointmentType t{1, "consultation", "Consultation", 0, 60, 0, 0, 10, {Mode::in_person, Mode::telehealth}, {}, "test"};
  t.requirements = {{Requirement::Kind::staff, ResourceKind::chair, Role::prescriber, Span::visit, true, false},
                    {Requirement::Kind::resource, ResourceKind::room, Role::prescriber, Span::visit, true, true}};
  return t;
}

inline AppointmentType infusion() {
  AppointmentType t{2, "infusion", "Infusion", 15, 40, 60, 0, 10, {Mode::in_person}, {}, "test"};
  t.requirements = {{Requirement::Kind::resource, ResourceKind::chair, Role::prescriber, Span::visit, true, false},
                    {Requirement::Kind::staff, ResourceKind::chair, Role::nurse, Span::visit, true, false},
                    {Requirement::Kind::staff, ResourceKind::chair, Role::prescriber, Span::visit, false, false}};
  return t;
}

inline AppointmentType follow_up() {
  AppointmentType t{3, "follow_up", "Follow-up", 0, 30, 0, 0, 0, {Mode::in_person}, {}, "test"};
  t.requirements = {{Requirement::Kind::staff, ResourceKind::chair, Role::prescriber, Span::visit, true, false}};
  return t;
}

// Location 1 "test" 09:00-17:00 with chair 1 and room 2; location 2 "allday"
// 00:00-24:00 with chair 3 and room 4. Staff 1 prescriber and 2 nurse at
// "test" 09:00-17:00; staff 3 prescriber and 4 nurse at "allday" all day.
inline DirectoryData clinic_data() {
  DirectoryData d;
  d.locations = {location(1, "test", every_day(9 * 60, 17 * 60)), location(2, "allday", every_day(0, 24 * 60))};
  d.resources = {{1, 1, "test-chair", "Chair", ResourceKind::chair}, {2, 1, "test-room", "Room", ResourceKind::room},
                 {3, 2, "allday-chair", "Chair", ResourceKind::chair}, {4, 2, "allday-room", "Room", ResourceKind::room}};
  d.staff = {staff(1, "doc", Role::prescriber, 1, {9 * 60, 17 * 60}), staff(2, "nurse", Role::nurse, 1, {9 * 60, 17 * 60}),
             staff(3, "night-doc", Role::prescriber, 2, {0, 24 * 60}), staff(4, "night-nurse", Role::nurse, 2, {0, 24 * 60})};
  d.types = {consultation(), infusion(), follow_up()};
  return d;
}

inline BookingPolicy open_policy() {
  BookingPolicy p;
  p.min_notice_min = 0;
  p.horizon_days = 730;
  return p;
}

inline ResourceKey chair(Id id) { return {ResourceKey::Class::resource, id}; }
inline ResourceKey person(Id id) { return {ResourceKey::Class::staff, id}; }

inline std::vector<std::string> local_starts(const std::vector<Interval>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(format_instant(s.begin, chicago()));
  return out;
}

}  // namespace kc::clinic::testing
