// Clinic-policy dose caps: each cap blocks above its hard limit, needs an
// override above its soft limit, and lets a value equal to a limit through;
// clinical.md §9.8 D5 (72.5 kg, 1.0 mg/kg, cap 60 mg -> needs override).
#include "pharm/dose_policy.h"

#include <gtest/gtest.h>

namespace kc::pharm {
namespace {

DosePolicy policy() {
  DosePolicy p;
  p.dose_mg_per_kg = {1.0, 2.0, "test"};
  p.total_mg = {60, 150, "test"};
  p.rate_mg_per_kg_per_h = {1.5, 3.0, "test"};
  p.target_ng_ml = {250, 1200, "test"};
  return p;
}

Regimen infusion(double dose_mg, double over_min) {
  Regimen r;
  r.infusions.push_back({0, over_min, dose_mg / over_min, false});
  return r;
}

struct Case {
  const char* name;
  double weight_kg, dose_mg, over_min;
  std::vector<double> targets;
  std::optional<CapCode> cap;     // the first finding's cap, none when within every cap
  FindingLevel level = FindingLevel::needs_override;
};

class DosePolicyCheck : public ::testing::TestWithParam<Case> {};

TEST_P(DosePolicyCheck, FindsTheCapAndItsLevel) {
  const auto& c = GetParam();
  auto amounts = amounts_of(infusion(c.dose_mg, c.over_min), c.weight_kg);
  amounts.targets_ng_ml = c.targets;
  const auto findings = check_dose(policy(), amounts);
  if (!c.cap) {
    EXPECT_TRUE(findings.empty()) << findings.front().message;
    return;
  }
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.front().cap, *c.cap);
  EXPECT_EQ(findings.front().level, c.level);
  EXPECT_NE(findings.front().message.find(to_string(*c.cap)), std::string::npos) << findings.front().message;
}

// 40 min infusions unless said otherwise; 0.5 mg/kg over 40 min is 0.75 mg/kg/h.
INSTANTIATE_TEST_SUITE_P(
    Table, DosePolicyCheck,
    ::testing::Values(
        Case{"standard", 70, 35, 40, {}, std::nullopt},
        Case{"mgkg_at_soft", 50, 50, 80, {}, std::nullopt},  // 1.0 mg/kg, 0.75 mg/kg/h, 50 mg
        Case{"mgkg_above_soft", 50, 50.5, 80, {}, CapCode::dose_mg_per_kg},
        Case{"mgkg_at_hard", 20, 40, 160, {}, CapCode::dose_mg_per_kg},  // 2.0: above soft only
        Case{"mgkg_above_hard", 20, 40.2, 160, {}, CapCode::dose_mg_per_kg, FindingLevel::blocked},
        Case{"d5_total_above_soft", 72.5, 72.5, 60, {}, CapCode::total_mg},  // clinical.md §9.8 D5
        Case{"total_at_soft", 120, 60, 40, {}, std::nullopt},
        Case{"total_above_hard", 160, 151, 200, {}, CapCode::total_mg, FindingLevel::blocked},
        Case{"total_at_hard_is_soft", 160, 150, 200, {}, CapCode::total_mg},
        Case{"rate_at_soft", 70, 35, 20, {}, std::nullopt},  // 1.5 mg/kg/h
        Case{"rate_above_soft", 70, 35, 19, {}, CapCode::rate_mg_per_kg_per_h},
        Case{"rate_at_hard_is_soft", 70, 35, 10, {}, CapCode::rate_mg_per_kg_per_h},
        Case{"rate_above_hard", 70, 35, 9.9, {}, CapCode::rate_mg_per_kg_per_h, FindingLevel::blocked},
        Case{"target_at_soft", 70, 35, 40, {250}, std::nullopt},
        Case{"target_above_soft", 70, 35, 40, {200, 251}, CapCode::target_ng_ml},
        Case{"target_at_hard_is_soft", 70, 35, 40, {1200}, CapCode::target_ng_ml},
        Case{"target_above_hard", 70, 35, 40, {1201}, CapCode::target_ng_ml, FindingLevel::blocked}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(DosePolicy, HardFindingsComeFirst) {
  auto amounts = amounts_of(infusion(72.5, 60), 72.5);  // total above soft
  amounts.targets_ng_ml = {5000};                       // target above hard
  const auto findings = check_dose(policy(), amounts);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].level, FindingLevel::blocked);
  EXPECT_EQ(findings[0].cap, CapCode::target_ng_ml);
  EXPECT_EQ(findings[1].cap, CapCode::total_mg);
  EXPECT_DOUBLE_EQ(findings[1].limit, 60);
  EXPECT_DOUBLE_EQ(findings[1].value, 72.5);
}

TEST(DosePolicy, AnUnsetLimitChecksNothing) {
  DosePolicy p;  // no soft or hard limit anywhere
  EXPECT_TRUE(check_dose(p, amounts_of(infusion(500, 5), 70)).empty());
}

TEST(DosePolicy, OverlappingInfusionsAddTheirRates) {
  Regimen r = infusion(35, 40);
  r.infusions.push_back({20, 10, 2.0, false});  // 2 mg/min on top of 0.875 mg/min from 20 to 30 min
  r.boluses.push_back({0, 5, false});
  const auto a = amounts_of(r, 70);
  EXPECT_NEAR(a.max_rate_mg_per_h, (35.0 / 40 + 2.0) * 60, 1e-9);
  EXPECT_NEAR(a.total_mg, 35 + 20 + 5, 1e-9);
}

TEST(DosePolicy, DecideBlocksHardAndAsksAReasonForSoft) {
  const auto soft = check_dose(policy(), amounts_of(infusion(72.5, 60), 72.5));
  auto refused = decide(soft, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::precondition_failed);
  EXPECT_EQ(refused.error().reason, "dose_needs_override");
  EXPECT_EQ(refused.error().field, "total_mg");
  EXPECT_FALSE(decide(soft, "   "));
  EXPECT_TRUE(decide(soft, "BMI 38, dosed on actual weight per Dr A"));

  const auto hard = check_dose(policy(), amounts_of(infusion(200, 60), 70));
  auto blocked = decide(hard, "any reason");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::out_of_validity);
  EXPECT_EQ(blocked.error().reason, "dose_above_hard_cap");
  EXPECT_TRUE(decide({}, ""));
}

}  // namespace
}  // namespace kc::pharm
