// L4 against closed forms: each stage is first order, so a held input gives an
// exponential approach to a known steady state.
#include <gtest/gtest.h>

#include <cmath>

#include "brain/plasticity.h"

namespace kc::brain {
namespace {

PlasticState run(const PlasticityParams& p, const PlasticityInput& in, double minutes, double dt_min = 1) {
  PlasticState s = baseline_state(p);
  for (double t = 0; t < minutes - 1e-9; t += dt_min) advance(s, p, in, dt_min);
  return s;
}

TEST(BrainPlasticity, BaselineIsASteadyState) {
  const PlasticityParams p;
  const auto s = run(p, {}, 7 * 1440);
  EXPECT_DOUBLE_EQ(s.bdnf, 1);
  EXPECT_DOUBLE_EQ(s.mtor, 1);
  EXPECT_DOUBLE_EQ(s.spines, p.depressed_spines);
  EXPECT_DOUBLE_EQ(s.scaling_e, 1);
}

TEST(BrainPlasticity, BdnfApproachesItsTargetExponentially) {
  const PlasticityParams p;
  const PlasticityInput in{.ampa_rel = 1.1, .block_e = 0.2, .rate_e_rel = 1};
  const double target = 1 + p.gain_ampa * 0.1 + p.gain_eef2 * 0.2;
  const auto s = run(p, in, p.tau_bdnf_min);
  EXPECT_NEAR(s.bdnf, target - (target - 1) * std::exp(-1.0), 1e-12);
}

TEST(BrainPlasticity, TheCascadeSettlesAtItsSteadyState) {
  const PlasticityParams p;
  const auto s = run(p, {.ampa_rel = 1.05, .block_e = 0, .rate_e_rel = 1}, 60 * 1440, 5);
  const double b = 1 + p.gain_ampa * 0.05, x = b - 1;
  const double m = 1 + p.mtor_max * x / (p.mtor_half_excess + x);
  EXPECT_NEAR(s.bdnf, b, 1e-9);
  EXPECT_NEAR(s.mtor, m, 1e-9);
  EXPECT_NEAR(s.protein, m, 1e-9);
  EXPECT_NEAR(s.spines, p.depressed_spines * (1 + p.spine_gain * (m - 1)), 1e-4);
}

TEST(BrainPlasticity, TriggersAndRapamycinSwitch) {
  PlasticityParams p;
  p.ampa_trigger = false;
  EXPECT_DOUBLE_EQ(run(p, {.ampa_rel = 1.5, .block_e = 0, .rate_e_rel = 1}, 600).bdnf, 1);
  p = {};
  p.eef2_trigger = false;
  EXPECT_DOUBLE_EQ(run(p, {.ampa_rel = 1, .block_e = 0.5, .rate_e_rel = 1}, 600).bdnf, 1);
  p = {};
  p.rapamycin = true;
  const auto s = run(p, {.ampa_rel = 1.5, .block_e = 0.5, .rate_e_rel = 1}, 3 * 1440);
  EXPECT_GT(s.bdnf, 1.5);
  EXPECT_DOUBLE_EQ(s.mtor, 1);
  EXPECT_DOUBLE_EQ(s.spines, p.depressed_spines);
}

// Silencing: dw/dt = w / tau_h, so w_e = e after tau_h (first-order steps of 1 min: within 0.1 %).
TEST(BrainPlasticity, SilencingScalesExcitationUpAndInhibitionDown) {
  const PlasticityParams p;
  const auto s = run(p, {.ampa_rel = 1, .block_e = 0, .rate_e_rel = 0}, p.tau_scaling_d * 1440);
  EXPECT_NEAR(s.scaling_e, std::exp(1.0), 1e-3 * std::exp(1.0));
  EXPECT_LT(s.scaling_i, 1);
}

TEST(BrainPlasticity, BadParametersNameTheField) {
  PlasticityParams p;
  p.tau_mtor_min = 0;
  EXPECT_EQ(check(p).error().field, "tau_mtor_min");
  p = {};
  p.depressed_spines = 1.2;
  EXPECT_EQ(check(p).error().field, "depressed_spines");
  EXPECT_TRUE(check(PlasticityParams{}));
}

}  // namespace
}  // namespace kc::brain
