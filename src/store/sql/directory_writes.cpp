// Seeding the directory and syncing appointment types (inside a transaction).
#include <map>

#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;
using IdMap = std::map<Id, Id>;  // id in the given data -> id in the database

// `sql` takes ?1 owner, ?2 location (may go unused), ?3 weekday, ?4 begin, ?5 end.
Result<void> insert_spans(Connection& db, const char* sql, Id owner, Id location, int weekday,
                          const std::vector<LocalSpan>& spans) {
  for (const auto& s : spans) {
    auto q = db.query(sql);
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, owner).bind(2, location).bind(3, std::int64_t{weekday}).bind(4, std::int64_t{s.begin_min})
                      .bind(5, std::int64_t{s.end_min}).run();
        !ok)
      return ok;
  }
  return {};
}

Result<Id> insert_location(Connection& db, const Location& l) {
  auto q = db.query("INSERT INTO locations (code, name, line1, city, region, postal_code, country, phone, zone, "
                    "lat_deg, lon_deg) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, l.code).bind(2, l.name).bind(3, l.address.line1).bind(4, l.address.city).bind(5, l.address.region);
  q->bind(6, l.address.postal_code).bind(7, l.address.country).bind(8, l.phone).bind(9, l.zone_name);
  if (auto ok = q->bind(10, l.position.lat_deg).bind(11, l.position.lon_deg).run(); !ok) return std::unexpected(ok.error());
  const Id id = db.last_insert_id();
  for (int d = 0; d < 7; ++d)
    if (auto ok = insert_spans(db, "INSERT INTO location_hours (location_id, weekday, begin_min, end_min) "
                                   "VALUES (?1, ?3, ?4, ?5)",
                               id, id, d, l.hours.days[d]);
        !ok)
      return std::unexpected(ok.error());
  for (const auto& c : l.closures) {
    auto cq = db.query("INSERT INTO location_closures (location_id, day, reason) VALUES (?1, ?2, ?3)");
    if (!cq) return std::unexpected(cq.error());
    if (auto ok = cq->bind(1, id).bind(2, format_date(date::year_month_day{c.day})).bind(3, c.reason).run(); !ok)
      return std::unexpected(ok.error());
  }
  return id;
}

Result<void> insert_staff(Connection& db, const StaffMember& s, const IdMap& locations) {
  auto q = db.query("INSERT INTO staff (code, display_name) VALUES (?1, ?2)");
  if (!q) return std::unexpected(q.error());
  if (auto ok = q->bind(1, s.code).bind(2, s.display_name).run(); !ok) return ok;
  const Id id = db.last_insert_id();
  for (Role role : s.roles) {
    auto r = db.query("INSERT INTO staff_roles (staff_id, role) VALUES (?1, ?2)");
    if (!r) return std::unexpected(r.error());
    if (auto ok = r->bind(1, id).bind(2, to_string(role)).run(); !ok) return ok;
  }
  for (Id location : s.location_ids) {
    auto l = db.query("INSERT INTO staff_locations (staff_id, location_id) VALUES (?1, ?2)");
    if (!l) return std::unexpected(l.error());
    if (auto ok = l->bind(1, id).bind(2, locations.at(location)).run(); !ok) return ok;
  }
  for (const auto& sh : s.shifts)
    if (auto ok = insert_spans(db, "INSERT INTO shifts (staff_id, location_id, weekday, begin_min, end_min) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                               id, locations.at(sh.location_id), static_cast<int>(sh.weekday.c_encoding()), {sh.span});
        !ok)
      return ok;
  return {};
}

Result<void> insert_resource(Connection& db, const Resource& r, const IdMap& locations) {
  auto q = db.query("INSERT INTO resources (location_id, code, name, kind) VALUES (?1, ?2, ?3, ?4)");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, locations.at(r.location_id)).bind(2, r.code).bind(3, r.name).bind(4, to_string(r.kind)).run();
}

Result<Id> upsert_type_row(Connection& db, const AppointmentType& t) {
  auto q = db.query(
      "INSERT INTO appointment_types (code, name, prep_min, service_min, recovery_min, buffer_before_min, "
      "buffer_after_min, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (code) DO UPDATE SET "
      "name = excluded.name, prep_min = excluded.prep_min, service_min = excluded.service_min, "
      "recovery_min = excluded.recovery_min, buffer_before_min = excluded.buffer_before_min, "
      "buffer_after_min = excluded.buffer_after_min, source = excluded.source RETURNING id");
  if (!q) return std::unexpected(q.error());
  q->bind(1, t.code).bind(2, t.name).bind(3, std::int64_t{t.prep_min}).bind(4, std::int64_t{t.service_min});
  q->bind(5, std::int64_t{t.recovery_min}).bind(6, std::int64_t{t.buffer_before_min});
  q->bind(7, std::int64_t{t.buffer_after_min}).bind(8, t.source);
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  const Id id = q->int64(0);
  if (auto done = q->run(); !done) return std::unexpected(done.error());
  return id;
}

Result<void> insert_requirement(Connection& db, Id type_id, int position, const Requirement& r) {
  auto q = db.query("INSERT INTO appointment_type_requirements (type_id, position, kind, resource_kind, role, span, "
                    "exclusive, in_person_only) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!q) return std::unexpected(q.error());
  const bool staff = r.kind == Requirement::Kind::staff;
  q->bind(1, type_id).bind(2, std::int64_t{position}).bind(3, staff ? "staff" : "resource");
  if (staff) q->bind(5, to_string(r.role));
  else q->bind(4, to_string(r.resource_kind));
  return q->bind(6, to_string(r.span)).bind(7, std::int64_t{r.exclusive}).bind(8, std::int64_t{r.in_person_only}).run();
}

Result<void> replace_type_details(Connection& db, Id id, const AppointmentType& t) {
  for (const char* sql : {"DELETE FROM appointment_type_modes WHERE type_id = ?1",
                          "DELETE FROM appointment_type_requirements WHERE type_id = ?1"}) {
    auto q = db.query(sql);
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, id).run(); !ok) return ok;
  }
  for (Mode m : t.modes) {
    auto q = db.query("INSERT INTO appointment_type_modes (type_id, mode) VALUES (?1, ?2)");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, id).bind(2, to_string(m)).run(); !ok) return ok;
  }
  for (std::size_t i = 0; i < t.requirements.size(); ++i)
    if (auto ok = insert_requirement(db, id, static_cast<int>(i), t.requirements[i]); !ok) return ok;
  return {};
}

}  // namespace

Result<void> insert_directory(Connection& db, const DirectoryData& data) {
  IdMap locations;
  for (const auto& l : data.locations) {
    auto id = insert_location(db, l);
    if (!id) return std::unexpected(id.error());
    locations[l.id] = *id;
  }
  for (const auto& s : data.staff)
    if (auto ok = insert_staff(db, s, locations); !ok) return ok;
  for (const auto& r : data.resources)
    if (auto ok = insert_resource(db, r, locations); !ok) return ok;
  return {};
}

Result<void> upsert_types(Connection& db, const std::vector<AppointmentType>& types) {
  for (const auto& t : types) {
    auto id = upsert_type_row(db, t);
    if (!id) return std::unexpected(id.error());
    if (auto ok = replace_type_details(db, *id, t); !ok) return ok;
  }
  return {};
}

}  // namespace kc::store::sql::detail
