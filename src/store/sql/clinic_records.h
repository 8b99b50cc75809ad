#pragma once
// The clinic's ports (clinic/ports.h: directory, patients, appointments and
// bookings) over any SQL engine. Reads run on the engine's readers; every
// write is one job of the engine's write transaction, so a booking plans
// against the latest state and the reservation cells' primary key still has
// the last word (constraint_reasons.h: slot_taken, patient_busy).
#include <atomic>
#include <cstdint>
#include <vector>

#include "clinic/ports.h"
#include "store/sql/engine.h"

namespace kc::store::sql {

class ClinicRecords : public clinic::ClinicStore {
 public:
  // `longest_reservation_s`: the longest active reservation at start (detail::longest_reservation).
  ClinicRecords(Engine& engine, std::int64_t longest_reservation_s) : engine_(engine), longest_s_(longest_reservation_s) {}

  // DirectoryStore
  Result<clinic::DirectoryData> load_directory() override;
  Result<void> seed_directory(const clinic::DirectoryData& data) override;
  Result<void> sync_appointment_types(const std::vector<clinic::AppointmentType>& types) override;
  // PatientStore
  Result<clinic::Patient> create_patient(const clinic::Patient& patient) override;
  Result<clinic::Patient> patient(clinic::Id id) override;
  Result<clinic::Patient> update_patient(const clinic::Patient& patient) override;
  Result<std::vector<clinic::Patient>> find_patients(const clinic::PatientQuery& query) override;
  Result<std::vector<clinic::Patient>> patients(const std::vector<clinic::Id>& ids) override;
  Result<std::vector<clinic::CareLocation>> care_of(clinic::Id patient_id) override;
  Result<clinic::CareLocation> add_care(const clinic::CareLocation& care) override;
  // AppointmentStore (booking_records.cpp for the two transactions)
  Result<std::vector<clinic::Reservation>> busy_at(clinic::Id location_id, clinic::Interval range) override;
  Result<std::vector<clinic::Reservation>> busy_of(clinic::ResourceKey key, clinic::Interval range) override;
  Result<clinic::Appointment> appointment(clinic::Id id) override;
  Result<clinic::StoredBooking> insert_booking(const clinic::IdempotencyKey& key,
                                               const clinic::BookingPlan& plan) override;
  Result<std::vector<clinic::AppointmentEvent>> history(clinic::Id appointment_id) override;
  Result<clinic::Appointment> apply_change(clinic::Id appointment_id, const clinic::ChangePlan& plan) override;
  Result<std::vector<clinic::Appointment>> appointments_at(clinic::Id location_id, clinic::Interval range) override;
  Result<std::vector<clinic::Appointment>> appointments_of(clinic::Id patient_id) override;

 private:
  // Notes that a reservation of this length exists (called after writes).
  void note_length(const std::vector<clinic::Reservation>& reservations);

  Engine& engine_;
  // The longest active reservation, so that range queries scan only what can
  // overlap; grows with this process's writes (other processes sharing the
  // database use the same configuration, hence the same lengths).
  std::atomic<std::int64_t> longest_s_;
};

}  // namespace kc::store::sql
