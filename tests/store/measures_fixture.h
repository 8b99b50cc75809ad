#pragma once
// The questionnaire, safety-flag and screening use cases on a temporary SQLite
// store (store_fixture.h), with the shipped instruments, eligibility rules and
// crisis resources of data/, and a clock the test moves.
#include <optional>
#include <vector>

#include "catalog/crisis_resources.h"
#include "catalog/eligibility_rules.h"
#include "catalog/instruments.h"
#include "clinic/questionnaires.h"
#include "clinic/safety_flags.h"
#include "clinic/screening.h"
#include "store_fixture.h"

namespace kc::store::sqlite::testing {

inline const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

class MeasuresTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto instruments = catalog::load_instruments(kData);
    ASSERT_TRUE(instruments.has_value()) << instruments.error().message;
    auto rules = catalog::load_eligibility_rules(kData, *instruments);
    ASSERT_TRUE(rules.has_value()) << rules.error().message;
    auto crisis = catalog::load_crisis_resources(kData);
    ASSERT_TRUE(crisis.has_value()) << crisis.error().message;
    questionnaires = std::make_unique<clinic::Questionnaires>(instruments->instruments, *crisis, *store, *store, clock);
    flags = std::make_unique<clinic::SafetyFlags>(*store, *store, directory, clock);
    screenings = std::make_unique<clinic::Screenings>(*rules, **instruments->find("medical_screening"), *store, *store,
                                                      directory, clock);
    patient = new_patient().id;
  }

  clinic::Id assign(const char* instrument, clinic::Id for_patient = 0) {
    auto a = questionnaires->assign({for_patient == 0 ? patient : for_patient, instrument, std::nullopt}, staff);
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    return a ? a->id : 0;
  }

  // The patient's own submission of `values` in item order (nullopt: unanswered).
  Result<clinic::SubmitOutcome> submit(clinic::Id assignment, const char* instrument,
                                       const std::vector<std::optional<int>>& values) {
    return questionnaires->submit(assignment, linked(instrument, values), {patient, false, self});
  }

  // Entered by staff (a clinician rating, or `on_paper` for the patient's paper form).
  Result<clinic::SubmitOutcome> enter(clinic::Id assignment, const char* instrument,
                                      const std::vector<std::optional<int>>& values, bool on_paper = false) {
    return questionnaires->submit(assignment, linked(instrument, values), {std::nullopt, on_paper, staff});
  }

  std::vector<measures::LinkedAnswer> linked(const char* instrument, const std::vector<std::optional<int>>& values) {
    const auto& ins = *questionnaires->instrument(instrument).value();
    std::vector<measures::LinkedAnswer> out;
    std::size_t i = 0;
    for (const auto& v : values) {
      if (v) out.push_back({ins.items.at(i).link_id, *v});
      ++i;
    }
    return out;
  }

  std::int64_t rows(const char* table) { return count(path, std::string("SELECT count(*) FROM ") + table); }

  FixedClock clock{clinic::testing::at("2026-11-02T15:00:00Z")};
  clinic::Actor staff{"staff", "nurse"};
  clinic::Actor self{"patient", "1"};
  std::unique_ptr<clinic::Questionnaires> questionnaires;
  std::unique_ptr<clinic::SafetyFlags> flags;
  std::unique_ptr<clinic::Screenings> screenings;
  clinic::Id patient = 0;
};

}  // namespace kc::store::sqlite::testing
