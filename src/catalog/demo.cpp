// data/demo/patients.json and appointments.json: invented patients and the
// bookings `ketaclinic serve --demo` makes for them, relative to the day it runs.
#include <fmt/format.h>

#include <set>

#include "catalog/clinic_config.h"
#include "catalog/json_lists.h"
#include "core/units.h"

namespace kc::catalog {
namespace {

using namespace kc::clinic;

Result<DemoPatient> parse_patient(const Fields& f) {
  if (auto ok = f.only({"key", "given_name", "family_name", "date_of_birth", "sex", "email", "phone", "weight"}); !ok)
    return std::unexpected(ok.error());
  auto key = f.string("key"), given = f.string("given_name"), family = f.string("family_name");
  auto dob = f.string("date_of_birth"), sex = f.string("sex"), email = f.string("email"), phone = f.string("phone");
  auto weight = f.string("weight");
  if (auto e = first_error(key, given, family, dob, sex, email, phone, weight)) return std::unexpected(*e);
  DemoPatient p{*key, {}};
  p.patient.given_name = *given, p.patient.family_name = *family, p.patient.email = *email, p.patient.phone = *phone;
  auto day = parse_date(*dob, "date_of_birth");
  auto s = parse_sex(*sex, "sex");
  auto kg = units::parse_weight_kg(*weight, "weight");
  if (!day) return std::unexpected(f.error("date_of_birth", day.error().message));
  if (!s) return std::unexpected(f.error("sex", s.error().message));
  if (!kg) return std::unexpected(f.error("weight", kg.error().message));
  p.patient.date_of_birth = *day, p.patient.sex = *s, p.patient.weight_kg = *kg;
  return p;
}

Result<DemoBooking> parse_booking(const Fields& f) {
  if (auto ok = f.only({"patient", "location", "type", "mode", "day", "time", "series_count"}); !ok)
    return std::unexpected(ok.error());
  DemoBooking b;
  auto patient = f.string("patient"), location = f.string("location"), type = f.string("type");
  auto time = f.string("time");
  if (auto e = first_error(patient, location, type, time)) return std::unexpected(*e);
  b.patient_key = *patient, b.location = *location, b.type = *type;
  auto mode = f.optional_string("mode");
  auto day = integer(f, "day", 1, 60);
  auto minute = parse_time_of_day(*time, "time");
  if (auto e = first_error(mode, day)) return std::unexpected(*e);
  if (!minute) return std::unexpected(f.error("time", minute.error().message));
  if (*mode) {
    auto m = parse_mode(**mode, "mode");
    if (!m) return std::unexpected(f.error("mode", m.error().message));
    b.mode = *m;
  }
  b.day_offset = *day, b.time_min = *minute;
  if (f.has("series_count")) {
    auto count = integer(f, "series_count", 2, 12);
    if (!count) return std::unexpected(count.error());
    b.series_count = *count;
  }
  return b;
}

template <class T, class Parse>
Result<std::vector<T>> read_list(const std::filesystem::path& file, std::string_view key, Parse parse) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  Fields root(*doc, file.string(), "");
  if (auto ok = root.only({"about", key}); !ok) return std::unexpected(ok.error());
  auto items = objects(root, key);
  if (!items) return std::unexpected(items.error());
  std::vector<T> out;
  for (const auto& item : *items) {
    auto t = parse(item);
    if (!t) return std::unexpected(t.error());
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace

Result<DemoData> load_demo(const std::filesystem::path& demo_dir) {
  auto patients = read_list<DemoPatient>(demo_dir / "patients.json", "patients", parse_patient);
  if (!patients) return std::unexpected(patients.error());
  auto bookings = read_list<DemoBooking>(demo_dir / "appointments.json", "appointments", parse_booking);
  if (!bookings) return std::unexpected(bookings.error());
  std::set<std::string> keys;
  for (const auto& p : *patients) keys.insert(p.key);
  for (std::size_t i = 0; i < bookings->size(); ++i)
    if (!keys.contains((*bookings)[i].patient_key))
      return fail(ErrorCode::invalid_argument, fmt::format("appointments[{}].patient", i),
                  fmt::format("{}: appointments[{}].patient: no demo patient '{}'", (demo_dir / "appointments.json").string(),
                              i, (*bookings)[i].patient_key));
  return DemoData{std::move(*patients), std::move(*bookings)};
}

}  // namespace kc::catalog
