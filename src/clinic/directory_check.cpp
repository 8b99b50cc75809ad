// validate(DirectoryData): the checks that make availability arithmetic safe.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "clinic/directory.h"
#include "clinic/policy.h"

namespace kc::clinic {
namespace {

constexpr std::string_view kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

Result<void> bad(std::string field, std::string_view what) {
  auto message = fmt::format("{}: {}", field, what);
  return fail(ErrorCode::invalid_argument, std::move(field), std::move(message));
}

bool on_cells(int minutes) { return minutes % kCellMin == 0; }

// Codes appear in URLs and JSON unescaped: lower-case letters, digits, '-', '_'.
bool valid_code(std::string_view code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<void> check_spans(const std::vector<LocalSpan>& spans, const std::string& path) {
  int previous_end = -1;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto& s = spans[i];
    const auto field = fmt::format("{}[{}]", path, i);
    if (s.begin_min < 0 || s.end_min > 24 * 60 || s.begin_min >= s.end_min)
      return bad(field, "must start before it ends, within 00:00-24:00");
    if (!on_cells(s.begin_min) || !on_cells(s.end_min)) return bad(field, "must be on a 5-minute boundary");
    if (s.begin_min < previous_end) return bad(field, "overlaps or precedes the previous span");
    previous_end = s.end_min;
  }
  return {};
}

Result<void> check_location(const Location& l) {
  const auto path = fmt::format("locations[{}]", l.code);
  if (l.code.empty() || l.name.empty()) return bad(path, "needs a code and a name");
  if (l.zone == nullptr) return bad(path + ".zone", "is not a resolved IANA time zone");
  if (std::abs(l.position.lat_deg) > 90 || std::abs(l.position.lon_deg) > 180)
    return bad(path + ".position", "must be a latitude within ±90 and a longitude within ±180");
  for (int d = 0; d < 7; ++d)
    if (auto ok = check_spans(l.hours.days[d], fmt::format("{}.hours.{}", path, kDayNames[d])); !ok) return ok;
  return {};
}

Result<void> check_staff(const StaffMember& s, const std::set<Id>& locations) {
  const auto path = fmt::format("staff[{}]", s.code);
  if (s.roles.empty()) return bad(path + ".roles", "must name at least one role");
  for (Id l : s.location_ids)
    if (!locations.contains(l)) return bad(path + ".locations", "names an unknown location");
  for (int d = 0; d < 7; ++d) {
    for (Id l : s.location_ids) {
      std::vector<LocalSpan> day;
      for (const auto& sh : s.shifts)
        if (sh.location_id == l && sh.weekday.c_encoding() == static_cast<unsigned>(d)) day.push_back(sh.span);
      std::sort(day.begin(), day.end(), [](auto& a, auto& b) { return a.begin_min < b.begin_min; });
      if (auto ok = check_spans(day, fmt::format("{}.shifts.{}", path, kDayNames[d])); !ok) return ok;
    }
  }
  for (const auto& sh : s.shifts)
    if (std::find(s.location_ids.begin(), s.location_ids.end(), sh.location_id) == s.location_ids.end())
      return bad(path + ".shifts", "has a shift at a location this person does not work at");
  return {};
}

Result<void> check_type(const AppointmentType& t) {
  const auto path = fmt::format("appointment_types[{}]", t.code);
  for (int v : {t.prep_min, t.service_min, t.recovery_min, t.buffer_before_min, t.buffer_after_min})
    if (v < 0 || !on_cells(v)) return bad(path, "durations and buffers must be non-negative multiples of 5 minutes");
  if (t.service_min <= 0) return bad(path + ".service_min", "must be positive");
  if (t.visit_min() + t.buffer_before_min + t.buffer_after_min > kMaxReservationMin)
    return bad(path, "visit plus buffers must not exceed 24 hours");
  if (t.modes.empty()) return bad(path + ".modes", "must allow at least one mode");
  if (t.requirements.empty()) return bad(path + ".requirements", "must require at least one resource or role");
  return {};
}

template <class T>
Result<void> unique_codes(const std::vector<T>& items, std::string_view what) {
  std::set<std::string> seen;
  for (const auto& item : items) {
    if (!valid_code(item.code))
      return bad(fmt::format("{}[{}]", what, item.code), "code must be 1-64 of a-z, 0-9, '-' and '_'");
    if (!seen.insert(item.code).second) return bad(fmt::format("{}[{}]", what, item.code), "code is not unique");
  }
  return {};
}

}  // namespace

Result<void> validate(const DirectoryData& data) {
  std::set<Id> locations;
  for (const auto& l : data.locations) {
    if (auto ok = check_location(l); !ok) return ok;
    locations.insert(l.id);
  }
  for (const auto& s : data.staff)
    if (auto ok = check_staff(s, locations); !ok) return ok;
  for (const auto& r : data.resources)
    if (!locations.contains(r.location_id)) return bad(fmt::format("resources[{}]", r.code), "names an unknown location");
  for (const auto& t : data.types)
    if (auto ok = check_type(t); !ok) return ok;
  for (auto ok : {unique_codes(data.locations, "locations"), unique_codes(data.staff, "staff"),
                  unique_codes(data.resources, "resources"), unique_codes(data.types, "appointment_types")})
    if (!ok) return ok;
  return {};
}

}  // namespace kc::clinic
