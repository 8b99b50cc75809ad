#pragma once
// The fixture of the clinic ports' contract: a fresh store of the backend with
// the clinic of tests/clinic/fixtures.h seeded into it, and small builders of
// patients and bookings. Ids are looked up by code, since a store assigns its own.
#include <string>
#include <vector>

#include "../../clinic/fixtures.h"
#include "backends.h"

namespace kc::contract {

using clinic::testing::at;

inline clinic::Patient patient_named(const char* given, const char* family = "Demo", int birth_year = 1980) {
  clinic::Patient p;
  p.given_name = given;
  p.family_name = family;
  p.date_of_birth = date::year{birth_year} / 1 / 2;
  p.created_at = p.updated_at = at("2026-10-01T00:00:00Z");
  return p;
}

// "resource 3 15:00:00-16:00:00", to compare reservations in any order.
inline std::vector<std::string> described(const std::vector<clinic::Reservation>& reservations) {
  std::vector<std::string> out;
  for (const auto& r : reservations)
    out.push_back(fmt::format("{} {} {}-{}", static_cast<int>(r.key.cls), r.key.id,
                              clinic::format_instant(r.when.begin, date::locate_zone("UTC")),
                              clinic::format_instant(r.when.end, date::locate_zone("UTC"))));
  std::ranges::sort(out);
  return out;
}

template <class Backend>
class ClinicContract : public ::testing::Test {
 protected:
  void SetUp() override {
    auto data = clinic::testing::clinic_data();
    ASSERT_TRUE(store().seed_directory(data).has_value());
    ASSERT_TRUE(store().sync_appointment_types(data.types).has_value());
    auto loaded = store().load_directory();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    directory = std::move(*loaded);
  }

  clinic::ClinicStore& store() { return backend.clinic(); }

  clinic::Id location(std::string_view code) const { return by_code(directory.locations, code); }
  clinic::Id resource(std::string_view code) const { return by_code(directory.resources, code); }
  clinic::Id staff(std::string_view code) const { return by_code(directory.staff, code); }
  clinic::Id type(std::string_view code) const { return by_code(directory.types, code); }

  clinic::Id new_patient(const char* given = "Alex") { return store().create_patient(patient_named(given)).value().id; }

  clinic::Reservation chair(const char* begin, const char* end, std::string_view code = "test-chair") const {
    return {{clinic::ResourceKey::Class::resource, resource(code)}, {at(begin), at(end)}};
  }
  clinic::Reservation person(std::string_view code, const char* begin, const char* end) const {
    return {{clinic::ResourceKey::Class::staff, staff(code)}, {at(begin), at(end)}};
  }

  // An infusion at "test" for `patient` from `begin` to `end`, holding `reservations`.
  clinic::Appointment visit(clinic::Id patient, const char* begin, const char* end,
                            std::vector<clinic::Reservation> reservations, std::string_view at_location = "test") const {
    clinic::Appointment a;
    a.patient_id = patient;
    a.location_id = location(at_location);
    a.type_id = type("infusion");
    a.visit = {at(begin), at(end)};
    a.reservations = std::move(reservations);
    return a;
  }

  static clinic::NewBooking booking(std::vector<clinic::Appointment> appointments, bool series = false) {
    clinic::NewBooking b;
    b.appointments = std::move(appointments);
    b.series = series;
    b.event = clinic::make_event(0, at("2026-10-01T00:00:00Z"), {"system", "test"}, "booked", std::nullopt,
                                 clinic::Status::booked, "");
    return b;
  }

  // Stores `b` as planned: no check in code stands before the store's own.
  Result<clinic::StoredBooking> insert(const clinic::NewBooking& b, const clinic::IdempotencyKey& key = {}) {
    return store().insert_booking(key, [&](clinic::AppointmentReader&) -> Result<clinic::NewBooking> { return b; });
  }

  // A change as planned, based on `version`.
  Result<clinic::Appointment> change(clinic::Id id, std::int64_t version, clinic::Status to,
                                     std::optional<std::vector<clinic::Reservation>> reservations = std::nullopt,
                                     std::optional<clinic::Interval> visit = std::nullopt) {
    clinic::AppointmentChange c;
    c.expected_version = version;
    c.status = to;
    c.visit = visit;
    c.reservations = std::move(reservations);
    c.event = clinic::make_event(id, at("2026-10-02T00:00:00Z"), {"staff", "1"}, "status", std::nullopt, to, "contract");
    return store().apply_change(
        id, [&](clinic::AppointmentReader&, const clinic::Appointment&) -> Result<clinic::AppointmentChange> { return c; });
  }

  Backend backend;
  clinic::DirectoryData directory;

 private:
  template <class T>
  static clinic::Id by_code(const std::vector<T>& records, std::string_view code) {
    for (const auto& r : records)
      if (r.code == code) return r.id;
    ADD_FAILURE() << "no record with code " << code;
    return 0;
  }
};

}  // namespace kc::contract
