// Reading appointments, their reservations and history, and busy intervals.
#include <fmt/format.h>

#include "clinic/policy.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

constexpr std::int64_t kMaxReservationSeconds = std::int64_t{kMaxReservationMin} * 60;

Appointment appointment_row(Query& q) {
  Appointment a;
  a.id = q.int64(0);
  a.patient_id = q.int64(1);
  a.location_id = q.int64(2);
  a.type_id = q.int64(3);
  // CHECK constraints keep these names valid; value_or only satisfies the type.
  a.mode = parse_mode(q.text(4), "mode").value_or(Mode::in_person);
  a.visit = {instant(q.int64(5)), instant(q.int64(6))};
  a.status = parse_status(q.text(7), "status").value_or(Status::booked);
  if (!q.is_null(8)) a.series_id = q.int64(8);
  a.created_at = instant(q.int64(9));
  a.updated_at = instant(q.int64(10));
  a.version = q.int64(11);
  return a;
}

Reservation reservation_row(Query& q, int first) {
  return {{static_cast<ResourceKey::Class>(q.int64(first)), q.int64(first + 1)},
          {instant(q.int64(first + 2)), instant(q.int64(first + 3))}};
}

Result<void> load_reservations(Connection& db, Appointment& a) {
  auto q = db.query("SELECT cls, ref_id, begin_s, end_s FROM reservations WHERE appointment_id = ?1 ORDER BY cls, ref_id");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, a.id).each([&](Query& r) { a.reservations.push_back(reservation_row(r, 0)); });
}

std::optional<Status> optional_status(Query& q, int column) {
  if (q.is_null(column)) return std::nullopt;
  return parse_status(q.text(column), "status").value_or(Status::booked);
}

std::optional<Interval> optional_interval(Query& q, int column) {
  if (q.is_null(column)) return std::nullopt;
  return Interval{instant(q.int64(column)), instant(q.int64(column + 1))};
}

Result<std::vector<Reservation>> collect(Query& q) {
  std::vector<Reservation> out;
  auto ok = q.each([&](Query& r) { out.push_back(reservation_row(r, 0)); });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace

Result<Appointment> read_appointment(Connection& db, Id id) {
  auto q = db.query("SELECT id, patient_id, location_id, type_id, mode, start_s, end_s, status, series_id, "
                    "created_at, updated_at, version FROM appointments WHERE id = ?1");
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no appointment {}", id));
  Appointment a = appointment_row(*q);
  if (auto ok = load_reservations(db, a); !ok) return std::unexpected(ok.error());
  return a;
}

Result<std::vector<Appointment>> read_appointments(Connection& db, const std::vector<Id>& ids) {
  std::vector<Appointment> out;
  for (Id id : ids) {
    auto a = read_appointment(db, id);
    if (!a) return std::unexpected(a.error());
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::vector<Appointment>> appointments_at(Connection& db, Id location_id, Interval range) {
  auto q = db.query("SELECT id FROM appointments WHERE location_id = ?1 AND start_s >= ?2 AND start_s < ?3 "
                    "AND end_s > ?4 ORDER BY start_s, id");
  if (!q) return std::unexpected(q.error());
  std::vector<Id> ids;
  q->bind(1, location_id).bind(2, seconds(range.begin) - kMaxReservationSeconds).bind(3, seconds(range.end));
  auto ok = q->bind(4, seconds(range.begin)).each([&](Query& r) { ids.push_back(r.int64(0)); });
  if (!ok) return std::unexpected(ok.error());
  return read_appointments(db, ids);
}

Result<std::vector<Appointment>> appointments_of(Connection& db, Id patient_id) {
  auto q = db.query("SELECT id FROM appointments WHERE patient_id = ?1 ORDER BY start_s, id");
  if (!q) return std::unexpected(q.error());
  std::vector<Id> ids;
  auto ok = q->bind(1, patient_id).each([&](Query& r) { ids.push_back(r.int64(0)); });
  if (!ok) return std::unexpected(ok.error());
  return read_appointments(db, ids);
}

Result<std::vector<AppointmentEvent>> read_history(Connection& db, Id appointment_id) {
  auto q = db.query("SELECT at_s, actor_kind, actor_id, action, from_status, to_status, from_start_s, from_end_s, "
                    "to_start_s, to_end_s, reason FROM appointment_events WHERE appointment_id = ?1 ORDER BY id");
  if (!q) return std::unexpected(q.error());
  std::vector<AppointmentEvent> out;
  auto ok = q->bind(1, appointment_id).each([&](Query& r) {
    out.push_back({appointment_id, instant(r.int64(0)), {r.text(1), r.text(2)}, r.text(3), optional_status(r, 4),
                   optional_status(r, 5), optional_interval(r, 6), optional_interval(r, 8), r.text(10)});
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

// Resources of the location and its staff's reservations wherever they are
// booked; the begin_s lower bound lets the partial indexes do a range scan.
// CROSS JOIN fixes the join order (SQLite's rule for it): staff of the location
// first, then each one's reservations by key; without statistics the planner
// otherwise scans every staff reservation.
Result<std::vector<Reservation>> busy_at(Connection& db, Id location_id, Interval range, std::int64_t lookback_s) {
  auto q = db.query(
      "SELECT cls, ref_id, begin_s, end_s FROM reservations WHERE active = 1 AND location_id = ?1 AND cls IN (1, 2) "
      "AND begin_s >= ?4 AND begin_s < ?3 AND end_s > ?2 "
      "UNION ALL "
      "SELECT r.cls, r.ref_id, r.begin_s, r.end_s FROM staff_locations s CROSS JOIN reservations r "
      "ON r.cls = 2 AND r.ref_id = s.staff_id AND r.active = 1 AND r.begin_s >= ?4 AND r.begin_s < ?3 "
      "AND r.end_s > ?2 AND r.location_id <> ?1 WHERE s.location_id = ?1");
  if (!q) return std::unexpected(q.error());
  q->bind(1, location_id).bind(2, seconds(range.begin)).bind(3, seconds(range.end));
  q->bind(4, seconds(range.begin) - lookback_s);
  return collect(*q);
}

Result<std::vector<Reservation>> busy_of(Connection& db, ResourceKey key, Interval range, std::int64_t lookback_s) {
  auto q = db.query("SELECT cls, ref_id, begin_s, end_s FROM reservations WHERE active = 1 AND cls = ?1 "
                    "AND ref_id = ?2 AND begin_s >= ?5 AND begin_s < ?4 AND end_s > ?3");
  if (!q) return std::unexpected(q.error());
  q->bind(1, static_cast<std::int64_t>(key.cls)).bind(2, key.id).bind(3, seconds(range.begin));
  q->bind(4, seconds(range.end)).bind(5, seconds(range.begin) - lookback_s);
  return collect(*q);
}

Result<std::int64_t> longest_reservation(Connection& db) {
  auto q = db.query("SELECT coalesce(max(end_s - begin_s), 0) FROM reservations WHERE active = 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return q->int64(0);
}

}  // namespace kc::store::sql::detail
