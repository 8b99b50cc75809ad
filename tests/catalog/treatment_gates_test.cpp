// The treatment gates against the reference's vectors (clinical.md §9.9: E4
// age 17, E14 open high-risk flag, E15 esketamine without REMS) and the
// shipped data/clinic/treatment_gates.json.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "catalog/clinic_config.h"
#include "catalog/treatment_gates.h"
#include "clinic/treatment_gates.h"

namespace kc::clinic {
namespace {

using date::year;
using measures::Decision;
using measures::Treatment;

TreatmentGates shipped() {
  const auto data = std::filesystem::path(KC_SOURCE_DIR) / "data" / "clinic";
  auto types = catalog::load_appointment_types(data / "appointment_types.json");
  EXPECT_TRUE(types.has_value());
  auto gates = catalog::load_treatment_gates(data / "treatment_gates.json", *types);
  EXPECT_TRUE(gates.has_value()) << gates.error().message;
  return *gates;
}

GateFacts ready() {
  GateFacts f;
  f.date_of_birth = year{1984} / 5 / 6;
  f.visit_day = year{2026} / 12 / 7;
  f.latest_decision = Decision::eligible;
  f.rems_enrolled_on = year{2026} / 11 / 1;
  return f;
}

std::vector<Gate> gates_of(const std::vector<UnmetGate>& unmet) {
  std::vector<Gate> out;
  for (const auto& u : unmet) out.push_back(u.gate);
  return out;
}

TEST(TreatmentGates, AgeCountsWholeYearsOnTheVisitsDate) {
  EXPECT_EQ(age_on(year{2008} / 12 / 8, year{2026} / 12 / 7), 17);
  EXPECT_EQ(age_on(year{2008} / 12 / 7, year{2026} / 12 / 7), 18);  // the birthday itself
  EXPECT_EQ(age_on(year{2008} / 2 / 29, year{2026} / 2 / 28), 17);  // a leap-day birthday counts from 1 March
  EXPECT_EQ(age_on(year{2008} / 2 / 29, year{2026} / 3 / 1), 18);
}

TEST(TreatmentGates, TheShippedFileGatesInfusionAndEsketamineButNotAConsultation) {
  const auto gates = shipped();
  EXPECT_EQ(gates.treatment("infusion"), Treatment::iv_ketamine);
  EXPECT_EQ(gates.treatment("spravato"), Treatment::esketamine);
  EXPECT_FALSE(gates.treatment("consultation").has_value());
  EXPECT_TRUE(unmet_gates(gates, Treatment::iv_ketamine, ready()).empty());
  EXPECT_TRUE(unmet_gates(gates, Treatment::esketamine, ready()).empty());
  for (const auto& rule : gates.rules) EXPECT_NE(rule.source.find("[@"), std::string::npos) << to_string(rule.gate);
}

TEST(TreatmentGates, E4AgeSeventeenIsRefusedWithoutOverride) {
  auto f = ready();
  f.date_of_birth = year{2009} / 1 / 15;
  const auto unmet = unmet_gates(shipped(), Treatment::iv_ketamine, f);
  ASSERT_EQ(gates_of(unmet), std::vector<Gate>{Gate::adult});
  EXPECT_NE(unmet[0].resolved_by.find("nothing"), std::string::npos);
  EXPECT_NE(unmet[0].message.find("17"), std::string::npos) << unmet[0].message;
}

TEST(TreatmentGates, ADecisionAndAnOpenFlagAreMetByAClinicianAction) {
  auto f = ready();
  f.latest_decision.reset();
  f.open_urgent_flags = 1;  // E14: C-SSRS high risk, not yet evaluated
  const auto unmet = unmet_gates(shipped(), Treatment::iv_ketamine, f);
  EXPECT_EQ(gates_of(unmet), (std::vector<Gate>{Gate::eligible_decision, Gate::no_open_urgent_flag}));
  EXPECT_NE(unmet[0].resolved_by.find("prescriber"), std::string::npos);
  EXPECT_NE(unmet[1].resolved_by.find("acknowledgement"), std::string::npos);
  f.latest_decision = Decision::not_eligible;
  f.open_urgent_flags = 0;
  EXPECT_EQ(gates_of(unmet_gates(shipped(), Treatment::iv_ketamine, f)), std::vector<Gate>{Gate::eligible_decision});
}

TEST(TreatmentGates, E15EsketamineNeedsREMSEnrolmentByTheVisitDay) {
  auto f = ready();
  f.rems_enrolled_on.reset();
  EXPECT_EQ(gates_of(unmet_gates(shipped(), Treatment::esketamine, f)), std::vector<Gate>{Gate::rems_enrolment});
  EXPECT_TRUE(unmet_gates(shipped(), Treatment::iv_ketamine, f).empty());  // IV ketamine has no REMS
  f.rems_enrolled_on = year{2026} / 12 / 8;  // the day after the visit
  EXPECT_EQ(gates_of(unmet_gates(shipped(), Treatment::esketamine, f)), std::vector<Gate>{Gate::rems_enrolment});
  f.rems_enrolled_on = f.visit_day;
  EXPECT_TRUE(unmet_gates(shipped(), Treatment::esketamine, f).empty());
}

class BrokenGateFile : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(BrokenGateFile, IsRefusedNamingTheField) {
  const auto [text, field] = GetParam();
  // One file per process: ctest runs each case in its own, in parallel.
  const auto file = std::filesystem::temp_directory_path() / ("kc-gates-test-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(file);
    out << text;
  }
  auto types = catalog::load_appointment_types(std::filesystem::path(KC_SOURCE_DIR) / "data" / "clinic" / "appointment_types.json").value();
  auto loaded = catalog::load_treatment_gates(file, types);
  std::filesystem::remove(file);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find(field), std::string::npos) << loaded.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Files, BrokenGateFile,
    ::testing::Values(
        std::pair{R"({"treatment_types": [{"type": "massage", "treatment": "iv_ketamine"}], "gates": []})", "type"},
        std::pair{R"({"treatment_types": [{"type": "infusion", "treatment": "pill"}], "gates": []})", "treatment"},
        std::pair{R"({"treatment_types": [], "gates": [{"id": "vibes", "treatments": [], "resolved_by": "x", "source": "x"}]})", "id"},
        std::pair{R"({"treatment_types": [], "gates": [{"id": "adult", "treatments": ["iv_ketamine"], "resolved_by": "x",
                       "source": "x"}]})",
                  "minimum_age_years"},
        std::pair{R"({"treatment_types": [], "gates": [{"id": "rems_enrolment", "treatments": ["esketamine"],
                       "resolved_by": "x", "source": ""}]})",
                  "source"},
        std::pair{R"({"treatment_types": [], "gates": [{"id": "rems_enrolment", "treatments": ["esketamine"], "source": "x"}]})",
                  "resolved_by"},
        std::pair{R"({"treatment_types": [], "gates": [], "extra": 1})", "extra"}));

}  // namespace
}  // namespace kc::clinic
