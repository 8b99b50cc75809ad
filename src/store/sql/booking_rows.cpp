// Writes of the booking transaction: appointments, reservations (and their
// cells, whose primary key refuses any overlap), events, idempotency keys.
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

std::int64_t first_cell(Instant t) { return seconds(t) / kCellSeconds; }
std::int64_t end_cell(Instant t) { return (seconds(t) + kCellSeconds - 1) / kCellSeconds; }

// One statement per reservation writes all its cells (a recursive CTE counts them).
Result<void> insert_cells(Connection& db, Id appointment_id, const Reservation& r) {
  auto q = db.query("INSERT INTO reservation_cells (cls, ref_id, cell, appointment_id) "
                    "WITH RECURSIVE c(x) AS (SELECT ?3 UNION ALL SELECT x + 1 FROM c WHERE x + 1 < ?4) "
                    "SELECT ?1, ?2, x, ?5 FROM c");
  if (!q) return std::unexpected(q.error());
  q->bind(1, static_cast<std::int64_t>(r.key.cls)).bind(2, r.key.id).bind(3, first_cell(r.when.begin));
  q->refusing(r.key.cls == ResourceKey::Class::patient ? "booking.patient_cells" : "booking.cells");
  return q->bind(4, end_cell(r.when.end)).bind(5, appointment_id).run();
}

std::string join(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += fmt::format("{}{}", out.empty() ? "" : ",", id);
  return out;
}

std::vector<Id> split(const std::string& text) {
  std::vector<Id> out;
  for (std::size_t begin = 0; begin < text.size();) {
    auto comma = text.find(',', begin);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(std::stoll(text.substr(begin, comma - begin)));
    begin = comma + 1;
  }
  return out;
}

void bind_optional_interval(Query& q, int first, const std::optional<Interval>& i) {
  if (!i) return;
  q.bind(first, seconds(i->begin)).bind(first + 1, seconds(i->end));
}

}  // namespace

Result<void> insert_event(Connection& db, const AppointmentEvent& e) {
  auto q = db.query("INSERT INTO appointment_events (appointment_id, at_s, actor_kind, actor_id, action, from_status, "
                    "to_status, from_start_s, from_end_s, to_start_s, to_end_s, reason) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, e.appointment_id).bind(2, seconds(e.at)).bind(3, e.actor.kind).bind(4, e.actor.id).bind(5, e.action);
  if (e.from_status) q->bind(6, to_string(*e.from_status));
  if (e.to_status) q->bind(7, to_string(*e.to_status));
  bind_optional_interval(*q, 8, e.from_visit);
  bind_optional_interval(*q, 10, e.to_visit);
  return q->bind(12, e.reason).run();
}

Result<void> hold(Connection& db, Id appointment_id, Id location_id, const std::vector<Reservation>& reservations) {
  for (const auto& r : reservations) {
    auto q = db.query("INSERT INTO reservations (appointment_id, cls, ref_id, location_id, begin_s, end_s, active) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)");
    if (!q) return std::unexpected(q.error());
    q->bind(1, appointment_id).bind(2, static_cast<std::int64_t>(r.key.cls)).bind(3, r.key.id).bind(4, location_id);
    if (auto ok = q->bind(5, seconds(r.when.begin)).bind(6, seconds(r.when.end)).run(); !ok) return ok;
    if (auto ok = insert_cells(db, appointment_id, r); !ok) return ok;
  }
  return {};
}

// Frees the cells; keeps the reservation rows (inactive) when the appointment
// stays on the board as cancelled, deletes them when a reschedule replaces them.
Result<void> release(Connection& db, Id appointment_id, bool keep_rows) {
  const char* rows = keep_rows ? "UPDATE reservations SET active = 0 WHERE appointment_id = ?1"
                               : "DELETE FROM reservations WHERE appointment_id = ?1";
  for (const char* sql : {"DELETE FROM reservation_cells WHERE appointment_id = ?1", rows}) {
    auto q = db.query(sql);
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, appointment_id).run(); !ok) return ok;
  }
  return {};
}

Result<Id> insert_appointment(Connection& db, const Appointment& a, std::optional<Id> series, Instant now) {
  auto q = db.query("INSERT INTO appointments (patient_id, location_id, type_id, mode, start_s, end_s, status, "
                    "series_id, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, a.patient_id).bind(2, a.location_id).bind(3, a.type_id).bind(4, to_string(a.mode));
  q->bind(5, seconds(a.visit.begin)).bind(6, seconds(a.visit.end)).bind(7, to_string(a.status));
  if (auto ok = q->bind(8, series).bind(9, seconds(now)).run(); !ok) return std::unexpected(ok.error());
  return db.last_insert_id();
}

Result<std::optional<std::vector<Id>>> idempotent_ids(Connection& db, std::string_view key,
                                                      std::string_view fingerprint) {
  auto q = db.query("SELECT fingerprint, appointment_ids FROM idempotency_keys WHERE key = ?1");
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, key).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::vector<Id>>{};
  if (q->text(0) != fingerprint)
    return std::unexpected(sql::refusal("booking.idempotency_key"));
  return std::optional<std::vector<Id>>{split(q->text(1))};
}

Result<void> remember_key(Connection& db, std::string_view key, std::string_view fingerprint,
                          const std::vector<Id>& ids, Instant now) {
  auto q = db.query("INSERT INTO idempotency_keys (key, fingerprint, appointment_ids, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, key).bind(2, fingerprint).bind(3, join(ids)).bind(4, seconds(now)).run();
}

}  // namespace kc::store::sql::detail
