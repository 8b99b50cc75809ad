// Scheduler::change: cancel, reschedule and status changes, each recorded.
#include <fmt/format.h>

#include <algorithm>

#include "clinic/scheduler.h"

namespace kc::clinic {

Result<Appointment> Scheduler::change(Id appointment_id, const ChangeRequest& request, const Actor& actor) {
  if (request.status.has_value() == request.start.has_value())
    return fail(ErrorCode::invalid_argument, "status", "give either status (e.g. cancelled) or start (to reschedule)");
  auto current = store_.appointment(appointment_id);
  if (!current) return std::unexpected(current.error());
  if (request.start) return reschedule(*current, *request.start, request, actor);
  return set_status(*current, *request.status, request, actor);
}

Result<void> Scheduler::check_notice(const Appointment& current, int notice_min, std::string_view field) const {
  if (current.visit.begin - clock_.now() >= std::chrono::minutes(notice_min)) return {};
  return fail(ErrorCode::precondition_failed, std::string(field),
              fmt::format("{}: changes need {} minutes' notice before the visit; please call the clinic", field,
                          notice_min),
              "notice_period");
}

Result<Appointment> Scheduler::set_status(const Appointment& current, Status to, const ChangeRequest& request,
                                          const Actor& actor) {
  if (!can_transition(current.status, to))
    return fail(ErrorCode::precondition_failed, "status",
                fmt::format("status: an appointment that is {} cannot become {}", to_string(current.status),
                            to_string(to)),
                "invalid_transition");
  if (to == Status::cancelled)
    if (auto ok = check_notice(current, policy_.cancel_notice_min, "status"); !ok) return std::unexpected(ok.error());
  AppointmentChange change{current.id, current.version, to, std::nullopt, std::nullopt, {}};
  change.event = {current.id, clock_.now(), actor, "status", current.status, to, std::nullopt, std::nullopt,
                  request.reason};
  if (to == Status::cancelled) change.event.action = "cancelled";
  return store_.apply_change(change);
}

// Plans the new visit against everything held except this appointment's own
// reservations (a key holds no overlapping reservations, so equality finds them).
Result<Appointment> Scheduler::reschedule(const Appointment& current, Instant start, const ChangeRequest& request,
                                          const Actor& actor) {
  if (current.status != Status::booked)
    return fail(ErrorCode::precondition_failed, "start",
                fmt::format("start: only booked appointments can be rescheduled; this one is {}",
                            to_string(current.status)),
                "invalid_transition");
  if (auto ok = check_notice(current, policy_.reschedule_notice_min, "start"); !ok) return std::unexpected(ok.error());
  const Location* location = directory_.location(current.location_id);
  const AppointmentType* type = directory_.type(current.type_id);
  const Interval range{start - date::days(1), start + date::days(2)};
  auto held = store_.busy_at(location->id, range);
  if (!held) return std::unexpected(held.error());
  auto patient = store_.busy_of({ResourceKey::Class::patient, current.patient_id}, range);
  if (!patient) return std::unexpected(patient.error());
  held->insert(held->end(), patient->begin(), patient->end());
  std::erase_if(*held, [&](const Reservation& r) {
    return std::any_of(current.reservations.begin(), current.reservations.end(),
                       [&](const Reservation& own) { return own.key == r.key && own.when == r.when; });
  });
  const BusyIndex busy(std::move(*held));
  const Planner planner(directory_, policy_, {location, type, current.mode, current.patient_id}, busy, clock_.now());
  auto plan = planner.plan(start, "start");
  if (!plan) return std::unexpected(plan.error());
  const Interval visit{start, start + std::chrono::minutes(type->visit_min())};
  AppointmentChange change{current.id, current.version, Status::booked, visit, std::move(*plan), {}};
  change.event = {current.id, clock_.now(), actor, "rescheduled", Status::booked, Status::booked, current.visit,
                  visit, request.reason};
  return store_.apply_change(change);
}

}  // namespace kc::clinic
