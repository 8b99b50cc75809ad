#pragma once
// An in-memory ClinicStore for domain tests of the use cases, keeping the
// promises of clinic/ports.h that tests/store/contract checks on every backend:
// versions, not-found and stale-version errors, the overlap refusal (done in
// code; the real store does it with a database constraint), idempotency keys,
// history, and the listing orders and filters. Not thread-safe: tests call it
// from one thread.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "clinic/ports.h"

namespace kc::clinic::testing {

class FakeStore final : public ClinicStore {
 public:
  FakeStore() = default;
  // Already seeded with `data` (ids as given).
  explicit FakeStore(DirectoryData data) : data_(std::move(data)) {}

  Result<DirectoryData> load_directory() override { return data_; }
  Result<void> seed_directory(const DirectoryData& data) override {
    if (!data_.locations.empty()) return fail(ErrorCode::precondition_failed, "directory", "already seeded");
    auto types = std::move(data_.types);
    data_ = data;
    data_.types = std::move(types);
    return {};
  }
  Result<void> sync_appointment_types(const std::vector<AppointmentType>& types) override {
    for (auto t : types) {
      auto same = std::ranges::find(data_.types, t.code, &AppointmentType::code);
      t.id = same != data_.types.end() ? same->id : next_type_id();
      if (same != data_.types.end()) *same = t;
      else data_.types.push_back(t);
    }
    return {};
  }

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
  Result<Patient> update_patient(const Patient& p) override {
    auto current = patient(p.id);
    if (!current) return current;
    if (current->version != p.version) return fail(ErrorCode::conflict, "version", "changed meanwhile", "stale_version");
    Patient stored = p;
    ++stored.version;
    return patients_[p.id] = stored;
  }
  Result<std::vector<Patient>> find_patients(const PatientQuery& query) override {
    std::vector<Patient> out;
    for (const auto& [id, p] : patients_)
      if (matches(p, query)) out.push_back(p);
    std::ranges::sort(out, [](const Patient& a, const Patient& b) {
      return std::tuple(lower(a.family_name), lower(a.given_name), a.id) <
             std::tuple(lower(b.family_name), lower(b.given_name), b.id);
    });
    if (out.size() > static_cast<std::size_t>(std::max(query.limit, 0))) out.resize(static_cast<std::size_t>(query.limit));
    return out;
  }
  Result<std::vector<Patient>> patients(const std::vector<Id>& ids) override {
    std::vector<Patient> out;
    for (Id id : ids) {
      auto p = patient(id);
      if (!p) return std::unexpected(p.error());
      out.push_back(*p);
    }
    return out;
  }
  Result<std::vector<CareLocation>> care_of(Id patient_id) override {
    std::vector<CareLocation> out;
    for (const auto& c : care_)
      if (c.patient_id == patient_id) out.push_back(c);
    std::ranges::stable_sort(out, {}, &CareLocation::since);
    return out;
  }
  Result<CareLocation> add_care(const CareLocation& c) override {
    if (in_care_at(*care_of(c.patient_id), c.location_id))
      return fail(ErrorCode::conflict, "location", "already in care", "already_in_care");
    care_.push_back(c);
    return c;
  }

  // Reservations of appointments at the location (resources and staff), and
  // of the location's staff wherever they are booked.
  Result<std::vector<Reservation>> busy_at(Id location_id, Interval range) override {
    return held(range, [&](const Appointment& a, const Reservation& r) {
      if (r.key.cls == ResourceKey::Class::patient) return false;
      return a.location_id == location_id || (r.key.cls == ResourceKey::Class::staff && works_at(r.key.id, location_id));
    });
  }
  Result<std::vector<Reservation>> busy_of(ResourceKey key, Interval range) override {
    return held(range, [&](const Appointment&, const Reservation& r) { return r.key == key; });
  }
  Result<Appointment> appointment(Id id) override {
    if (id < 1 || id > static_cast<Id>(appointments_.size())) return fail(ErrorCode::not_found, "id", "no such appointment");
    return appointments_[static_cast<std::size_t>(id - 1)];
  }

  Result<StoredBooking> insert_booking(const IdempotencyKey& key, const BookingPlan& plan) override {
    if (auto used = keys_.find(key.key); !key.key.empty() && used != keys_.end()) return replay(key, used->second);
    auto booking = plan(*this);
    if (!booking) return std::unexpected(booking.error());
    if (!fits(booking->appointments)) return fail(ErrorCode::conflict, "start", "taken", "slot_taken");
    StoredBooking stored;
    const std::optional<Id> series = booking->series ? std::optional<Id>(++series_count_) : std::nullopt;
    for (auto a : booking->appointments) {
      a.id = static_cast<Id>(appointments_.size() + 1);
      a.version = 1;
      a.series_id = series;
      appointments_.push_back(a);
      events_.push_back(booking->event);
      events_.back().appointment_id = a.id;
      stored.appointments.push_back(a);
    }
    if (booking->care) care_.push_back(*booking->care);
    if (!key.key.empty()) keys_[key.key] = {key.fingerprint, stored.appointments};
    return stored;
  }
  Result<std::vector<AppointmentEvent>> history(Id id) override {
    std::vector<AppointmentEvent> out;
    for (const auto& e : events_)
      if (e.appointment_id == id) out.push_back(e);
    return out;
  }
  Result<Appointment> apply_change(Id id, const ChangePlan& plan) override {
    auto current = appointment(id);
    if (!current) return current;
    auto change = plan(*this, *current);
    if (!change) return std::unexpected(change.error());
    if (change->expected_version != current->version)
      return fail(ErrorCode::conflict, "version", "changed meanwhile", "stale_version");
    Appointment next = *current;
    next.status = change->status;
    if (change->visit) next.visit = *change->visit;
    if (change->reservations) next.reservations = *change->reservations;
    ++next.version;
    auto& slot = appointments_[static_cast<std::size_t>(id - 1)];
    slot.status = Status::cancelled;  // its own reservations do not stand in its way
    const bool free = !holds_resources(next.status) || fits({next});
    slot = free ? next : *current;
    if (!free) return fail(ErrorCode::conflict, "start", "taken", "slot_taken");
    events_.push_back(change->event);
    events_.back().appointment_id = id;
    return next;
  }
  Result<std::vector<Appointment>> appointments_at(Id location_id, Interval range) override {
    return sorted([&](const Appointment& a) { return a.location_id == location_id && a.visit.overlaps(range); });
  }
  Result<std::vector<Appointment>> appointments_of(Id patient_id) override {
    return sorted([&](const Appointment& a) { return a.patient_id == patient_id; });
  }

  const std::vector<Appointment>& all() const { return appointments_; }

 private:
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  bool matches(const Patient& p, const PatientQuery& q) const {
    const auto prefix = lower(q.name);
    const bool named = q.name.empty() || lower(p.given_name).starts_with(prefix) || lower(p.family_name).starts_with(prefix);
    const bool born = !q.date_of_birth || p.date_of_birth == *q.date_of_birth;
    return named && born && in_scope(p.id, q.location_ids);
  }
  bool in_scope(Id patient_id, const std::optional<std::vector<Id>>& location_ids) const {
    if (!location_ids) return true;
    std::vector<CareLocation> care;
    for (const auto& c : care_)
      if (c.patient_id == patient_id) care.push_back(c);
    return care.empty() || std::ranges::any_of(*location_ids, [&](Id l) { return in_care_at(care, l); });
  }
  bool works_at(Id staff_id, Id location_id) const {
    return std::ranges::any_of(data_.staff, [&](const StaffMember& s) {
      return s.id == staff_id && std::ranges::find(s.location_ids, location_id) != s.location_ids.end();
    });
  }
  Id next_type_id() const {
    Id highest = 0;
    for (const auto& t : data_.types) highest = std::max(highest, t.id);
    return highest + 1;
  }
  // No reservation of `appointments` overlaps one held, nor another of them.
  bool fits(const std::vector<Appointment>& appointments) {
    std::vector<Reservation> planned;
    for (const auto& a : appointments)
      for (const auto& r : a.reservations) {
        if (!busy_of(r.key, r.when)->empty()) return false;
        if (std::ranges::any_of(planned, [&](const Reservation& p) { return p.key == r.key && p.when.overlaps(r.when); }))
          return false;
        planned.push_back(r);
      }
    return true;
  }
  Result<StoredBooking> replay(const IdempotencyKey& key, const std::pair<std::string, std::vector<Appointment>>& used) {
    if (used.first != key.fingerprint)
      return fail(ErrorCode::precondition_failed, "Idempotency-Key", "used for another request", "idempotency_key_reused");
    StoredBooking stored{{}, true};
    for (const auto& a : used.second) stored.appointments.push_back(appointments_[static_cast<std::size_t>(a.id - 1)]);
    return stored;
  }
  template <class Match>
  std::vector<Appointment> sorted(Match match) const {
    std::vector<Appointment> out;
    for (const auto& a : appointments_)
      if (match(a)) out.push_back(a);
    std::ranges::stable_sort(out, {}, [](const Appointment& a) { return a.visit.begin; });
    return out;
  }
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
  std::vector<AppointmentEvent> events_;
  std::vector<CareLocation> care_;
  std::map<std::string, std::pair<std::string, std::vector<Appointment>>> keys_;
  Id series_count_ = 0;
};

}  // namespace kc::clinic::testing
