// L5: the turnover model against its closed form, the placebo arm, and the
// cohort's determinism.
#include <gtest/gtest.h>

#include <cmath>

#include "brain/symptoms.h"

namespace kc::brain {
namespace {

SymptomDrive constant_drive(double ampa_rel, double spines_excess, int minutes) {
  SymptomDrive d;
  for (int i = 0; i <= minutes; ++i) {
    d.t_min.push_back(i);
    d.ampa_rel.push_back(ampa_rel);
    d.spines_excess.push_back(spines_excess);
  }
  return d;
}

TEST(BrainSymptoms, WithoutDrugBothArmsAreEqual) {
  const auto c = madrs_course(constant_drive(1, 0, 3000), SymptomParams{});
  EXPECT_EQ(c.drug, c.placebo);
}

// dD/dt = k (1 - E_a) - k (1 + E_s) D with constant drives: D approaches
// (1 - E_a) / (1 + E_s) at rate k (1 + E_s).
TEST(BrainSymptoms, TurnoverMatchesTheClosedForm) {
  SymptomParams p;
  p.placebo_max = 0;
  const double y = 0.05, x = 0.1;
  const auto c = madrs_course(constant_drive(1 + x, y, 600), p);
  const double ea = p.acute_max * x / (p.acute_half + x), es = p.synaptic_max * y / (p.synaptic_half + y);
  const double target = (1 - ea) / (1 + es), rate = p.k_out_per_h / 60 * (1 + es);
  const double d = target + (1 - target) * std::exp(-rate * 600);
  EXPECT_NEAR(c.drug.back(), p.madrs_baseline * d, 1e-9);
}

TEST(BrainSymptoms, PlaceboRisesThenFades) {
  SymptomParams p;
  const auto c = madrs_course(constant_drive(1, 0, 30 * 1440), p);
  const double at1d = p.madrs_baseline - c.placebo[1440];
  EXPECT_NEAR(at1d, p.placebo_max * (1 - std::exp(-24 / p.placebo_onset_h)) * std::exp(-1 / p.placebo_decay_d), 1e-9);
  EXPECT_LT(p.madrs_baseline - c.placebo.back(), at1d);
}

TEST(BrainSymptoms, CohortIsDeterministicAndItsRatesAreFractions) {
  const auto d = constant_drive(1, 0.05, 2000);
  auto a = cohort_course(d, {}, {}, 300, 7, 100);
  auto b = cohort_course(d, {}, {}, 300, 7, 100);
  auto other = cohort_course(d, {}, {}, 300, 8, 100);
  ASSERT_TRUE(a && b && other);
  EXPECT_EQ(a->mean_drug, b->mean_drug);
  EXPECT_EQ(a->response_drug, b->response_drug);
  EXPECT_NE(a->mean_drug, other->mean_drug);
  EXPECT_EQ(a->t_min.size(), 21u);
  for (double r : a->response_drug) EXPECT_TRUE(r >= 0 && r <= 1);
  EXPECT_GT(a->response_drug.back(), a->response_placebo.back());
}

TEST(BrainSymptoms, BadInputNamesTheField) {
  const auto d = constant_drive(1, 0, 10);
  EXPECT_EQ(cohort_course(d, {}, {}, 1, 1).error().field, "n");
  EXPECT_EQ(cohort_course(d, {}, {}, 10, 1, 0).error().field, "every");
  SymptomParams p;
  p.acute_max = 1;
  EXPECT_EQ(check(p).error().field, "acute_max");
}

}  // namespace
}  // namespace kc::brain
