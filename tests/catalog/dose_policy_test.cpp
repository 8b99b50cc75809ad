// data/clinic/dose_policy.json: the shipped defaults (docs/dose-policy.md), and a
// mistake in the file refused naming the file and the field.
#include "catalog/dose_policy.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

TEST(DosePolicyFile, TheShippedDefaultsLoadWithASourceForEachNumber) {
  auto p = load_dose_policy(kData);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->drug, "ketamine");
  EXPECT_EQ(p->dose_mg_per_kg.soft, 1.0);
  EXPECT_EQ(p->dose_mg_per_kg.hard, 2.0);
  EXPECT_EQ(p->total_mg.soft, 60);  // clinical.md §9.8 D5's example cap
  EXPECT_EQ(p->total_mg.hard, 150);
  EXPECT_EQ(p->rate_mg_per_kg_per_h.soft, 1.5);
  EXPECT_EQ(p->rate_mg_per_kg_per_h.hard, 3.0);
  EXPECT_EQ(p->target_ng_ml.soft, 250);   // top of the dissociation range, data/reference_ranges.json
  EXPECT_EQ(p->target_ng_ml.hard, 1200);  // bottom of the anaesthetic range
  EXPECT_EQ(p->tci_max_rate_mg_per_kg_per_h, 6);
  for (auto code : {pharm::CapCode::dose_mg_per_kg, pharm::CapCode::total_mg, pharm::CapCode::rate_mg_per_kg_per_h,
                    pharm::CapCode::target_ng_ml})
    EXPECT_FALSE(p->cap(code).source.empty()) << pharm::to_string(code);
  EXPECT_FALSE(p->tci_max_rate_source.empty());
}

nlohmann::json valid() {
  auto cap = [](const char* unit, double soft, double hard) {
    return nlohmann::json{{"unit", unit}, {"soft", soft}, {"hard", hard}, {"source", "test"}};
  };
  return {{"drug", "ketamine"},
          {"caps",
           {{"dose_mg_per_kg", cap("mg/kg", 1, 2)},
            {"total_mg", cap("mg", 60, 150)},
            {"rate_mg_per_kg_per_h", cap("mg/kg/h", 1.5, 3)},
            {"target_ng_ml", cap("ng/mL", 250, 1200)}}},
          {"tci_max_rate", {{"unit", "mg/kg/h"}, {"value", 6}, {"source", "test"}}}};
}

struct Broken {
  const char* name;
  nlohmann::json::json_pointer at;
  nlohmann::json value;
  const char* field;  // the message names it
};

class DosePolicyFileRefuses : public ::testing::TestWithParam<Broken> {};

TEST_P(DosePolicyFileRefuses, NamingTheField) {
  auto doc = valid();
  ASSERT_TRUE(parse_dose_policy(doc, "policy.json"));
  const auto& b = GetParam();
  doc[b.at] = b.value;
  auto p = parse_dose_policy(doc, "policy.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(p.error().message.find("policy.json"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find(b.field), std::string::npos) << p.error().message;
}

using P = nlohmann::json::json_pointer;
INSTANTIATE_TEST_SUITE_P(
    Table, DosePolicyFileRefuses,
    ::testing::Values(Broken{"hard_below_soft", P("/caps/total_mg/hard"), 50, "total_mg.hard"},
                      Broken{"wrong_unit", P("/caps/dose_mg_per_kg/unit"), "mg", "dose_mg_per_kg.unit"},
                      Broken{"negative", P("/caps/target_ng_ml/soft"), -1, "target_ng_ml.soft"},
                      Broken{"no_source", P("/caps/rate_mg_per_kg_per_h/source"), "", "rate_mg_per_kg_per_h.source"},
                      Broken{"unknown_cap", P("/caps/max_mg"), 5, "max_mg"},
                      Broken{"tci_zero", P("/tci_max_rate/value"), 0, "tci_max_rate.value"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace kc::catalog
