// The prediction use case: the known answer of the standard protocol, the
// reference ranges it is read against, and every warning code raised when its
// condition holds and not otherwise; refusals unless forced.
#include "pharm/prediction.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fixtures.h"

namespace kc::pharm {
namespace {

// Domino 1984 per kg (fixtures.h, STANPUMP), adult validity, assumed t_peak 1 min:
// as data/models/domino.json describes it.
ModelSpec domino_spec() {
  ModelSpec m;
  m.id = "domino";
  m.name = "Domino 1984";
  m.drug = "ketamine";
  m.population = "adult surgical patients";
  m.compartments = 3;
  m.scaling = Scaling::per_kg;
  const PkParams per_kg = from_micro(testing::domino(1.0));
  for (Param p : kParams) m.disposition[p] = {per_kg[p], "STANPUMP"};
  m.assumed_tpeak_min = Sourced{1, "assumed t_peak 1 min (OpenTIVA convention)"};
  m.age_y = {18, std::nullopt, "adult population"};
  return m;
}

ReferenceRanges ranges() {
  return {{{"anaesthetic", "ketamine", "general anaesthesia", "anaesthetic range", RangeRole::alert, 1200, 2400,
            "Zanos 2018", "[V]", "Table 1"},
           {"dissociation", "ketamine", "dissociation", "dissociation range", RangeRole::display, 100, 250,
            "Zanos 2018", "[V]", "Table 1"}}};
}

struct Fixture {
  ModelSpec model = domino_spec();
  PredictionRequest protocol() const {  // 70 kg, 0.5 mg/kg over 40 min, 0..240 min
    PredictionRequest r;
    r.model = &model;
    r.covariates = {70, std::nullopt};
    r.regimen.infusions.push_back({0, 40, 35.0 / 40, true});
    r.times_min = uniform_grid(240, 1).value();
    return r;
  }
};

bool has_warning(const Prediction& p, WarningCode code) {
  return std::any_of(p.warnings.begin(), p.warnings.end(), [code](const Warning& w) { return w.code == code; });
}

TEST(Prediction, TheStandardProtocolGivesTheKnownLevelAtTheEndOfTheInfusion) {
  Fixture f;
  auto p = predict(f.protocol(), ranges());
  ASSERT_TRUE(p) << p.error().message;
  // docs/validation.md, pharmacology.md §8 V2: Domino, 70 kg, 0.5 mg/kg over 40 min -> 240.4 ng/mL at 40 min.
  EXPECT_NEAR(p->simulation.series.cp_ng_ml[40], 240.4, 0.05);
  EXPECT_NEAR(p->simulation.summary.cmax_ng_ml, 240.4, 0.05);
  EXPECT_EQ(p->simulation.summary.tmax_min, 40);
  EXPECT_TRUE(p->effect.assumed);
  ASSERT_TRUE(p->effect.ke0_per_min.has_value());
  EXPECT_NEAR(*p->effect.ke0_per_min, 0.652, 0.01);  // pharmacology.md §3: t_peak 1 min -> ke0 about 0.652 /min
  EXPECT_TRUE(p->warnings.empty());
  std::vector<AssumptionCode> codes;
  for (const auto& a : p->assumptions) codes.push_back(a.code);
  EXPECT_EQ(codes, (std::vector{AssumptionCode::typical_patient, AssumptionCode::assumed_effect_site,
                                AssumptionCode::illustrative_occupancy, AssumptionCode::dose_as_base}));
  EXPECT_NE(p->assumptions.back().text.find("ketamine base"), std::string::npos);
}

TEST(Prediction, IsReadAgainstTheDrugsRangesAndReportsTimeAboveTheDisplayedOne) {
  Fixture f;
  auto request = f.protocol();
  auto plain = predict(request, ranges());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->reference_ranges.size(), 2u);
  ASSERT_EQ(display_ranges(*plain).size(), 1u);
  EXPECT_EQ(display_ranges(*plain)[0]->id, "dissociation");
  EXPECT_FALSE(plain->simulation.summary.threshold_ng_ml.has_value());
  request.time_above_display_range = true;
  auto above = predict(request, ranges());
  ASSERT_TRUE(above);
  EXPECT_EQ(above->simulation.summary.threshold_ng_ml, 100);
  ASSERT_TRUE(above->simulation.summary.time_above_min.has_value());
  EXPECT_GT(*above->simulation.summary.time_above_min, 10);
  EXPECT_LT(*above->simulation.summary.time_above_min, 60);
  request.threshold_ng_ml = 200;  // an explicit threshold wins
  EXPECT_EQ(predict(request, ranges())->simulation.summary.threshold_ng_ml, 200);
  f.model.drug = "esketamine";  // ranges measured for the racemate do not apply
  request.threshold_ng_ml.reset();
  auto other = predict(request, ranges());
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->reference_ranges.empty());
  EXPECT_FALSE(other->simulation.summary.threshold_ng_ml.has_value());
}

TEST(Prediction, AnAgeOutsideTheModelIsRefusedUnlessForcedThenWarned) {
  Fixture f;
  auto request = f.protocol();
  request.covariates.age_y = 18;  // the edge is inside
  ASSERT_TRUE(predict(request, ranges()));
  EXPECT_FALSE(has_warning(*predict(request, ranges()), WarningCode::outside_model_validity));
  request.covariates.age_y = 12;
  auto refused = predict(request, ranges());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::out_of_validity);
  EXPECT_EQ(refused.error().field, "age");
  EXPECT_EQ(refused.error().reason, to_string(WarningCode::outside_model_validity));
  EXPECT_EQ(refused.error().message.find("--"), std::string::npos) << "neutral: no option of one interface";
  request.force = true;
  auto forced = predict(request, ranges());
  ASSERT_TRUE(forced) << forced.error().message;
  ASSERT_EQ(forced->warnings.size(), 1u);
  const auto& w = forced->warnings[0];
  EXPECT_EQ(w.code, WarningCode::outside_model_validity);
  EXPECT_EQ(w.field, "age");
  EXPECT_EQ(w.value, 12);
  EXPECT_EQ(w.low, 18);
  EXPECT_FALSE(w.high.has_value());
}

TEST(Prediction, AWeightOutsideTheModelIsRefusedUnlessForced) {
  Fixture f;
  f.model.weight_kg = {std::nullopt, 60, "children"};
  auto request = f.protocol();
  request.covariates.weight_kg = 60;
  EXPECT_TRUE(predict(request, ranges()));
  request.covariates.weight_kg = 70;
  auto refused = predict(request, ranges());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "weight");
  EXPECT_EQ(refused.error().reason, "outside_model_validity");
  request.force = true;
  auto forced = predict(request, ranges());
  ASSERT_TRUE(forced);
  ASSERT_TRUE(has_warning(*forced, WarningCode::outside_model_validity));
  EXPECT_EQ(forced->warnings[0].high, 60);
}

TEST(Prediction, AnImplausibleTotalOrRateIsRefusedUnlessForced) {
  Fixture f;
  auto request = f.protocol();
  request.regimen.infusions[0].rate_mg_per_min = 3500.0 / 40;  // 50 mg/kg: mg typed for a tenth
  auto refused = predict(request, ranges());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "dose");
  EXPECT_EQ(refused.error().reason, to_string(WarningCode::implausible_dose));
  request.force = true;
  auto forced = predict(request, ranges());
  ASSERT_TRUE(forced);
  ASSERT_TRUE(has_warning(*forced, WarningCode::implausible_dose));
  const auto& w = forced->warnings[0];
  EXPECT_NEAR(w.value, 50, 1e-9);
  EXPECT_EQ(w.high, RegimenLimits{}.max_total_mg_per_kg);
  request = f.protocol();
  request.regimen.infusions[0] = {0, 10, 0.8 * 70, false};  // 0.8 mg/kg/min, 8 mg/kg in total
  auto fast = predict(request, ranges());
  ASSERT_FALSE(fast);
  EXPECT_EQ(fast.error().field, "infusions[0].rate");
  EXPECT_EQ(fast.error().reason, "implausible_dose");
}

TEST(Prediction, AbsurdInputIsRefusedEvenWhenForced) {
  Fixture f;
  auto request = f.protocol();
  request.force = true;
  request.covariates.weight_kg = 0.1;
  auto refused = predict(request, ranges());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "weight");
  request = f.protocol();
  request.force = true;
  request.regimen.infusions[0].duration_min = 0;
  EXPECT_EQ(predict(request, ranges()).error().field, "infusions[0].duration");
}

TEST(Prediction, APeakInTheAnaestheticRangeIsWarnedAbout) {
  Fixture f;
  auto request = f.protocol();
  request.regimen.infusions.clear();
  request.regimen.boluses.push_back({0, 2.0 * 70, true});  // 2 mg/kg IV: the anaesthetic induction dose
  auto p = predict(request, ranges());
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_TRUE(has_warning(*p, WarningCode::reaches_alert_range));
  const auto& w = p->warnings[0];
  EXPECT_EQ(w.field, "cmax");
  EXPECT_EQ(w.value, p->simulation.summary.cmax_ng_ml);
  EXPECT_GE(w.value, 1200);
  EXPECT_EQ(w.low, 1200);
  EXPECT_EQ(w.high, 2400);
  EXPECT_EQ(w.severity, Severity::strong);
  EXPECT_FALSE(has_warning(*p, WarningCode::above_display_range)) << "the strong warning says it all";
  EXPECT_FALSE(has_warning(*predict(f.protocol(), ranges()), WarningCode::reaches_alert_range));
  EXPECT_TRUE(predict(request, ReferenceRanges{})->warnings.empty());  // no ranges, nothing to read against
}

// Above the dissociation range (250 ng/mL) but below the anaesthetic one: a caution; 240 ng/mL: none.
TEST(Prediction, APeakAboveTheDisplayedRangeIsACaution) {
  Fixture f;
  EXPECT_FALSE(has_warning(*predict(f.protocol(), ranges()), WarningCode::above_display_range));
  auto request = f.protocol();
  request.regimen.infusions[0].rate_mg_per_min *= 1.1;  // 264 ng/mL at 40 min
  auto p = predict(request, ranges());
  ASSERT_TRUE(p);
  ASSERT_TRUE(has_warning(*p, WarningCode::above_display_range));
  EXPECT_EQ(p->warnings[0].severity, Severity::caution);
  EXPECT_EQ(p->warnings[0].high, 250);
  EXPECT_GT(p->warnings[0].value, 250);
}

// The benchmark is the model's own prediction of the measured protocol, at the benchmark's weight.
TEST(Prediction, ComparesTheModelWithEachBenchmarkOfItsDrug) {
  Fixture f;
  const std::vector<Benchmark> benchmarks{
      {"depression_protocol", "ketamine", "0.5 mg/kg over 40 min", "Zanos 2018", 70, 0.5, 40, 40, 185},
      {"other_drug", "esketamine", "skipped", "", 70, 0.5, 40, 40, 100}};
  auto request = f.protocol();
  request.covariates.weight_kg = 95;  // the patient's weight does not change the benchmark
  request.benchmarks = &benchmarks;
  auto p = predict(request, ranges());
  ASSERT_TRUE(p);
  ASSERT_EQ(p->benchmarks.size(), 1u);
  const auto& b = p->benchmarks[0];
  EXPECT_NEAR(b.predicted_ng_ml, 240.4, 0.05);  // pharmacology.md §8 V2
  EXPECT_EQ(b.measured_ng_ml, 185);
  EXPECT_NEAR(b.deviation_fraction, (b.predicted_ng_ml - 185) / 185, 1e-12);
  EXPECT_NE(b.text.find("predicts 240 ng/mL where 185 ng/mL was measured (+30 %)"), std::string::npos) << b.text;
  request.benchmarks = nullptr;
  EXPECT_TRUE(predict(request, ranges())->benchmarks.empty());
}

TEST(Prediction, ARefusalCarriesItsCodeAsTheReason) {
  for (WarningCode code : {WarningCode::outside_model_validity, WarningCode::implausible_dose}) {
    const Error e = refusal({code, "weight", "weight: outside", 70, std::nullopt, 60});
    EXPECT_EQ(e.code, ErrorCode::out_of_validity);
    EXPECT_EQ(e.reason, to_string(code));
    EXPECT_EQ(e.field, "weight");
  }
}

}  // namespace
}  // namespace kc::pharm
