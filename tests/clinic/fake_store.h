#pragma once
// An in-memory ClinicStore for domain tests of the use cases: enough behaviour
// to book, change and read appointments, with the overlap refusal done in
// code (the real store does it with a database constraint; tests/store).
#include <algorithm>
#include <map>

#include "clinic/ports.h"

namespace kc::clinic::testing {

class FakeStore final : public ClinicStore {
 public:
  explicit FakeStore(DirectoryData data) : data_(std::move(data)) {}

  Result<DirectoryData> load_directory() override { return data_; }
  Result<void> seed_directory(const DirectoryData&) override { return {}; }
  Result<void> sync_appointment_types(const std::vector<AppointmentType>&) override { return {}; }

  Result<Patient> create_patient(const Patient& p) override {
    Patient stored = p;
    stored.id = static_cast<Id>(patients_.size() + 1);
    stored.version = 1;
    return patients_[stored.id] = stored;
  }
  Result<Patient> patient(Id id) override {
    if (!patients_.contains(id)) return fail(ErrorCode::not_found, "id", "no such patient");
    return patients_.at(id);
  }
  Result<Patient> update_patient(const Patient& p) override { return patients_[p.id] = p; }
  Result<std::vector<Patient>> find_patients(const PatientQuery&) override { return std::vector<Patient>{}; }
  Result<std::vector<Patient>> patients(const std::vector<Id>& ids) override {
    std::vector<Patient> out;
    for (Id id : ids) out.push_back(patients_.at(id));
    return out;
  }
  Result<std::vector<CareLocation>> care_of(Id patient_id) override {
    std::vector<CareLocation> out;
    for (const auto& c : care_)
      if (c.patient_id == patient_id) out.push_back(c);
    return out;
  }
  Result<CareLocation> add_care(const CareLocation& c) override {
    if (in_care_at(*care_of(c.patient_id), c.location_id))
      return fail(ErrorCode::conflict, "location", "already in care", "already_in_care");
    care_.push_back(c);
    return c;
  }

  Result<std::vector<Reservation>> busy_at(Id location_id, Interval range) override {
    return held(range, [&](const Appointment& a, const Reservation& r) {
      return a.location_id == location_id && r.key.cls != ResourceKey::Class::patient;
    });
  }
  Result<std::vector<Reservation>> busy_of(ResourceKey key, Interval range) override {
    return held(range, [&](const Appointment&, const Reservation& r) { return r.key == key; });
  }
  Result<Appointment> appointment(Id id) override {
    if (id < 1 || id > static_cast<Id>(appointments_.size())) return fail(ErrorCode::not_found, "id", "no such appointment");
    return appointments_[static_cast<std::size_t>(id - 1)];
  }

  Result<StoredBooking> insert_booking(const IdempotencyKey&, const BookingPlan& plan) override {
    auto booking = plan(*this);
    if (!booking) return std::unexpected(booking.error());
    for (const auto& a : booking->appointments)
      for (const auto& r : a.reservations)
        if (!busy_of(r.key, r.when)->empty()) return fail(ErrorCode::conflict, "start", "taken", "slot_taken");
    StoredBooking stored;
    for (auto a : booking->appointments) {
      a.id = static_cast<Id>(appointments_.size() + 1);
      a.version = 1;
      if (booking->series) a.series_id = 1;
      appointments_.push_back(a);
      stored.appointments.push_back(a);
    }
    if (booking->care) care_.push_back(*booking->care);
    return stored;
  }
  Result<std::vector<AppointmentEvent>> history(Id) override { return std::vector<AppointmentEvent>{}; }
  Result<Appointment> apply_change(Id id, const ChangePlan& plan) override {
    auto current = appointment(id);
    if (!current) return current;
    auto change = plan(*this, *current);
    if (!change) return std::unexpected(change.error());
    auto& a = appointments_[static_cast<std::size_t>(id - 1)];
    a.status = change->status;
    if (change->visit) a.visit = *change->visit;
    if (change->reservations) a.reservations = *change->reservations;
    ++a.version;
    return a;
  }
  Result<std::vector<Appointment>> appointments_at(Id, Interval) override { return appointments_; }
  Result<std::vector<Appointment>> appointments_of(Id patient_id) override {
    std::vector<Appointment> out;
    for (const auto& a : appointments_)
      if (a.patient_id == patient_id) out.push_back(a);
    return out;
  }

  const std::vector<Appointment>& all() const { return appointments_; }

 private:
  template <class Match>
  std::vector<Reservation> held(Interval range, Match match) const {
    std::vector<Reservation> out;
    for (const auto& a : appointments_)
      if (holds_resources(a.status))
        for (const auto& r : a.reservations)
          if (r.when.overlaps(range) && match(a, r)) out.push_back(r);
    return out;
  }

  DirectoryData data_;
  std::map<Id, Patient> patients_;
  std::vector<Appointment> appointments_;
  std::vector<CareLocation> care_;
};

}  // namespace kc::clinic::testing
