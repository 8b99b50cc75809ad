// data/demo/clinics.json: locations, resources, staff and their shifts.
#include <fmt/format.h>

#include <map>

#include "catalog/clinic_config.h"
#include "catalog/json_lists.h"

namespace kc::catalog {
namespace {

using namespace kc::clinic;
using Codes = std::map<std::string, Id, std::less<>>;

constexpr std::string_view kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

Result<std::vector<LocalSpan>> spans(const Fields& f, std::string_view key) {
  auto texts = strings(f, key, true);
  if (!texts) return std::unexpected(texts.error());
  std::vector<LocalSpan> out;
  for (std::size_t i = 0; i < texts->size(); ++i) {
    auto s = time_span(f, (*texts)[i], fmt::format("{}[{}]", key, i));
    if (!s) return std::unexpected(s.error());
    out.push_back({s->first, s->second});
  }
  return out;
}

Result<WeeklyHours> parse_hours(const Fields& f) {
  if (auto ok = f.only({"sun", "mon", "tue", "wed", "thu", "fri", "sat"}); !ok) return std::unexpected(ok.error());
  WeeklyHours hours;
  for (int d = 0; d < 7; ++d) {
    auto s = spans(f, kDays[d]);
    if (!s) return std::unexpected(s.error());
    hours.days[d] = std::move(*s);
  }
  return hours;
}

Result<std::vector<Closure>> parse_closures(const Fields& f) {
  std::vector<Closure> out;
  if (!f.has("closures")) return out;
  auto items = objects(f, "closures");
  if (!items) return std::unexpected(items.error());
  for (const auto& c : *items) {
    if (auto ok = c.only({"date", "reason"}); !ok) return std::unexpected(ok.error());
    auto text = c.string("date"), reason = c.string("reason");
    if (auto e = first_error(text, reason)) return std::unexpected(*e);
    auto day = parse_date(*text, "date");
    if (!day) return std::unexpected(c.error("date", day.error().message));
    out.push_back({date::local_days{*day}, *reason});
  }
  return out;
}

Result<Address> parse_address(const Fields& f) {
  if (auto ok = f.only({"line1", "city", "region", "postal_code", "country"}); !ok) return std::unexpected(ok.error());
  Address a;
  std::string* fields[] = {&a.line1, &a.city, &a.region, &a.postal_code, &a.country};
  const char* keys[] = {"line1", "city", "region", "postal_code", "country"};
  for (int i = 0; i < 5; ++i) {
    auto s = f.string(keys[i]);
    if (!s) return std::unexpected(s.error());
    *fields[i] = *s;
  }
  return a;
}

Result<GeoPoint> parse_point(const Fields& f) {
  if (auto ok = f.only({"lat", "lon"}); !ok) return std::unexpected(ok.error());
  auto lat = f.number("lat"), lon = f.number("lon");
  if (auto e = first_error(lat, lon)) return std::unexpected(*e);
  return GeoPoint{*lat, *lon};
}

Result<Location> parse_location(const Fields& f, Id id) {
  if (auto ok = f.only({"code", "name", "address", "phone", "zone", "position", "hours", "closures"}); !ok)
    return std::unexpected(ok.error());
  Location l;
  l.id = id;
  auto code = f.string("code"), name = f.string("name"), phone = f.string("phone"), zone = f.string("zone");
  if (auto e = first_error(code, name, phone, zone)) return std::unexpected(*e);
  l.code = *code, l.name = *name, l.phone = *phone, l.zone_name = *zone;
  auto resolved = find_zone(*zone, "zone");
  if (!resolved) return std::unexpected(f.error("zone", resolved.error().message));
  l.zone = *resolved;
  auto address = f.object("address"), position = f.object("position"), hours = f.object("hours");
  if (auto e = first_error(address, position, hours)) return std::unexpected(*e);
  auto a = parse_address(*address);
  auto p = parse_point(*position);
  auto h = parse_hours(*hours);
  auto c = parse_closures(f);
  if (auto e = first_error(a, p, h, c)) return std::unexpected(*e);
  l.address = *a, l.position = *p, l.hours = *h, l.closures = *c;
  return l;
}

Result<Id> code_of(const Fields& f, std::string_view key, const Codes& codes) {
  auto code = f.string(key);
  if (!code) return std::unexpected(code.error());
  auto it = codes.find(*code);
  if (it == codes.end()) return std::unexpected(f.error(key, fmt::format("'{}' is not a location code", *code)));
  return it->second;
}

Result<Resource> parse_resource(const Fields& f, Id id, const Codes& locations) {
  if (auto ok = f.only({"code", "location", "name", "kind"}); !ok) return std::unexpected(ok.error());
  auto code = f.string("code"), name = f.string("name"), kind_text = f.string("kind");
  if (auto e = first_error(code, name, kind_text)) return std::unexpected(*e);
  auto location = code_of(f, "location", locations);
  if (!location) return std::unexpected(location.error());
  auto kind = parse_resource_kind(*kind_text, "kind");
  if (!kind) return std::unexpected(f.error("kind", kind.error().message));
  return Resource{id, *location, *code, *name, *kind};
}

Result<void> parse_shifts(const Fields& f, StaffMember& s, const Codes& locations) {
  auto items = objects(f, "shifts");
  if (!items) return std::unexpected(items.error());
  for (const auto& item : *items) {
    if (auto ok = item.only({"location", "days", "time"}); !ok) return ok;
    auto location = code_of(item, "location", locations);
    auto days = weekdays(item, "days");
    auto time = item.string("time");
    if (auto e = first_error(location, days, time)) return std::unexpected(*e);
    auto span = time_span(item, *time, "time");
    if (!span) return std::unexpected(span.error());
    for (auto d : *days) s.shifts.push_back({*location, d, {span->first, span->second}});
    if (std::find(s.location_ids.begin(), s.location_ids.end(), *location) == s.location_ids.end())
      s.location_ids.push_back(*location);
  }
  return {};
}

Result<StaffMember> parse_staff(const Fields& f, Id id, const Codes& locations) {
  if (auto ok = f.only({"code", "name", "roles", "shifts"}); !ok) return std::unexpected(ok.error());
  StaffMember s;
  s.id = id;
  auto code = f.string("code"), name = f.string("name");
  auto roles = strings(f, "roles");
  if (auto e = first_error(code, name, roles)) return std::unexpected(*e);
  s.code = *code, s.display_name = *name;
  for (std::size_t i = 0; i < roles->size(); ++i) {
    auto role = parse_role((*roles)[i], "roles");
    if (!role) return std::unexpected(f.error(fmt::format("roles[{}]", i), role.error().message));
    s.roles.push_back(*role);
  }
  if (auto ok = parse_shifts(f, s, locations); !ok) return std::unexpected(ok.error());
  return s;
}

template <class T, class Parse>
Result<std::vector<T>> parse_all(const Fields& root, std::string_view key, Parse parse) {
  auto items = objects(root, key);
  if (!items) return std::unexpected(items.error());
  std::vector<T> out;
  for (const auto& item : *items) {
    auto t = parse(item, static_cast<Id>(out.size() + 1));
    if (!t) return std::unexpected(t.error());
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace

Result<DirectoryData> load_clinics(const std::filesystem::path& file) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  Fields root(*doc, file.string(), "");
  if (auto ok = root.only({"about", "locations", "resources", "staff"}); !ok) return std::unexpected(ok.error());
  DirectoryData data;
  auto locations = parse_all<Location>(root, "locations", parse_location);
  if (!locations) return std::unexpected(locations.error());
  data.locations = std::move(*locations);
  Codes codes;
  for (const auto& l : data.locations) codes.emplace(l.code, l.id);
  auto resources = parse_all<Resource>(root, "resources", [&](const Fields& f, Id id) { return parse_resource(f, id, codes); });
  if (!resources) return std::unexpected(resources.error());
  data.resources = std::move(*resources);
  auto staff = parse_all<StaffMember>(root, "staff", [&](const Fields& f, Id id) { return parse_staff(f, id, codes); });
  if (!staff) return std::unexpected(staff.error());
  data.staff = std::move(*staff);
  if (auto ok = validate(data); !ok) return std::unexpected(in_file(file, ok.error()));
  return data;
}

}  // namespace kc::catalog
