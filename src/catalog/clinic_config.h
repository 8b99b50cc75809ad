#pragma once
// Clinic configuration and demo data files, read strictly (unknown fields are
// errors; each error names the file and the field):
//   data/clinic/appointment_types.json   appointment types (durations, requirements, sources)
//   data/clinic/booking_policy.json      booking rules (notice, horizon, series)
//   data/demo/clinics.json               locations, resources, staff and shifts
//   data/demo/patients.json, appointments.json   invented demo patients and bookings
//   data/geo/*.json                      ZIP code and city coordinates (approximate)
// The formats are documented in docs/clinic-data.md.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clinic/directory.h"
#include "clinic/locator.h"
#include "clinic/policy.h"

namespace kc::catalog {

Result<std::vector<clinic::AppointmentType>> load_appointment_types(const std::filesystem::path& file);
Result<clinic::BookingPolicy> load_booking_policy(const std::filesystem::path& file);
// Ids are assigned in file order (locations 1.., staff 1.., resources 1..) and
// only link the records; a store assigns its own when seeding. Validated with
// clinic::validate.
Result<clinic::DirectoryData> load_clinics(const std::filesystem::path& file);
// Every data/geo/*.json file.
Result<clinic::Gazetteer> load_gazetteer(const std::filesystem::path& geo_dir);

struct DemoPatient {
  std::string key;  // how demo appointments refer to the patient
  clinic::Patient patient;
};

struct DemoBooking {
  std::string patient_key, location, type;
  clinic::Mode mode = clinic::Mode::in_person;
  int day_offset = 1;   // days after the seeding day
  int time_min = 540;   // preferred local time of day
  std::optional<int> series_count;
};

struct DemoData {
  std::vector<DemoPatient> patients;
  std::vector<DemoBooking> bookings;
};

Result<DemoData> load_demo(const std::filesystem::path& demo_dir);

}  // namespace kc::catalog
