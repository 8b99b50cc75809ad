// Scheduler::book: single visits and all-or-nothing series, idempotent.
#include <fmt/format.h>

#include <algorithm>

#include "clinic/scheduler.h"

namespace kc::clinic {

struct Scheduler::Resolved {
  const Location* location = nullptr;
  const AppointmentType* type = nullptr;
};

namespace {

std::string occurrence_field(std::size_t i, bool series) {
  return series ? fmt::format("start[{}]", i) : std::string("start");
}

// The intake questionnaires of a booking, due at its first visit.
std::vector<Assignment> intake_assignments(const IntakeSet& intake, const NewBooking& booking, Id patient_id) {
  std::vector<Assignment> out;
  for (const auto& instrument : intake.instruments) {
    Assignment a;
    a.patient_id = patient_id;
    a.instrument = instrument;
    a.due = booking.appointments.front().visit.begin;
    a.reason = AssignmentReason::intake;
    a.created_by = booking.event.actor;
    a.created_at = booking.event.at;
    out.push_back(std::move(a));
  }
  return out;
}

// Returned from a plan to roll the transaction back when a visit is taken;
// the outcome itself travels in a capture.
// Where a booking leaves the patient's care: staff book only where the patient
// is in care, or a patient in care nowhere yet (their first booking places
// them); a patient may book themselves anywhere, which places them there too.
Result<std::optional<CareLocation>> care_after_booking(AppointmentReader& tx, Id patient_id, Id location_id,
                                                       const Actor& actor, Instant now) {
  auto care = tx.care_of(patient_id);
  if (!care) return std::unexpected(care.error());
  if (in_care_at(*care, location_id)) return std::optional<CareLocation>{};
  if (actor.kind != "patient" && !care->empty())
    return fail(ErrorCode::forbidden, "patient_id",
                "patient_id: the patient is not in care at this location; transfer their care first",
                "not_in_care_here");
  return std::optional<CareLocation>{CareLocation{patient_id, location_id, now, actor, "booked here"}};
}

Error nothing_booked() { return Error{ErrorCode::conflict, "start", "nothing booked", "unavailable"}; }

}  // namespace

Result<Scheduler::Resolved> Scheduler::resolve(const BookingRequest& request) const {
  auto location = directory_.find_location(request.location, "location");
  if (!location) return std::unexpected(location.error());
  auto type = directory_.find_type(request.type, "type");
  if (!type) return std::unexpected(type.error());
  if (!(*type)->allows(request.mode))
    return fail(ErrorCode::invalid_argument, "mode",
                fmt::format("mode: {} is not offered for {}", to_string(request.mode), (*type)->name));
  auto patient = store_.patient(request.patient_id);
  if (!patient) return std::unexpected(Error{patient.error().code, "patient_id", patient.error().message});
  return Resolved{*location, *type};
}

Result<void> Scheduler::check(const BookingRequest& request) const {
  auto resolved = resolve(request);
  if (!resolved) return std::unexpected(resolved.error());
  return {};
}

// The visit starts of a series: the first start, then the same local time of
// day on the following requested weekdays (so a DST change in between keeps
// the wall-clock time), `count` in all.
Result<std::vector<Instant>> Scheduler::occurrences(const BookingRequest& request, Zone zone) const {
  if (!request.series) return std::vector<Instant>{request.start};
  const auto& s = *request.series;
  const int count = s.count == 0 ? policy_.series.default_count : s.count;
  const auto& weekdays = s.weekdays.empty() ? policy_.series.default_weekdays : s.weekdays;
  if (count < 2 || count > policy_.series.max_count)
    return fail(ErrorCode::invalid_argument, "series.count",
                fmt::format("series.count: must be 2 to {}", policy_.series.max_count));
  const auto first_day = local_day(request.start, zone);
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(zone->to_local(request.start) - first_day);
  std::vector<Instant> starts{request.start};
  for (auto day = first_day + date::days(1); starts.size() < static_cast<std::size_t>(count); day += date::days(1)) {
    if (day - first_day > date::days(policy_.series.max_span_days))
      return fail(ErrorCode::invalid_argument, "series",
                  fmt::format("series: {} visits on these weekdays do not fit in {} days", count,
                              policy_.series.max_span_days));
    if (std::find(weekdays.begin(), weekdays.end(), date::weekday{day}) != weekdays.end())
      starts.push_back(to_instant(day, static_cast<int>(minute.count()), zone));
  }
  return starts;
}

Result<BookingOutcome> Scheduler::book(const BookingRequest& request, const Actor& actor) {
  auto resolved = resolve(request);
  if (!resolved) return std::unexpected(resolved.error());
  auto starts = occurrences(request, resolved->location->zone);
  if (!starts) return std::unexpected(starts.error());
  BookingOutcome outcome;
  auto stored = store_.insert_booking({request.idempotency_key, request.fingerprint}, [&](AppointmentReader& tx) {
    outcome = {};
    return plan_booking(tx, request, *resolved, *starts, actor, outcome);
  });
  if (!outcome.unavailable.empty()) return outcome;
  if (!stored) return std::unexpected(stored.error());
  return BookingOutcome{std::move(stored->appointments), {}, stored->replayed};
}

// Plans every visit against the transaction's view; if any is taken, nothing
// is booked and `outcome` lists what was unavailable, with alternatives.
Result<NewBooking> Scheduler::plan_booking(AppointmentReader& tx, const BookingRequest& request, const Resolved& r,
                                           const std::vector<Instant>& starts, const Actor& actor,
                                           BookingOutcome& outcome) const {
  const Instant now = clock_.now();
  auto care = care_after_booking(tx, request.patient_id, r.location->id, actor, now);
  if (!care) return std::unexpected(care.error());
  std::vector<Interval> ranges;
  for (Instant s : starts) ranges.push_back(reach(*r.type, {s, s}));
  auto busy = busy_for(tx, *r.location, request.patient_id, ranges);
  if (!busy) return std::unexpected(busy.error());
  const SlotQuery query{r.location, r.type, request.mode, request.patient_id};
  const Planner planner(directory_, policy_, query, *busy, now);
  NewBooking booking;
  booking.care = std::move(*care);
  booking.series = request.series.has_value();
  booking.event = make_event(0, now, actor, "booked", std::nullopt, Status::booked, request.reason);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    auto plan = planner.plan(starts[i], occurrence_field(i, request.series.has_value()));
    if (!plan && !request.series && plan.error().code != ErrorCode::conflict) return std::unexpected(plan.error());
    if (!plan) {
      auto near = alternatives(tx, query, starts[i]);
      if (!near) return std::unexpected(near.error());
      outcome.unavailable.push_back({static_cast<int>(i), starts[i], plan.error(), std::move(*near)});
      continue;
    }
    for (const auto& reservation : *plan) busy->add(reservation);  // later visits of a series see this one
    Appointment a;
    a.patient_id = request.patient_id;
    a.location_id = r.location->id;
    a.type_id = r.type->id;
    a.mode = request.mode;
    a.visit = {starts[i], starts[i] + std::chrono::minutes(r.type->visit_min())};
    a.reservations = std::move(*plan);
    booking.appointments.push_back(std::move(a));
  }
  if (!outcome.unavailable.empty()) return std::unexpected(nothing_booked());
  if (intake_.applies_to(r.type->code)) booking.assignments = intake_assignments(intake_, booking, request.patient_id);
  return booking;
}

}  // namespace kc::clinic
