// The shipped eligibility rule set loads, covers every contraindication and
// caution of clinical.md §2.1 with a cited source, and the loader is strict.
#include "catalog/eligibility_rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

const InstrumentCatalog& instruments() {
  static const InstrumentCatalog c = *load_instruments(kData);
  return c;
}

nlohmann::json rules_doc() { return *read_json_file((kData / "eligibility" / "rules.json").string()); }

bool has_tag(const std::string& source) { return std::regex_search(source, std::regex(R"(\[(V|V-sec|U)\])")); }

TEST(EligibilityRules, ShippedSetLoadsWithAVersion) {
  auto set = load_eligibility_rules(kData, instruments());
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_FALSE(set->version.empty());
  EXPECT_EQ(set->screening_instrument, "medical_screening");
}

TEST(EligibilityRules, EverySettingAndRuleIsCited) {
  auto set = load_eligibility_rules(kData, instruments());
  ASSERT_TRUE(set);
  for (const auto& [name, s] : set->settings) {
    EXPECT_TRUE(has_tag(s.source)) << name;
    EXPECT_FALSE(s.unit.empty()) << name;
  }
  for (const auto& r : set->rules) EXPECT_TRUE(has_tag(r.source)) << r.id;
}

TEST(EligibilityRules, CoverEveryConditionOfTheReference) {  // clinical.md §2.1
  auto set = load_eligibility_rules(kData, instruments());
  ASSERT_TRUE(set);
  std::set<std::string> ids;
  for (const auto& r : set->rules) ids.insert(r.id);
  for (const char* id :
       {"minimum_age", "hypersensitivity", "aneurysmal_vascular_disease_esketamine", "aneurysmal_vascular_disease_iv",
        "intracerebral_haemorrhage_esketamine", "intracerebral_haemorrhage_iv", "psychosis_iv", "psychosis_esketamine",
        "current_mania", "pregnancy", "breastfeeding_esketamine", "substance_use_disorder",
        "uncontrolled_hypertension", "significant_arrhythmia", "unstable_cerebrovascular_disease",
        "ischaemic_heart_disease", "heart_failure", "blood_pressure_iv", "blood_pressure_esketamine",
        "benzodiazepine_load", "cns_depressants", "psychostimulants_maois", "neurocognitive_disorder",
        "symptomatic_tbi", "glaucoma_raised_pressure_iv"})
    EXPECT_TRUE(ids.contains(id)) << id;
}

Error parse_error(const nlohmann::json& doc) {
  auto r = parse_rule_set(doc, "rules.json", instruments());
  EXPECT_FALSE(r);
  return r ? Error{} : r.error();
}

TEST(EligibilityLoader, RefusesAnUndefinedSetting) {
  auto doc = rules_doc();
  doc["settings"].erase("iv_review_systolic_mmhg");
  const Error e = parse_error(doc);
  EXPECT_EQ(e.code, ErrorCode::invalid_argument);
  EXPECT_NE(e.field.find(".when.any[0].setting"), std::string::npos) << e.field;
  EXPECT_EQ(e.message.rfind("rules.json: rules[", 0), 0u) << e.message;
}

TEST(EligibilityLoader, RefusesAnAnswerThatIsNotAScreeningItem) {
  auto doc = rules_doc();
  doc["rules"][1]["when"]["answer"] = "ms_allergy";
  EXPECT_EQ(parse_error(doc).field, "rules[1].when.answer");
}

TEST(EligibilityLoader, RefusesUnknownMedicationClassesFactsAndTreatments) {
  auto doc = rules_doc();
  doc["rules"][1]["when"] = {{"medication_class", {"antihistamine"}}};
  EXPECT_EQ(parse_error(doc).field, "rules[1].when.medication_class[0]");
  doc = rules_doc();
  doc["rules"][0]["when"]["fact"] = "height_cm";
  EXPECT_EQ(parse_error(doc).field, "rules[0].when.fact");
  doc = rules_doc();
  doc["rules"][0]["applies_to"][0] = "oral_ketamine";
  EXPECT_EQ(parse_error(doc).field, "rules[0].applies_to[0]");
}

TEST(EligibilityLoader, RefusesLiteralNumbersInConditions) {
  auto doc = rules_doc();
  doc["rules"][0]["when"] = {{"fact", "age_years"}, {"operator", "<"}, {"value", 18}};
  EXPECT_EQ(parse_error(doc).field, "rules[0].when.value");
}

TEST(EligibilityLoader, RefusesDuplicateRuleIdsAndUnknownFields) {
  auto doc = rules_doc();
  doc["rules"][1]["id"] = doc["rules"][0]["id"];
  EXPECT_EQ(parse_error(doc).field, "rules[1].id");
  doc = rules_doc();
  doc["rules"][2]["severity"] = "high";
  EXPECT_EQ(parse_error(doc).field, "rules[2].severity");
}

TEST(EligibilityLoader, NeedsItsScreeningInstrument) {
  auto doc = rules_doc();
  doc["screening_instrument"] = "intake";
  EXPECT_EQ(parse_error(doc).field, "screening_instrument");
}

}  // namespace
}  // namespace kc::catalog
