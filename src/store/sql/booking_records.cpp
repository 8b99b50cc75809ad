// The booking transactions: insert_booking (with idempotency replay) and apply_change, planned inside one write job.
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/measures_rows.h"
#include "store/sql/detail/rows.h"
#include "store/sql/clinic_records.h"

namespace kc::store::sql {

using namespace kc::clinic;

namespace {

// What a plan reads inside the write transaction: the writer's own connection,
// which sees every committed write and the transaction's own.
class TxReader final : public AppointmentReader {
 public:
  TxReader(Connection& db, std::int64_t lookback_s) : db_(db), lookback_s_(lookback_s) {}
  Result<std::vector<Reservation>> busy_at(Id location_id, Interval range) override {
    return detail::busy_at(db_, location_id, range, lookback_s_);
  }
  Result<std::vector<Reservation>> busy_of(ResourceKey key, Interval range) override {
    return detail::busy_of(db_, key, range, lookback_s_);
  }
  Result<Appointment> appointment(Id id) override { return detail::read_appointment(db_, id); }
  Result<std::vector<CareLocation>> care_of(Id patient_id) override { return detail::care_of(db_, patient_id); }

 private:
  Connection& db_;
  std::int64_t lookback_s_;
};

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
  if (b.care)
    if (auto ok = detail::insert_care(db, *b.care); !ok) return std::unexpected(ok.error());
  for (auto a : b.assignments) {
    if (ids.empty()) break;
    a.appointment_id = ids.front();
    if (auto ok = detail::insert_assignment(db, a, true); !ok) return std::unexpected(ok.error());
  }
  return ids;
}

Result<void> write_change(Connection& db, const AppointmentChange& c, const Appointment& current) {
  const Id id = current.id;
  auto q = db.query("UPDATE appointments SET status = ?1, start_s = ?2, end_s = ?3, updated_at = ?4, "
                    "version = version + 1 WHERE id = ?5 AND version = ?6");
  if (!q) return std::unexpected(q.error());
  const Interval visit = c.visit.value_or(current.visit);
  q->bind(1, to_string(c.status)).bind(2, detail::seconds(visit.begin)).bind(3, detail::seconds(visit.end));
  q->bind(4, detail::seconds(c.event.at)).bind(5, id).bind(6, c.expected_version);
  if (auto ok = q->run(); !ok) return ok;
  if (db.changes() != 1)
    return std::unexpected(sql::refusal("appointment.change", id));
  if (c.reservations) {
    if (auto ok = detail::release(db, id, false); !ok) return ok;
    return detail::hold(db, id, current.location_id, *c.reservations);
  }
  if (holds_resources(current.status) && !holds_resources(c.status)) return detail::release(db, id, true);
  return {};
}

}  // namespace

Result<StoredBooking> ClinicRecords::insert_booking(const IdempotencyKey& key, const BookingPlan& plan) {
  return engine_.write<StoredBooking>([&](Connection& db) -> Result<StoredBooking> {
    if (!key.key.empty()) {
      auto earlier = detail::idempotent_ids(db, key.key, key.fingerprint);
      if (!earlier) return std::unexpected(earlier.error());
      if (*earlier) {
        auto appointments = detail::read_appointments(db, **earlier);
        if (!appointments) return std::unexpected(appointments.error());
        return StoredBooking{std::move(*appointments), true};
      }
    }
    TxReader reader(db, longest_s_.load());
    auto booking = plan(reader);
    if (!booking) return std::unexpected(booking.error());
    for (const auto& a : booking->appointments) note_length(a.reservations);
    auto ids = write_booking(db, *booking);
    if (!ids) return std::unexpected(ids.error());
    if (!key.key.empty())
      if (auto ok = detail::remember_key(db, key.key, key.fingerprint, *ids, booking->event.at); !ok)
        return std::unexpected(ok.error());
    auto appointments = detail::read_appointments(db, *ids);
    if (!appointments) return std::unexpected(appointments.error());
    return StoredBooking{std::move(*appointments), false};
  });
}

Result<Appointment> ClinicRecords::apply_change(Id appointment_id, const ChangePlan& plan) {
  return engine_.write<Appointment>([&](Connection& db) -> Result<Appointment> {
    auto current = detail::read_appointment(db, appointment_id);
    if (!current) return current;
    TxReader reader(db, longest_s_.load());
    auto change = plan(reader, *current);
    if (!change) return std::unexpected(change.error());
    if (change->reservations) note_length(*change->reservations);
    if (auto ok = write_change(db, *change, *current); !ok) return std::unexpected(ok.error());
    if (auto ok = detail::insert_event(db, change->event); !ok) return std::unexpected(ok.error());
    return detail::read_appointment(db, appointment_id);
  });
}

}  // namespace kc::store::sql
