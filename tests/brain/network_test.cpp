// The spiking network: storage, reproducibility across thread counts, the
// benchmark rates, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "brain/connectivity.h"
#include "brain/engine.h"

namespace kc::brain {
namespace {

TEST(BrainConnectivity, RowsAreSortedWithoutAutapsesAndHaveTheBinomialMean) {
  const std::uint32_t n = 4000;
  const double p = 0.02;
  const auto c = random_connectivity(n, p, 7);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto row = c.row(i);
    ASSERT_TRUE(std::is_sorted(row.begin(), row.end())) << i;
    ASSERT_TRUE(std::adjacent_find(row.begin(), row.end()) == row.end()) << i;
    ASSERT_FALSE(std::binary_search(row.begin(), row.end(), i)) << i;
  }
  // Total synapses ~ Binomial(n (n - 1), p): within 5 standard deviations.
  const double pairs = static_cast<double>(n) * (n - 1), mean = pairs * p, sd = std::sqrt(pairs * p * (1 - p));
  EXPECT_NEAR(static_cast<double>(c.synapses()), mean, 5 * sd);
  EXPECT_NE(random_connectivity(n, p, 8).targets, c.targets);
}

TEST(BrainNetwork, SameSeedGivesTheSameSpikesOnOneAndTwoThreads) {
  for (auto spec : {coba_benchmark(), cuba_benchmark(), ketamine_circuit({0.2, 0.5, 0.5})}) {
    spec.seed = 42;
    const RunOptions one{.duration_ms = 300, .threads = 1, .record_spikes = true};
    auto two = one;
    two.threads = 2;
    auto a = simulate(spec, one), b = simulate(spec, two);
    ASSERT_TRUE(a && b);
    ASSERT_GT(a->spikes, 1000u) << spec.name;
    EXPECT_EQ(a->train.step, b->train.step) << spec.name;
    EXPECT_EQ(a->train.neuron, b->train.neuron) << spec.name;
    spec.seed = 43;
    auto c = simulate(spec, one);
    ASSERT_TRUE(c);
    EXPECT_NE(a->train.neuron, c->train.neuron) << spec.name << ": the seed must matter";
  }
}

// The benchmark paper gives no single rate. The reference is Brian2 2.5.1 on the
// identical network (bench/brian2_coba.py): 19.60, 18.80 and 18.60 Hz over 10 s
// for seeds 1 to 3 (docs/performance.md); the band is their mean 19.0 Hz +- 10 %.
constexpr double kCobaRateLowHz = 17.1, kCobaRateHighHz = 20.9;

TEST(BrainNetwork, CobaSustainsItselfAtTheReferenceRate) {
  auto r = simulate(coba_benchmark(), {.duration_ms = 2000});
  ASSERT_TRUE(r);
  EXPECT_GT(r->rate_hz[index(Population::E)], 0.0);
  EXPECT_GT(r->mean_rate_hz, kCobaRateLowHz);
  EXPECT_LT(r->mean_rate_hz, kCobaRateHighHz);
  // Activity in the last 100 ms: self-sustained, not a transient.
  const auto& bins = r->e_spikes_per_bin;
  EXPECT_GT(std::accumulate(bins.end() - 100, bins.end(), 0u), 1000u);
}

// Time-step convergence (a hard target of the design: spike statistics stable
// from dt = 0.1 ms to 0.05 ms): the mean rate of a 2-s window moves by less
// than 5 % when the step is halved. The two runs are different trajectories of
// a chaotic network, so only statistics can agree.
TEST(BrainNetwork, RatesAreStableWhenTheStepIsHalved) {
  for (auto spec : {coba_benchmark(), cuba_benchmark()}) {
    auto coarse = simulate(spec, {.duration_ms = 2000});
    spec.dt_ms = 0.05;
    auto fine = simulate(spec, {.duration_ms = 2000});
    ASSERT_TRUE(coarse && fine);
    EXPECT_NEAR(fine->mean_rate_hz, coarse->mean_rate_hz, 0.05 * coarse->mean_rate_hz) << spec.name;
  }
}

TEST(BrainNetwork, SynapticEventsAreSpikesTimesOutDegree) {
  auto r = simulate(coba_benchmark(), {.duration_ms = 100});
  ASSERT_TRUE(r);
  const double mean_out = static_cast<double>(r->synapses) / 4000.0;
  EXPECT_NEAR(static_cast<double>(r->synaptic_events) / static_cast<double>(r->spikes), mean_out, 0.1 * mean_out);
  EXPECT_EQ(r->synapse_bytes, r->synapses * 4 + 4001 * 8);
}

TEST(BrainNetwork, BadInputNamesTheField) {
  auto spec = coba_benchmark();
  EXPECT_EQ(simulate(spec, {.duration_ms = 10, .threads = 0}).error().field, "threads");
  EXPECT_EQ(simulate(spec, {.duration_ms = -1}).error().field, "duration");
  spec.nmda_block[index(Population::PV)] = 1.5;
  EXPECT_EQ(simulate(spec, {.duration_ms = 10}).error().field, "block.PV");
  spec = cuba_benchmark();
  spec.synapse.w_nmda_nS = 1;
  EXPECT_EQ(simulate(spec, {.duration_ms = 10}).error().field, "synapse.w_nmda");
  spec = coba_benchmark();
  spec.dt_ms = 0;
  EXPECT_EQ(simulate(spec, {.duration_ms = 10}).error().field, "dt");
}

}  // namespace
}  // namespace kc::brain
