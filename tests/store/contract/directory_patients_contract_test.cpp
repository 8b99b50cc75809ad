// The contract of DirectoryStore and PatientStore (clinic/ports.h) on every
// backend of backends.h: what a caller can rely on, whichever store it has.
#include "clinic_contract.h"

namespace kc::contract {
namespace {

using clinic::Id;
using clinic::Patient;

TYPED_TEST_SUITE(ClinicContract, ClinicBackends, BackendName);

std::vector<std::string> given_names(const Result<std::vector<Patient>>& found) {
  std::vector<std::string> out;
  for (const auto& p : found.value()) out.push_back(p.given_name);
  return out;
}

TYPED_TEST(ClinicContract, TheDirectoryReadsBackAsSeededAndIsSeededOnce) {
  const auto& d = this->directory;
  ASSERT_EQ(d.locations.size(), 2u);
  const auto& test = d.locations[0].code == "test" ? d.locations[0] : d.locations[1];
  EXPECT_EQ(test.zone_name, "America/Chicago");
  EXPECT_EQ(test.hours.days[1], (std::vector<clinic::LocalSpan>{{540, 1020}}));
  EXPECT_EQ(d.resources.size(), 4u);
  ASSERT_EQ(d.staff.size(), 4u);
  for (const auto& s : d.staff) EXPECT_EQ(s.shifts.size(), 7u) << s.code;
  ASSERT_EQ(d.types.size(), 3u);
  const auto& infusion = *std::ranges::find(d.types, std::string("infusion"), &clinic::AppointmentType::code);
  EXPECT_EQ(infusion.visit_min(), 115);
  ASSERT_EQ(infusion.requirements.size(), 3u);
  EXPECT_EQ(infusion.requirements[1].role, clinic::Role::nurse);
  EXPECT_FALSE(infusion.requirements[2].exclusive);
  auto again = this->store().seed_directory(clinic::testing::clinic_data());
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::precondition_failed);
  EXPECT_EQ(this->store().load_directory()->locations.size(), 2u);
}

TYPED_TEST(ClinicContract, SyncingTypesUpdatesThemByCodeKeepingTheirIds) {
  const Id follow_up = this->type("follow_up");
  auto renamed = clinic::testing::follow_up();
  renamed.name = "Check-in";
  auto added = clinic::testing::follow_up();
  added.code = "aftercare";
  ASSERT_TRUE(this->store().sync_appointment_types({renamed, added}).has_value());
  const auto types = this->store().load_directory().value().types;
  ASSERT_EQ(types.size(), 4u);
  auto with_code = [&](std::string_view code) { return *std::ranges::find(types, code, &clinic::AppointmentType::code); };
  EXPECT_EQ(with_code("follow_up").id, follow_up);
  EXPECT_EQ(with_code("follow_up").name, "Check-in");
  EXPECT_NE(with_code("aftercare").id, follow_up);
}

TYPED_TEST(ClinicContract, APatientReadsBackAsCreatedWithVersionOne) {
  auto p = patient_named("Alex");
  p.email = "alex@example.com";
  p.weight_kg = 71.5;
  p.sex = clinic::Sex::female;
  const auto created = this->store().create_patient(p);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_NE(created->id, 0);
  EXPECT_EQ(created->version, 1);
  const auto read = this->store().patient(created->id).value();
  EXPECT_EQ(read.given_name, "Alex");
  EXPECT_EQ(read.family_name, "Demo");
  EXPECT_EQ(read.date_of_birth, date::year{1980} / 1 / 2);
  EXPECT_EQ(read.email, "alex@example.com");
  EXPECT_EQ(read.weight_kg, 71.5);
  EXPECT_EQ(read.sex, clinic::Sex::female);
  EXPECT_EQ(read.version, 1);
  EXPECT_NE(this->store().create_patient(p)->id, created->id);
}

TYPED_TEST(ClinicContract, AnUnknownPatientOrAppointmentIsNotFound) {
  const Id known = this->new_patient();
  EXPECT_EQ(this->store().patient(12345).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->store().patients({known, 12345}).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->store().appointment(12345).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->store().patients({known}).value().at(0).id, known);
}

TYPED_TEST(ClinicContract, AnUpdateBumpsTheVersionAndAStaleOneIsRefused) {
  auto p = this->store().patient(this->new_patient()).value();
  p.email = "alex@example.com";
  const auto updated = this->store().update_patient(p);
  ASSERT_TRUE(updated.has_value()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  p.email = "lost@example.com";  // still based on version 1
  const auto stale = this->store().update_patient(p);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(stale.error().reason, "stale_version");
  const auto kept = this->store().patient(p.id).value();
  EXPECT_EQ(kept.email, "alex@example.com");
  EXPECT_EQ(kept.version, 2);
  auto unknown = patient_named("Nobody");
  unknown.id = 12345;
  unknown.version = 1;
  EXPECT_FALSE(this->store().update_patient(unknown).has_value());
}

TYPED_TEST(ClinicContract, FindingPatientsMatchesANamePrefixOrBirthDateInNameOrder) {
  auto& s = this->store();
  s.create_patient(patient_named("Blake", "Zed")).value();
  s.create_patient(patient_named("alexis", "Demo")).value();
  s.create_patient(patient_named("Alex", "Demo", 1990)).value();
  s.create_patient(patient_named("Casey", "Alexander")).value();
  // Given or family name, case-insensitive; family name first, then given name.
  EXPECT_EQ(given_names(s.find_patients({"ALEX", std::nullopt, 50})), (std::vector<std::string>{"Casey", "Alex", "alexis"}));
  EXPECT_EQ(given_names(s.find_patients({"a%", std::nullopt, 50})), std::vector<std::string>{});  // % is literal
  EXPECT_EQ(given_names(s.find_patients({"", date::year{1990} / 1 / 2, 50})), std::vector<std::string>{"Alex"});
  EXPECT_EQ(given_names(s.find_patients({"", std::nullopt, 2})), (std::vector<std::string>{"Casey", "Alex"}));
  EXPECT_EQ(s.find_patients({"", std::nullopt, 50})->size(), 4u);
}

TYPED_TEST(ClinicContract, FindingPatientsOfLocationsKeepsThoseInCareThereOrNowhere) {
  auto& s = this->store();
  const Id test = this->location("test"), allday = this->location("allday");
  const Id here = s.create_patient(patient_named("Here")).value().id;
  const Id there = s.create_patient(patient_named("There")).value().id;
  s.create_patient(patient_named("Nowhere")).value();
  ASSERT_TRUE(s.add_care({here, test, at("2026-10-01T00:00:00Z"), {"staff", "1"}, "first booking"}).has_value());
  ASSERT_TRUE(s.add_care({there, allday, at("2026-10-01T00:00:00Z"), {"staff", "3"}, "first booking"}).has_value());
  clinic::PatientQuery of_test{"", std::nullopt, 50, std::vector<Id>{test}};
  EXPECT_EQ(given_names(s.find_patients(of_test)), (std::vector<std::string>{"Here", "Nowhere"}));
  clinic::PatientQuery of_both{"", std::nullopt, 50, std::vector<Id>{test, allday}};
  EXPECT_EQ(s.find_patients(of_both)->size(), 3u);
}

TYPED_TEST(ClinicContract, CareIsListedOldestFirstAndAddedOncePerLocation) {
  auto& s = this->store();
  const Id p = this->new_patient();
  EXPECT_TRUE(s.care_of(p)->empty());
  const Id test = this->location("test"), allday = this->location("allday");
  ASSERT_TRUE(s.add_care({p, allday, at("2026-10-05T00:00:00Z"), {"staff", "3"}, "transfer"}).has_value());
  ASSERT_TRUE(s.add_care({p, test, at("2026-10-01T00:00:00Z"), {"patient", "1"}, "first booking"}).has_value());
  const auto care = s.care_of(p).value();
  ASSERT_EQ(care.size(), 2u);
  EXPECT_EQ(care[0].location_id, test);
  EXPECT_EQ(care[0].reason, "first booking");
  EXPECT_EQ(care[0].by.kind, "patient");
  EXPECT_EQ(care[1].location_id, allday);
  EXPECT_EQ(care[1].since, at("2026-10-05T00:00:00Z"));
  const auto again = s.add_care({p, test, at("2026-10-09T00:00:00Z"), {"staff", "1"}, "again"});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().reason, "already_in_care");
  EXPECT_EQ(s.care_of(p)->size(), 2u);
  EXPECT_TRUE(s.care_of(this->new_patient("Blake"))->empty());
}

}  // namespace
}  // namespace kc::contract
