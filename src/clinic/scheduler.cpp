// Scheduler: availability queries and the helpers booking and changes share.
#include "clinic/scheduler.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {

Scheduler::Scheduler(const Directory& directory, const BookingPolicy& policy, ClinicStore& store, const Clock& clock,
                     IntakeSet intake)
    : directory_(directory), policy_(policy), store_(store), clock_(clock), intake_(std::move(intake)) {}

namespace {

Result<void> check_mode(const AppointmentType& type, Mode mode) {
  if (type.allows(mode)) return {};
  return fail(ErrorCode::invalid_argument, "mode",
              fmt::format("mode: {} is not offered for {}", to_string(mode), type.name));
}

}  // namespace

Result<BusyIndex> Scheduler::busy_for(AppointmentReader& reader, const Location& location, Id patient_id,
                                      const std::vector<Interval>& ranges) const {
  std::vector<Reservation> held;
  for (const auto& range : ranges) {
    auto at_location = reader.busy_at(location.id, range);
    if (!at_location) return std::unexpected(at_location.error());
    held.insert(held.end(), at_location->begin(), at_location->end());
    if (patient_id == 0) continue;
    auto own = reader.busy_of({ResourceKey::Class::patient, patient_id}, range);
    if (!own) return std::unexpected(own.error());
    held.insert(held.end(), own->begin(), own->end());
  }
  return BusyIndex(std::move(held));
}

Result<Availability> Scheduler::availability(const AvailabilityRequest& request) const {
  auto location = directory_.find_location(request.location, "location");
  if (!location) return std::unexpected(location.error());
  auto type = directory_.find_type(request.type, "type");
  if (!type) return std::unexpected(type.error());
  if (auto ok = check_mode(**type, request.mode); !ok) return std::unexpected(ok.error());
  if (request.to <= request.from) return fail(ErrorCode::invalid_argument, "to", "to: must be after from");
  if (request.to - request.from > date::days(policy_.max_query_days))
    return fail(ErrorCode::invalid_argument, "to",
                fmt::format("to: a query may span at most {} days", policy_.max_query_days));
  auto busy = busy_for(store_, **location, 0, {reach(**type, {request.from, request.to})});
  if (!busy) return std::unexpected(busy.error());
  const Planner planner(directory_, policy_, {*location, *type, request.mode, 0}, *busy, clock_.now());
  return Availability{*location, *type, request.mode, planner.free_slots(request.from, request.to)};
}

// Searches a week at a time so the common case (a slot this week) reads little.
Result<std::optional<Interval>> Scheduler::next_free(const Location& location, const AppointmentType& type,
                                                     Mode mode) const {
  const Instant now = clock_.now();
  const Instant end = now + date::days(policy_.horizon_days);
  for (Instant from = now; from < end; from += date::days(7)) {
    const Interval range{from, std::min(end, from + date::days(7))};
    auto busy = busy_for(store_, location, 0, {reach(type, range)});
    if (!busy) return std::unexpected(busy.error());
    const Planner planner(directory_, policy_, {&location, &type, mode, 0}, *busy, now);
    auto slots = planner.free_slots(range.begin, range.end, 1);
    if (!slots.empty()) return std::optional<Interval>{slots.front()};
  }
  return std::optional<Interval>{};
}

Result<std::vector<Interval>> Scheduler::alternatives(AppointmentReader& reader, const SlotQuery& query,
                                                      Instant requested) const {
  const Zone zone = query.location->zone;
  const auto day = local_day(requested, zone);
  const Interval days{to_instant(day, 0, zone), to_instant(day + date::days(2), 0, zone)};
  auto busy = busy_for(reader, *query.location, 0, {reach(*query.type, days)});
  if (!busy) return std::unexpected(busy.error());
  const Planner planner(directory_, policy_, {query.location, query.type, query.mode, 0}, *busy, clock_.now());
  auto slots = planner.free_slots(days.begin, days.end);
  auto distance = [&](const Interval& s) { return std::chrono::abs(s.begin - requested); };
  std::stable_sort(slots.begin(), slots.end(), [&](auto& a, auto& b) { return distance(a) < distance(b); });
  if (slots.size() > static_cast<std::size_t>(policy_.series.alternatives_per_date))
    slots.resize(static_cast<std::size_t>(policy_.series.alternatives_per_date));
  return slots;
}

}  // namespace kc::clinic
