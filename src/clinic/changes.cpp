// Scheduler::change: cancel, reschedule and status changes, each recorded.
#include <fmt/format.h>

#include <algorithm>

#include "clinic/scheduler.h"

namespace kc::clinic {

Result<Appointment> Scheduler::change(Id appointment_id, const ChangeRequest& request, const Actor& actor) {
  if (request.status.has_value() == request.start.has_value())
    return fail(ErrorCode::invalid_argument, "status", "give either status (e.g. cancelled) or start (to reschedule)");
  return store_.apply_change(appointment_id, [&](AppointmentReader& tx, const Appointment& current) {
    if (request.start) return plan_reschedule(tx, current, *request.start, request, actor);
    return plan_status(current, *request.status, request, actor);
  });
}

Result<void> Scheduler::check_notice(const Appointment& current, int notice_min, std::string_view field) const {
  if (current.visit.begin - clock_.now() >= std::chrono::minutes(notice_min)) return {};
  const auto notice = notice_min % 60 == 0 ? fmt::format("{} hours'", notice_min / 60)
                                            : fmt::format("{} minutes'", notice_min);
  return fail(ErrorCode::precondition_failed, std::string(field),
              fmt::format("{}: changes need {} notice before the visit; please call the clinic", field, notice),
              "notice_period");
}

Result<AppointmentChange> Scheduler::plan_status(const Appointment& current, Status to, const ChangeRequest& request,
                                                 const Actor& actor) const {
  if (!can_transition(current.status, to))
    return fail(ErrorCode::precondition_failed, "status",
                fmt::format("status: an appointment that is {} cannot become {}", to_string(current.status),
                            to_string(to)),
                "invalid_transition");
  if (to == Status::cancelled)
    if (auto ok = check_notice(current, policy_.cancel_notice_min, "status"); !ok) return std::unexpected(ok.error());
  AppointmentChange change;
  change.expected_version = current.version;
  change.status = to;
  change.event = make_event(current.id, clock_.now(), actor, to == Status::cancelled ? "cancelled" : "status",
                            current.status, to, request.reason);
  return change;
}

// Plans the new visit against everything held except this appointment's own
// reservations (a key holds no overlapping reservations, so equality finds them).
Result<AppointmentChange> Scheduler::plan_reschedule(AppointmentReader& tx, const Appointment& current, Instant start,
                                                     const ChangeRequest& request, const Actor& actor) const {
  if (current.status != Status::booked)
    return fail(ErrorCode::precondition_failed, "start",
                fmt::format("start: only booked appointments can be rescheduled; this one is {}",
                            to_string(current.status)),
                "invalid_transition");
  if (auto ok = check_notice(current, policy_.reschedule_notice_min, "start"); !ok) return std::unexpected(ok.error());
  const Location* location = directory_.location(current.location_id);
  const AppointmentType* type = directory_.type(current.type_id);
  auto held = busy_for(tx, *location, current.patient_id, {reach(*type, {start, start})});
  if (!held) return std::unexpected(held.error());
  std::vector<Reservation> others;
  for (const auto& r : held->held())
    if (std::none_of(current.reservations.begin(), current.reservations.end(),
                     [&](const Reservation& own) { return own.key == r.key && own.when == r.when; }))
      others.push_back(r);
  const BusyIndex busy(std::move(others));
  const Planner planner(directory_, policy_, {location, type, current.mode, current.patient_id}, busy, clock_.now());
  auto plan = planner.plan(start, "start");
  if (!plan) return std::unexpected(plan.error());
  const Interval visit{start, start + std::chrono::minutes(type->visit_min())};
  AppointmentChange change;
  change.expected_version = current.version;
  change.status = Status::booked;
  change.visit = visit;
  change.reservations = std::move(*plan);
  change.event = make_event(current.id, clock_.now(), actor, "rescheduled", Status::booked, Status::booked,
                            request.reason);
  change.event.from_visit = current.visit;
  change.event.to_visit = visit;
  return change;
}

}  // namespace kc::clinic
