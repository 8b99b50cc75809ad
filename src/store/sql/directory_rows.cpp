// Reading and writing the clinic directory (configuration tables).
#include <fmt/format.h>

#include <map>

#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

template <class T>
T* find_by_id(std::vector<T>& items, Id id) {
  for (auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

template <class F>
Result<void> each_of(Connection& db, const char* sql, F&& on_row) {
  auto q = db.query(sql);
  if (!q) return std::unexpected(q.error());
  return q->each(std::forward<F>(on_row));
}

Result<std::vector<Location>> load_locations(Connection& db) {
  auto q = db.query("SELECT id, code, name, line1, city, region, postal_code, country, phone, zone, lat_deg, lon_deg "
                    "FROM locations ORDER BY id");
  if (!q) return std::unexpected(q.error());
  std::vector<Location> out;
  auto ok = q->each([&](Query& r) {
    out.push_back({r.int64(0), r.text(1), r.text(2), {r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)},
                   r.text(8), r.text(9), nullptr, {r.real(10), r.real(11)}, {}, {}});
  });
  if (!ok) return std::unexpected(ok.error());
  for (auto& l : out) {
    auto zone = find_zone(l.zone_name, fmt::format("locations[{}].zone", l.code));
    if (!zone) return std::unexpected(zone.error());
    l.zone = *zone;
  }
  return out;
}

Result<void> load_hours(Connection& db, std::vector<Location>& locations) {
  auto q = db.query("SELECT location_id, weekday, begin_min, end_min FROM location_hours "
                    "ORDER BY location_id, weekday, begin_min");
  if (!q) return std::unexpected(q.error());
  auto ok = q->each([&](Query& r) {
    if (auto* l = find_by_id(locations, r.int64(0)))
      l->hours.days[r.int64(1)].push_back({static_cast<int>(r.int64(2)), static_cast<int>(r.int64(3))});
  });
  if (!ok) return ok;
  auto c = db.query("SELECT location_id, day, reason FROM location_closures ORDER BY location_id, day");
  if (!c) return std::unexpected(c.error());
  return c->each([&](Query& r) {
    // The column only ever holds what insert_directory wrote from a parsed date.
    auto day = parse_date(r.text(1), "location_closures.day");
    if (auto* l = find_by_id(locations, r.int64(0)); l && day) l->closures.push_back({date::local_days{*day}, r.text(2)});
  });
}

Result<std::vector<StaffMember>> load_staff(Connection& db) {
  std::vector<StaffMember> staff;
  auto q = db.query("SELECT id, code, display_name FROM staff ORDER BY id");
  if (!q) return std::unexpected(q.error());
  auto ok = q->each([&](Query& r) { staff.push_back({r.int64(0), r.text(1), r.text(2), {}, {}, {}}); });
  if (!ok) return std::unexpected(ok.error());
  // CHECK constraints keep role names valid; value_or only satisfies the type.
  ok = each_of(db, "SELECT staff_id, role FROM staff_roles ORDER BY staff_id, role", [&](Query& r) {
    if (auto* s = find_by_id(staff, r.int64(0))) s->roles.push_back(parse_role(r.text(1), "role").value_or(Role::admin));
  });
  if (!ok) return std::unexpected(ok.error());
  ok = each_of(db, "SELECT staff_id, location_id FROM staff_locations ORDER BY staff_id, location_id", [&](Query& r) {
    if (auto* s = find_by_id(staff, r.int64(0))) s->location_ids.push_back(r.int64(1));
  });
  if (!ok) return std::unexpected(ok.error());
  ok = each_of(db, "SELECT staff_id, location_id, weekday, begin_min, end_min FROM shifts "
                   "ORDER BY staff_id, location_id, weekday, begin_min", [&](Query& r) {
    if (auto* s = find_by_id(staff, r.int64(0)))
      s->shifts.push_back({r.int64(1), date::weekday{static_cast<unsigned>(r.int64(2))},
                           {static_cast<int>(r.int64(3)), static_cast<int>(r.int64(4))}});
  });
  if (!ok) return std::unexpected(ok.error());
  return staff;
}

Result<std::vector<Resource>> load_resources(Connection& db) {
  auto q = db.query("SELECT id, location_id, code, name, kind FROM resources ORDER BY id");
  if (!q) return std::unexpected(q.error());
  std::vector<Resource> out;
  auto ok = q->each([&](Query& r) {
    out.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3),
                   parse_resource_kind(r.text(4), "kind").value_or(ResourceKind::chair)});
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Requirement requirement_row(Query& q) {
  Requirement r;
  r.kind = q.text(1) == "staff" ? Requirement::Kind::staff : Requirement::Kind::resource;
  if (!q.is_null(2)) r.resource_kind = parse_resource_kind(q.text(2), "resource_kind").value_or(ResourceKind::chair);
  if (!q.is_null(3)) r.role = parse_role(q.text(3), "role").value_or(Role::prescriber);
  r.span = parse_span(q.text(4), "span").value_or(Span::visit);
  r.exclusive = q.int64(5) != 0;
  r.in_person_only = q.int64(6) != 0;
  return r;
}

Result<std::vector<AppointmentType>> load_types(Connection& db) {
  auto q = db.query("SELECT id, code, name, prep_min, service_min, recovery_min, buffer_before_min, "
                    "buffer_after_min, source FROM appointment_types ORDER BY id");
  if (!q) return std::unexpected(q.error());
  std::vector<AppointmentType> out;
  auto ok = q->each([&](Query& r) {
    auto i = [&](int c) { return static_cast<int>(r.int64(c)); };
    out.push_back({r.int64(0), r.text(1), r.text(2), i(3), i(4), i(5), i(6), i(7), {}, {}, r.text(8)});
  });
  if (!ok) return std::unexpected(ok.error());
  ok = each_of(db, "SELECT type_id, mode FROM appointment_type_modes ORDER BY type_id, mode", [&](Query& r) {
    if (auto* t = find_by_id(out, r.int64(0))) t->modes.push_back(parse_mode(r.text(1), "mode").value_or(Mode::in_person));
  });
  if (!ok) return std::unexpected(ok.error());
  ok = each_of(db, "SELECT type_id, kind, resource_kind, role, span, exclusive, in_person_only "
                   "FROM appointment_type_requirements ORDER BY type_id, position", [&](Query& r) {
    if (auto* t = find_by_id(out, r.int64(0))) t->requirements.push_back(requirement_row(r));
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace

Result<DirectoryData> load_directory(Connection& db) {
  DirectoryData data;
  auto locations = load_locations(db);
  if (!locations) return std::unexpected(locations.error());
  data.locations = std::move(*locations);
  if (auto ok = load_hours(db, data.locations); !ok) return std::unexpected(ok.error());
  auto staff = load_staff(db);
  if (!staff) return std::unexpected(staff.error());
  data.staff = std::move(*staff);
  auto resources = load_resources(db);
  if (!resources) return std::unexpected(resources.error());
  data.resources = std::move(*resources);
  auto types = load_types(db);
  if (!types) return std::unexpected(types.error());
  data.types = std::move(*types);
  return data;
}

}  // namespace kc::store::sql::detail
