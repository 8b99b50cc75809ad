#include "clinic/availability.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {
namespace {

bool by_key_then_begin(const Reservation& a, const Reservation& b) {
  if (a.key != b.key) return a.key < b.key;
  return a.when.begin < b.when.begin;
}

std::chrono::seconds mins(int m) { return std::chrono::minutes(m); }

}  // namespace

BusyIndex::BusyIndex(std::vector<Reservation> held) : sorted_(std::move(held)) {
  std::sort(sorted_.begin(), sorted_.end(), by_key_then_begin);
}

void BusyIndex::add(const Reservation& r) {
  sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), r, by_key_then_begin), r);
}

// A key's reservations never overlap each other (the store enforces it), so
// sorted by begin they are sorted by end too: only the last one beginning
// before `when` ends can overlap it.
bool BusyIndex::is_free(ResourceKey key, Interval when) const {
  const Reservation probe{key, {when.end, when.end}};
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), probe, by_key_then_begin);
  while (it != sorted_.begin()) {
    --it;
    if (it->key != key || it->when.end <= when.begin) return true;
    if (it->when.overlaps(when)) return false;
  }
  return true;
}

Interval span_interval(const AppointmentType& t, Span span, Instant start, bool with_buffers) {
  switch (span) {
    case Span::service:
      return {start + mins(t.prep_min), start + mins(t.prep_min + t.service_min)};
    case Span::prep_and_service:
      return {start, start + mins(t.prep_min + t.service_min)};
    case Span::visit:
      break;
  }
  if (!with_buffers) return {start, start + mins(t.visit_min())};
  return {start - mins(t.buffer_before_min), start + mins(t.visit_min() + t.buffer_after_min)};
}

Interval reach(const AppointmentType& type, Interval starts) {
  return {starts.begin - mins(type.buffer_before_min), starts.end + mins(type.visit_min() + type.buffer_after_min)};
}

struct Planner::Day {
  struct OnShift {
    const StaffMember* who;
    Interval when;
  };
  std::vector<Interval> open;
  std::vector<OnShift> shifts;
};

Planner::Planner(const Directory& directory, const BookingPolicy& policy, SlotQuery query, const BusyIndex& busy,
                 Instant now)
    : directory_(directory), policy_(policy), query_(query), busy_(busy), now_(now) {}

Planner::Day Planner::day_frame(date::local_days day) const {
  Day frame;
  const Location& loc = *query_.location;
  if (loc.closed_on(day)) return frame;
  const auto weekday = date::weekday{day}.c_encoding();
  for (const auto& span : loc.hours.days[weekday]) {
    Interval open{to_instant(day, span.begin_min, loc.zone), to_instant(day, span.end_min, loc.zone)};
    if (open.begin < open.end) frame.open.push_back(open);
  }
  for (const StaffMember* s : directory_.staff_at(loc.id))
    for (const auto& shift : s->shifts)
      if (shift.location_id == loc.id && shift.weekday.c_encoding() == weekday)
        frame.shifts.push_back({s, {to_instant(day, shift.span.begin_min, loc.zone),
                                    to_instant(day, shift.span.end_min, loc.zone)}});
  return frame;
}

bool Planner::within_policy(Instant start) const {
  return start >= now_ + mins(policy_.min_notice_min) && start < now_ + date::days(policy_.horizon_days);
}

bool Planner::assign_resource(const Requirement& req, Interval when, std::vector<Reservation>& chosen) const {
  for (const Resource* r : directory_.resources_at(query_.location->id)) {
    const ResourceKey key{ResourceKey::Class::resource, r->id};
    if (r->kind != req.resource_kind) continue;
    if (std::any_of(chosen.begin(), chosen.end(), [&](const Reservation& c) { return c.key == key; })) continue;
    if (!busy_.is_free(key, when)) continue;
    chosen.push_back({key, when});
    return true;
  }
  return false;
}

bool Planner::assign_staff(const Day& day, const Requirement& req, Interval when, Interval shift_need,
                           std::vector<Reservation>& chosen, bool* staffed) const {
  bool anyone = false;
  for (const auto& on : day.shifts) {
    if (!on.who->has_role(req.role) || !on.when.contains(shift_need)) continue;
    anyone = true;
    if (!req.exclusive) return true;
    const ResourceKey key{ResourceKey::Class::staff, on.who->id};
    if (std::any_of(chosen.begin(), chosen.end(), [&](const Reservation& c) { return c.key == key; })) continue;
    if (!busy_.is_free(key, when)) continue;
    chosen.push_back({key, when});
    return true;
  }
  if (!anyone && staffed != nullptr) *staffed = false;
  return false;
}

bool Planner::assign(const Day& day, Instant start, std::vector<Reservation>& chosen, bool* staffed) const {
  chosen.clear();
  const AppointmentType& type = *query_.type;
  for (const auto& req : type.requirements) {
    if (req.in_person_only && query_.mode == Mode::telehealth) continue;
    const Interval need = span_interval(type, req.span, start, req.span == Span::visit);
    const bool ok = req.kind == Requirement::Kind::resource
                        ? assign_resource(req, need, chosen)
                        : assign_staff(day, req, need, span_interval(type, req.span, start, false), chosen, staffed);
    if (!ok) return false;
  }
  return true;
}

std::vector<Interval> Planner::free_slots(Instant from, Instant to, std::size_t limit) const {
  std::vector<Interval> slots;
  std::vector<Reservation> scratch;  // reused: one allocation per query, not per candidate
  const auto step = mins(policy_.slot_step_min);
  const auto visit = mins(query_.type->visit_min());
  const Zone zone = query_.location->zone;
  if (from >= to) return slots;
  for (auto day = local_day(from, zone); day <= local_day(to - std::chrono::seconds(1), zone); day += date::days(1)) {
    const Day frame = day_frame(day);
    for (const auto& open : frame.open) {
      Instant t = open.begin;
      if (t < from) t += (from - open.begin + step - std::chrono::seconds(1)) / step * step;
      for (; t + visit <= open.end && t < to; t += step) {
        if (!within_policy(t) || !assign(frame, t, scratch, nullptr)) continue;
        slots.push_back({t, t + visit});
        if (slots.size() >= limit) return slots;
      }
    }
  }
  return slots;
}

Result<std::vector<Reservation>> Planner::plan(Instant start, std::string_view field) const {
  const Location& loc = *query_.location;
  const Day frame = day_frame(local_day(start, loc.zone));
  const Interval visit{start, start + mins(query_.type->visit_min())};
  auto open = std::find_if(frame.open.begin(), frame.open.end(), [&](const Interval& o) { return o.contains(visit); });
  const auto f = std::string(field);
  if (open == frame.open.end())
    return fail(ErrorCode::precondition_failed, f,
                fmt::format("{}: {} is outside the opening hours of {}", f, format_instant(start, loc.zone), loc.name),
                "outside_hours");
  if ((start - open->begin) % mins(policy_.slot_step_min) != std::chrono::seconds(0))
    return fail(ErrorCode::invalid_argument, f,
                fmt::format("{}: visits start every {} minutes from {}", f, policy_.slot_step_min,
                            format_instant(open->begin, loc.zone)));
  if (start < now_ + mins(policy_.min_notice_min))
    return fail(ErrorCode::precondition_failed, f,
                fmt::format("{}: bookings need {} minutes' notice", f, policy_.min_notice_min), "too_soon");
  if (start >= now_ + date::days(policy_.horizon_days))
    return fail(ErrorCode::precondition_failed, f,
                fmt::format("{}: bookings open {} days ahead", f, policy_.horizon_days), "beyond_horizon");
  bool staffed = true;
  std::vector<Reservation> out;
  if (!assign(frame, start, out, &staffed)) {
    if (!staffed)
      return fail(ErrorCode::precondition_failed, f,
                  fmt::format("{}: no clinician of the required role is on shift then", f), "no_staff");
    return fail(ErrorCode::conflict, f, fmt::format("{}: this time is already taken", f), "slot_taken");
  }
  if (query_.patient_id != 0) {
    const Reservation self{{ResourceKey::Class::patient, query_.patient_id}, visit};
    if (!busy_.is_free(self.key, visit))
      return fail(ErrorCode::conflict, f, fmt::format("{}: the patient has another appointment then", f),
                  "patient_busy");
    out.push_back(self);
  }
  return out;
}

}  // namespace kc::clinic
