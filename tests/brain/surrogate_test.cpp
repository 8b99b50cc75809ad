// The L3 surrogate against the spiking circuit it was fitted to: the two fitting
// windows and a third block it was not fitted to (3-s windows, seed 1).
#include <gtest/gtest.h>

#include "brain/engine.h"
#include "brain/surrogate.h"

namespace kc::brain {
namespace {

double spiking_rate_e_hz(const PerPopulation<double>& block) {
  auto spec = ketamine_circuit(block);
  spec.seed = 1;
  auto r = simulate(spec, {.duration_ms = 3000});
  EXPECT_TRUE(r);
  return r ? r->rate_hz[index(Population::E)] : 0;
}

TEST(BrainSurrogate, ReproducesTheWindowsItWasFittedTo) {
  const CircuitSurrogate s;
  const double base = spiking_rate_e_hz({0, 0, 0});
  EXPECT_NEAR(base, s.baseline_rate_e_hz, 0.05 * s.baseline_rate_e_hz);
  for (PerPopulation<double> b : {PerPopulation<double>{0.163, 0.438, 0.438}, PerPopulation<double>{0.438, 0.438, 0.438}})
    EXPECT_NEAR(spiking_rate_e_hz(b) / base, relative_e_rate(s, b), 0.03) << b[0];
}

// Out of sample: interneurons blocked twice as much as at the fitted point.
// Tolerance 10 % of the relative rate: the surrogate is linear, the circuit not.
TEST(BrainSurrogate, ErrorOutOfSampleIsWithinTenPercent) {
  const CircuitSurrogate s;
  const PerPopulation<double> b{0.1, 0.7, 0.7};
  const double rel = spiking_rate_e_hz(b) / spiking_rate_e_hz({0, 0, 0});
  EXPECT_NEAR(rel, relative_e_rate(s, b), 0.1 * rel);
}

TEST(BrainSurrogate, DisinhibitionRaisesAndPyramidalBlockLowersTheRate) {
  const CircuitSurrogate s;
  EXPECT_DOUBLE_EQ(relative_e_rate(s, {0, 0, 0}), 1.0);
  EXPECT_GT(relative_e_rate(s, {0, 0.5, 0.5}), 1.0);
  EXPECT_LT(relative_e_rate(s, {0.5, 0, 0}), 1.0);
  EXPECT_GE(relative_e_rate(s, {1, 0, 0}), 0.0);
}

}  // namespace
}  // namespace kc::brain
