// The clinic's ports over the engine: reads and single-statement writes; the
// booking transactions are in booking_records.cpp.
#include "store/sql/clinic_records.h"

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql {

using namespace kc::clinic;

Result<DirectoryData> ClinicRecords::load_directory() {
  return engine_.read([](Connection& db) { return detail::load_directory(db); });
}

Result<void> ClinicRecords::seed_directory(const DirectoryData& data) {
  return engine_.write<void>([&](Connection& db) -> Result<void> {
    auto q = db.query("SELECT count(*) FROM locations");
    if (!q) return std::unexpected(q.error());
    if (auto row = q->step(); !row) return std::unexpected(row.error());
    if (q->int64(0) > 0)
      return std::unexpected(sql::refusal("directory.seed"));
    return detail::insert_directory(db, data);
  });
}

Result<void> ClinicRecords::sync_appointment_types(const std::vector<AppointmentType>& types) {
  return engine_.write<void>([&](Connection& db) { return detail::upsert_types(db, types); });
}

Result<Patient> ClinicRecords::create_patient(const Patient& patient) {
  return engine_.write<Patient>([&](Connection& db) { return detail::insert_patient(db, patient); });
}

Result<Patient> ClinicRecords::patient(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_patient(db, id); });
}

Result<Patient> ClinicRecords::update_patient(const Patient& patient) {
  return engine_.write<Patient>([&](Connection& db) { return detail::write_patient(db, patient); });
}

Result<std::vector<Patient>> ClinicRecords::find_patients(const PatientQuery& query) {
  return engine_.read([&](Connection& db) { return detail::search_patients(db, query); });
}

Result<std::vector<CareLocation>> ClinicRecords::care_of(Id patient_id) {
  return engine_.read([&](Connection& db) { return detail::care_of(db, patient_id); });
}

Result<CareLocation> ClinicRecords::add_care(const CareLocation& care) {
  return engine_.write<CareLocation>([&](Connection& db) { return detail::insert_care(db, care); });
}

Result<std::vector<Patient>> ClinicRecords::patients(const std::vector<Id>& ids) {
  return engine_.read([&](Connection& db) -> Result<std::vector<Patient>> {
    std::vector<Patient> out;
    for (Id id : ids) {
      auto p = detail::read_patient(db, id);
      if (!p) return std::unexpected(p.error());
      out.push_back(std::move(*p));
    }
    return out;
  });
}

Result<std::vector<Reservation>> ClinicRecords::busy_at(Id location_id, Interval range) {
  return engine_.read([&](Connection& db) { return detail::busy_at(db, location_id, range, longest_s_.load()); });
}

Result<std::vector<Reservation>> ClinicRecords::busy_of(ResourceKey key, Interval range) {
  return engine_.read([&](Connection& db) { return detail::busy_of(db, key, range, longest_s_.load()); });
}

void ClinicRecords::note_length(const std::vector<Reservation>& reservations) {
  for (const auto& r : reservations) {
    const std::int64_t length = detail::seconds(r.when.end) - detail::seconds(r.when.begin);
    for (auto seen = longest_s_.load(); length > seen && !longest_s_.compare_exchange_weak(seen, length);) {
    }
  }
}

Result<Appointment> ClinicRecords::appointment(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_appointment(db, id); });
}

Result<std::vector<AppointmentEvent>> ClinicRecords::history(Id appointment_id) {
  return engine_.read([&](Connection& db) { return detail::read_history(db, appointment_id); });
}

Result<std::vector<Appointment>> ClinicRecords::appointments_at(Id location_id, Interval range) {
  return engine_.read([&](Connection& db) { return detail::appointments_at(db, location_id, range); });
}

Result<std::vector<Appointment>> ClinicRecords::appointments_of(Id patient_id) {
  return engine_.read([&](Connection& db) { return detail::appointments_of(db, patient_id); });
}

}  // namespace kc::store::sql
