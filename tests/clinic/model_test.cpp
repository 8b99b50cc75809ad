// Lifecycle, directory validation, iCalendar, locator distances, patient checks.
#include <gtest/gtest.h>

#include "clinic/ics.h"
#include "clinic/locator.h"
#include "clinic/patients.h"
#include "fixtures.h"

namespace kc::clinic {
namespace {

using namespace testing;

TEST(LifecycleTest, AllowsOnlyTheDocumentedTransitions) {
  const Status all[] = {Status::booked, Status::checked_in, Status::in_progress, Status::completed, Status::cancelled,
                        Status::no_show};
  const std::pair<Status, Status> allowed[] = {
      {Status::booked, Status::checked_in},      {Status::booked, Status::cancelled},
      {Status::booked, Status::no_show},         {Status::checked_in, Status::in_progress},
      {Status::checked_in, Status::cancelled},   {Status::checked_in, Status::no_show},
      {Status::in_progress, Status::completed}};
  for (Status from : all)
    for (Status to : all) {
      const bool expected = std::find(std::begin(allowed), std::end(allowed), std::pair{from, to}) != std::end(allowed);
      EXPECT_EQ(can_transition(from, to), expected) << to_string(from) << " -> " << to_string(to);
    }
  EXPECT_FALSE(holds_resources(Status::cancelled));
  EXPECT_FALSE(holds_resources(Status::no_show));
  EXPECT_TRUE(holds_resources(Status::completed));
}

TEST(DirectoryTest, ValidatesReferencesBoundariesAndCodes) {
  EXPECT_TRUE(validate(clinic_data()).has_value());
  struct Case {
    void (*spoil)(DirectoryData&);
    const char* field;
  };
  const Case cases[] = {
      {[](DirectoryData& d) { d.locations[0].hours.days[1] = {{9 * 60 + 3, 17 * 60}}; }, "locations[test].hours.mon[0]"},
      {[](DirectoryData& d) { d.locations[0].hours.days[2] = {{9 * 60, 12 * 60}, {11 * 60, 13 * 60}}; }, "locations[test].hours.tue[1]"},
      {[](DirectoryData& d) { d.locations[0].zone = nullptr; }, "locations[test].zone"},
      {[](DirectoryData& d) { d.staff[0].shifts.push_back({2, date::Monday, {0, 60}}); }, "staff[doc].shifts"},
      {[](DirectoryData& d) { d.resources[0].location_id = 99; }, "resources[test-chair]"},
      {[](DirectoryData& d) { d.types[0].service_min = 62; }, "appointment_types[consultation]"},
      {[](DirectoryData& d) { d.types[1].code = "consultation"; }, "appointment_types[consultation]"},
      {[](DirectoryData& d) { d.locations[1].code = "All Day"; }, "locations[All Day]"},
  };
  for (const auto& c : cases) {
    auto d = clinic_data();
    c.spoil(d);
    auto r = validate(d);
    ASSERT_FALSE(r.has_value()) << c.field;
    EXPECT_EQ(r.error().field, c.field);
  }
}

TEST(IcsTest, WritesOneFoldedEscapedUtcEvent) {
  Directory d(clinic_data());
  Location loc = d.locations()[0];
  loc.name = "Ketaclinic Demo; Allen, TX";
  loc.address = {"100 Demo Parkway, Suite 110", "Allen", "TX", "75013", "US"};
  loc.phone = "+1 972-555-0101";
  Appointment a;
  a.id = 42;
  a.version = 3;
  a.visit = {at("2026-11-02T09:00:00-06:00"), at("2026-11-02T10:55:00-06:00")};
  const auto text = to_ics(a, loc, infusion(), {"example.org", at("2026-11-01T12:00:00Z")});
  for (const char* line : {"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "UID:appointment-42@example.org\r\n",
                           "DTSTART:20261102T150000Z\r\n", "DTEND:20261102T165500Z\r\n", "DTSTAMP:20261101T120000Z\r\n",
                           "SEQUENCE:3\r\n", "STATUS:CONFIRMED\r\n", "SUMMARY:Infusion at Ketaclinic Demo\\; Allen\\, TX\r\n",
                           "END:VCALENDAR\r\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  std::size_t begin = 0;
  for (auto end = text.find("\r\n"); end != std::string::npos; begin = end + 2, end = text.find("\r\n", begin))
    EXPECT_LE(end - begin, 75u) << text.substr(begin, end - begin);
  EXPECT_EQ(text.find('\n', 0) - 1, text.find("\r\n"));
}

TEST(IcsTest, FoldingNeverSplitsAUtf8Character) {
  const std::string line = "SUMMARY:" + std::string(66, 'x') + "\xC3\xA9\xC3\xA9\xC3\xA9";  // "ééé" straddles 75
  const auto folded = ics_fold(line);
  const auto br = folded.find("\r\n ");
  ASSERT_NE(br, std::string::npos);
  EXPECT_NE(static_cast<unsigned char>(folded[br + 3]) & 0xC0, 0x80);
  EXPECT_EQ(ics_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(LocatorTest, GreatCircleDistancesMatchClosedForms) {
  // On a sphere of radius R = 3958.8 mi: equator to pole is R*pi/2, one degree
  // along a meridian or the equator is R*pi/180, antipodes are R*pi apart.
  constexpr double kR = 3958.8, kPi = 3.141592653589793;
  EXPECT_NEAR(distance_miles({0, 0}, {90, 0}), kR * kPi / 2, 1e-6);
  EXPECT_NEAR(distance_miles({33, -96}, {34, -96}), kR * kPi / 180, 1e-6);
  EXPECT_NEAR(distance_miles({0, 10}, {0, 11}), kR * kPi / 180, 1e-6);
  EXPECT_NEAR(distance_miles({0, 0}, {0, 180}), kR * kPi, 1e-6);
  EXPECT_DOUBLE_EQ(distance_miles({33.1, -96.6}, {33.1, -96.6}), 0);
}

TEST(LocatorTest, GazetteerLooksUpZipsAndCitiesLeniently) {
  Gazetteer g;
  g.add_zip("75013", {"75013 (Allen)", {33.1189, -96.6775}});
  g.add_city("Allen", "TX", {"Allen, TX", {33.1032, -96.6706}});
  EXPECT_EQ(g.zip("75013", "zip")->name, "75013 (Allen)");
  EXPECT_EQ(g.zip("7501", "zip").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(g.zip("99999", "zip").error().code, ErrorCode::not_found);
  for (const char* name : {"Allen", "allen", " ALLEN , tx ", "Allen,TX"}) EXPECT_TRUE(g.city(name, "city").has_value()) << name;
  EXPECT_EQ(g.city("Allen, OK", "city").error().field, "city");
}

TEST(LocatorTest, NearestSortsByDistance) {
  auto data = clinic_data();
  data.locations[0].position = {33.1032, -96.6706};  // Allen
  data.locations[1].position = {32.7767, -96.7970};  // Dallas
  Directory d(std::move(data));
  auto near = nearest(d, {33.1189, -96.6775}, 5);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(near[0].location->code, "test");
  EXPECT_LT(near[0].distance_mi, 2);
  EXPECT_NEAR(near[1].distance_mi, 24, 2);
}

TEST(PatientCheckTest, NamesEveryBadField) {
  Patient p;
  p.date_of_birth = date::year{2030} / 1 / 1;
  p.email = "not-an-address";
  p.phone = "12";
  p.weight_kg = 1000;
  std::vector<std::string> fields;
  for (const auto& e : check_patient(p, date::year{2026} / 11 / 27)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"given_name", "family_name", "date_of_birth", "email", "phone", "weight"}));
  p = {};
  p.given_name = "Alex";
  p.family_name = "Demo";
  p.date_of_birth = date::year{1980} / 2 / 29;
  p.email = "alex.demo@example.com";
  p.phone = "+1 (469) 555-0101";
  p.weight_kg = 70;
  EXPECT_TRUE(check_patient(p, date::year{2026} / 11 / 27).empty());
}

}  // namespace
}  // namespace kc::clinic
