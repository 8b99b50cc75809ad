// The clinic data files: the shipped ones load and say what the docs say, and
// broken ones are refused with the file and the field named.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "catalog/clinic_config.h"

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

TEST(ClinicDataTest, ShippedFilesLoad) {
  auto types = load_appointment_types(kData / "clinic" / "appointment_types.json");
  ASSERT_TRUE(types.has_value()) << types.error().message;
  ASSERT_EQ(types->size(), 4u);
  EXPECT_EQ((*types)[1].code, "infusion");
  EXPECT_EQ((*types)[1].service_min, 40);  // Murrough 2013 [S6]
  EXPECT_EQ((*types)[2].recovery_min, 120);  // Spravato REMS [S16]: at least 2 h
  auto policy = load_booking_policy(kData / "clinic" / "booking_policy.json");
  ASSERT_TRUE(policy.has_value()) << policy.error().message;
  EXPECT_EQ(policy->series.default_count, 6);
  EXPECT_EQ(policy->cancel_notice_min, 24 * 60);
  auto clinics = load_clinics(kData / "demo" / "clinics.json");
  ASSERT_TRUE(clinics.has_value()) << clinics.error().message;
  ASSERT_EQ(clinics->locations.size(), 4u);
  for (const auto& l : clinics->locations) EXPECT_EQ(l.zone_name, "America/Chicago");
  auto demo = load_demo(kData / "demo");
  ASSERT_TRUE(demo.has_value()) << demo.error().message;
  EXPECT_EQ(demo->patients.size(), 20u);
  for (const auto& p : demo->patients) EXPECT_EQ(p.patient.family_name, "Demo");
  auto geo = load_gazetteer(kData / "geo");
  ASSERT_TRUE(geo.has_value()) << geo.error().message;
  EXPECT_EQ(geo->zip("75013", "zip")->name, "75013 (Allen)");
  EXPECT_TRUE(geo->city("Frisco, TX", "city").has_value());
}

struct Broken {
  const char* name;
  const char* json;
  const char* field;
};

std::filesystem::path write(const std::string& text) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() / fmt::format("kc-clinic-data-{}-{}.json", getpid(), n++);
  std::ofstream(path) << text;
  return path;
}

const std::string kType =
    R"("code": "c", "name": "C", "prep": "0min", "recovery": "0min", "buffer_before": "0min", "buffer_after": "0min",
       "modes": ["in_person"], "requirements": [{"staff": "prescriber"}], "source": "s")";

TEST(ClinicDataTest, BrokenAppointmentTypesNameTheField) {
  const Broken cases[] = {
      {"unknown field", R"({"appointment_types": [{"service": "30min", "colour": "red", )", "appointment_types[0].colour"},
      {"bare number", R"({"appointment_types": [{"service": "30", )", "appointment_types[0].service"},
      {"wrong unit", R"({"appointment_types": [{"service": "30mg", )", "appointment_types[0].service"},
      {"off the 5-minute grid", R"({"appointment_types": [{"service": "32min", )", "appointment_types[c]"},
  };
  for (const auto& c : cases) {
    const auto file = write(std::string(c.json) + kType + "}]}");
    auto r = load_appointment_types(file);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().field, c.field) << c.name;
    EXPECT_NE(r.error().message.find(file.string()), std::string::npos) << c.name;
    std::filesystem::remove(file);
  }
}

TEST(ClinicDataTest, BrokenClinicsNameTheField) {
  const std::string location =
      R"({"code": "a", "name": "A", "address": {"line1": "1", "city": "C", "region": "TX", "postal_code": "7", "country": "US"},
          "phone": "555", "zone": "America/Chicago", "position": {"lat": 33, "lon": -96}, "hours": {"mon": ["08:00-12:00"]}})";
  const Broken cases[] = {
      {"unknown zone", R"("zone": "Texas/Allen")", "locations[0].zone"},
      {"shift at an unknown location", R"("shift_location": "b")", "staff[0].shifts[0].location"},
      {"malformed shift time", R"("shift_time": "8-5")", "staff[0].shifts[0].time"},
  };
  for (const auto& c : cases) {
    std::string loc = location, shift_location = "a", shift_time = "08:00-12:00";
    const std::string tweak = c.json;
    const std::string zone = R"("zone": "America/Chicago")";
    if (tweak.starts_with(R"("zone")")) loc.replace(loc.find(zone), zone.size(), tweak);
    if (tweak.starts_with(R"("shift_location")")) shift_location = "b";
    if (tweak.starts_with(R"("shift_time")")) shift_time = "8-5";
    const auto file = write(fmt::format(
        R"({{"locations": [{}], "resources": [], "staff": [{{"code": "s", "name": "S", "roles": ["nurse"],
            "shifts": [{{"location": "{}", "days": ["mon"], "time": "{}"}}]}}]}})",
        loc, shift_location, shift_time));
    auto r = load_clinics(file);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().field, c.field) << c.name << ": " << r.error().message;
    std::filesystem::remove(file);
  }
}

TEST(ClinicDataTest, BrokenPolicyNamesTheSetting) {
  std::ifstream in(kData / "clinic" / "booking_policy.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find(R"("slot_step": "15min")"), 20, R"("slot_step": "7min")");
  const auto file = write(text);
  auto r = load_booking_policy(file);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "slot_step");
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace kc::catalog
