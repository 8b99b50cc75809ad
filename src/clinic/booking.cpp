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

// A concurrent booking can take what we planned between our read and our
// write; the store refuses it and we plan again against fresh data.
constexpr int kAttempts = 3;

bool is_conflict(const Error& e) { return e.code == ErrorCode::conflict; }
bool is_taken(const Error& e) { return is_conflict(e) && (e.reason == "slot_taken" || e.reason == "patient_busy"); }

std::string occurrence_field(std::size_t i, bool series) {
  return series ? fmt::format("start[{}]", i) : std::string("start");
}

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
  if (!request.idempotency_key.empty()) {
    auto earlier = store_.find_idempotent(request.idempotency_key, request.fingerprint);
    if (!earlier) return std::unexpected(earlier.error());
    if (*earlier) return BookingOutcome{std::move((*earlier)->appointments), {}, true};
  }
  auto resolved = resolve(request);
  if (!resolved) return std::unexpected(resolved.error());
  auto starts = occurrences(request, resolved->location->zone);
  if (!starts) return std::unexpected(starts.error());
  for (int i = 0;; ++i) {
    auto outcome = attempt(request, *resolved, *starts, actor);
    if (outcome && !outcome->unavailable.empty()) return replay_if_twin(request, std::move(*outcome));
    if (outcome || !is_taken(outcome.error()) || i + 1 == kAttempts) return outcome;
  }
}

// A retry of a request whose first copy is still running finds the visits
// taken by that copy; once it committed, the key tells us it was ours.
Result<BookingOutcome> Scheduler::replay_if_twin(const BookingRequest& request, BookingOutcome outcome) {
  if (request.idempotency_key.empty()) return outcome;
  auto earlier = store_.find_idempotent(request.idempotency_key, request.fingerprint);
  if (!earlier) return std::unexpected(earlier.error());
  if (*earlier) return BookingOutcome{std::move((*earlier)->appointments), {}, true};
  return outcome;
}

// Plans every visit against one fresh read, then asks the store to commit all
// of them. Returns a conflict error only when the store refused the write.
Result<BookingOutcome> Scheduler::attempt(const BookingRequest& request, const Resolved& r,
                                          const std::vector<Instant>& starts, const Actor& actor) {
  const Instant now = clock_.now();
  const auto span_end = starts.back() + date::days(3);
  auto busy = busy_for(*r.location, request.patient_id, {starts.front() - date::days(1), span_end});
  if (!busy) return std::unexpected(busy.error());
  const Planner planner(directory_, policy_, {r.location, r.type, request.mode, request.patient_id}, *busy, now);
  NewBooking booking{{}, request.series.has_value(), {}, request.idempotency_key, request.fingerprint};
  booking.event = {0, now, actor, "booked", std::nullopt, Status::booked, std::nullopt, std::nullopt, request.reason};
  BookingOutcome outcome;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    auto plan = planner.plan(starts[i], occurrence_field(i, request.series.has_value()));
    if (!plan && !request.series && !is_conflict(plan.error())) return std::unexpected(plan.error());
    if (!plan) {
      outcome.unavailable.push_back({static_cast<int>(i), starts[i], plan.error(),
                                     alternatives(planner, *r.location, starts[i])});
      continue;
    }
    for (const auto& reservation : *plan) busy->add(reservation);
    Appointment a;
    a.patient_id = request.patient_id;
    a.location_id = r.location->id;
    a.type_id = r.type->id;
    a.mode = request.mode;
    a.visit = {starts[i], starts[i] + std::chrono::minutes(r.type->visit_min())};
    a.reservations = std::move(*plan);
    booking.appointments.push_back(std::move(a));
  }
  if (!outcome.unavailable.empty()) return outcome;
  auto stored = store_.insert_booking(booking);
  if (!stored) return std::unexpected(stored.error());
  return BookingOutcome{std::move(stored->appointments), {}, stored->replayed};
}

}  // namespace kc::clinic
