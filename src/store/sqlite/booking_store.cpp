// SqliteStore's booking transactions: insert_booking, apply_change, idempotency.
#include <fmt/format.h>

#include "store/sqlite/detail/pool.h"
#include "store/sqlite/detail/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store::sqlite {

using namespace kc::clinic;

namespace {

Result<std::optional<Id>> new_series(Connection& db, bool series, Instant now) {
  if (!series) return std::optional<Id>{};
  auto q = db.query("INSERT INTO series (created_at) VALUES (?1)");
  if (!q) return std::unexpected(q.error());
  if (auto ok = q->bind(1, detail::seconds(now)).run(); !ok) return std::unexpected(ok.error());
  return std::optional<Id>{db.last_insert_id()};
}

Result<std::vector<Id>> write_booking(Connection& db, const NewBooking& b) {
  auto series = new_series(db, b.series, b.event.at);
  if (!series) return std::unexpected(series.error());
  std::vector<Id> ids;
  for (const auto& a : b.appointments) {
    auto id = detail::insert_appointment(db, a, *series, b.event.at);
    if (!id) return std::unexpected(id.error());
    if (auto ok = detail::hold(db, *id, a.location_id, a.reservations); !ok) return std::unexpected(ok.error());
    AppointmentEvent e = b.event;
    e.appointment_id = *id;
    e.to_visit = a.visit;
    if (auto ok = detail::insert_event(db, e); !ok) return std::unexpected(ok.error());
    ids.push_back(*id);
  }
  return ids;
}

Result<void> write_change(Connection& db, const AppointmentChange& c, const Appointment& current) {
  auto q = db.query("UPDATE appointments SET status = ?1, start_s = ?2, end_s = ?3, updated_at = ?4, "
                    "version = version + 1 WHERE id = ?5 AND version = ?6");
  if (!q) return std::unexpected(q.error());
  const Interval visit = c.visit.value_or(current.visit);
  q->bind(1, to_string(c.status)).bind(2, detail::seconds(visit.begin)).bind(3, detail::seconds(visit.end));
  q->bind(4, detail::seconds(c.event.at)).bind(5, c.appointment_id).bind(6, c.expected_version);
  if (auto ok = q->run(); !ok) return ok;
  if (db.changes() != 1)
    return fail(ErrorCode::conflict, "version",
                fmt::format("version: appointment {} changed meanwhile; read it again", c.appointment_id),
                "stale_version");
  if (c.reservations) {
    if (auto ok = detail::release(db, c.appointment_id, false); !ok) return ok;
    return detail::hold(db, c.appointment_id, current.location_id, *c.reservations);
  }
  if (holds_resources(current.status) && !holds_resources(c.status)) return detail::release(db, c.appointment_id, true);
  return {};
}

}  // namespace

Result<StoredBooking> SqliteStore::insert_booking(const NewBooking& booking) {
  return in_transaction(write_mutex_, *writer_, [&](Connection& db) -> Result<StoredBooking> {
    if (!booking.idempotency_key.empty()) {
      auto earlier = detail::idempotent_ids(db, booking.idempotency_key, booking.fingerprint);
      if (!earlier) return std::unexpected(earlier.error());
      if (*earlier) {
        auto appointments = detail::read_appointments(db, **earlier);
        if (!appointments) return std::unexpected(appointments.error());
        return StoredBooking{std::move(*appointments), true};
      }
    }
    auto ids = write_booking(db, booking);
    if (!ids) return std::unexpected(ids.error());
    if (!booking.idempotency_key.empty())
      if (auto ok = detail::remember_key(db, booking.idempotency_key, booking.fingerprint, *ids, booking.event.at); !ok)
        return std::unexpected(ok.error());
    auto appointments = detail::read_appointments(db, *ids);
    if (!appointments) return std::unexpected(appointments.error());
    return StoredBooking{std::move(*appointments), false};
  });
}

Result<std::optional<StoredBooking>> SqliteStore::find_idempotent(std::string_view key, std::string_view fingerprint) {
  auto lease = readers_->take();
  if (!lease) return std::unexpected(lease.error());
  auto ids = detail::idempotent_ids(**lease, key, fingerprint);
  if (!ids) return std::unexpected(ids.error());
  if (!*ids) return std::optional<StoredBooking>{};
  auto appointments = detail::read_appointments(**lease, **ids);
  if (!appointments) return std::unexpected(appointments.error());
  return std::optional<StoredBooking>{StoredBooking{std::move(*appointments), true}};
}

Result<Appointment> SqliteStore::apply_change(const AppointmentChange& change) {
  return in_transaction(write_mutex_, *writer_, [&](Connection& db) -> Result<Appointment> {
    auto current = detail::read_appointment(db, change.appointment_id);
    if (!current) return current;
    if (auto ok = write_change(db, change, *current); !ok) return std::unexpected(ok.error());
    if (auto ok = detail::insert_event(db, change.event); !ok) return std::unexpected(ok.error());
    return detail::read_appointment(db, change.appointment_id);
  });
}

}  // namespace kc::store::sqlite
