#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sqlite/detail/pool.h"
#include "store/sqlite/detail/rows.h"
#include "store/sqlite/migrations.h"

namespace kc::store::sqlite {

using namespace kc::clinic;

SqliteStore::SqliteStore(std::string path, OpenOptions options, std::unique_ptr<Connection> writer)
    : path_(std::move(path)), options_(options), readers_(std::make_unique<Pool>(path_, options)),
      writer_(std::make_unique<detail::Writer>(std::move(writer))) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, const OpenOptions& options) {
  auto writer = Connection::open(path, options);
  if (!writer) return std::unexpected(writer.error());
  if (auto v = migrate(**writer); !v) return std::unexpected(v.error());
  auto longest = detail::longest_reservation(**writer);
  if (!longest) return std::unexpected(longest.error());
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, options, std::move(*writer)));
  store->longest_s_ = *longest;
  return store;
}

Result<DirectoryData> SqliteStore::load_directory() {
  return with_reader(*readers_, [](Connection& db) { return detail::load_directory(db); });
}

Result<void> SqliteStore::seed_directory(const DirectoryData& data) {
  return writer_->write<void>([&](Connection& db) -> Result<void> {
    auto q = db.query("SELECT count(*) FROM locations");
    if (!q) return std::unexpected(q.error());
    if (auto row = q->step(); !row) return std::unexpected(row.error());
    if (q->int64(0) > 0)
      return std::unexpected(sql::refusal("directory.seed"));
    return detail::insert_directory(db, data);
  });
}

Result<void> SqliteStore::sync_appointment_types(const std::vector<AppointmentType>& types) {
  return writer_->write<void>([&](Connection& db) { return detail::upsert_types(db, types); });
}

Result<Patient> SqliteStore::create_patient(const Patient& patient) {
  return writer_->write<Patient>([&](Connection& db) { return detail::insert_patient(db, patient); });
}

Result<Patient> SqliteStore::patient(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_patient(db, id); });
}

Result<Patient> SqliteStore::update_patient(const Patient& patient) {
  return writer_->write<Patient>([&](Connection& db) { return detail::write_patient(db, patient); });
}

Result<std::vector<Patient>> SqliteStore::find_patients(const PatientQuery& query) {
  return with_reader(*readers_, [&](Connection& db) { return detail::search_patients(db, query); });
}

Result<std::vector<CareLocation>> SqliteStore::care_of(Id patient_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::care_of(db, patient_id); });
}

Result<CareLocation> SqliteStore::add_care(const CareLocation& care) {
  return writer_->write<CareLocation>([&](Connection& db) { return detail::insert_care(db, care); });
}

Result<std::vector<Patient>> SqliteStore::patients(const std::vector<Id>& ids) {
  return with_reader(*readers_, [&](Connection& db) -> Result<std::vector<Patient>> {
    std::vector<Patient> out;
    for (Id id : ids) {
      auto p = detail::read_patient(db, id);
      if (!p) return std::unexpected(p.error());
      out.push_back(std::move(*p));
    }
    return out;
  });
}

Result<std::vector<Reservation>> SqliteStore::busy_at(Id location_id, Interval range) {
  return with_reader(*readers_, [&](Connection& db) { return detail::busy_at(db, location_id, range, longest_s_.load()); });
}

Result<std::vector<Reservation>> SqliteStore::busy_of(ResourceKey key, Interval range) {
  return with_reader(*readers_, [&](Connection& db) { return detail::busy_of(db, key, range, longest_s_.load()); });
}

void SqliteStore::note_length(const std::vector<Reservation>& reservations) {
  for (const auto& r : reservations) {
    const std::int64_t length = detail::seconds(r.when.end) - detail::seconds(r.when.begin);
    for (auto seen = longest_s_.load(); length > seen && !longest_s_.compare_exchange_weak(seen, length);) {
    }
  }
}

Result<Appointment> SqliteStore::appointment(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_appointment(db, id); });
}

Result<std::vector<AppointmentEvent>> SqliteStore::history(Id appointment_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_history(db, appointment_id); });
}

Result<std::vector<Appointment>> SqliteStore::appointments_at(Id location_id, Interval range) {
  return with_reader(*readers_, [&](Connection& db) { return detail::appointments_at(db, location_id, range); });
}

Result<std::vector<Appointment>> SqliteStore::appointments_of(Id patient_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::appointments_of(db, patient_id); });
}

}  // namespace kc::store::sqlite
