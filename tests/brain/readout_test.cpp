// Readouts of a window on hand-made results with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "brain/readout.h"

namespace kc::brain {
namespace {

TEST(BrainReadout, RateQuantilesInterpolateBetweenOrderStatistics) {
  RunResult r;
  r.duration_ms = 2000;
  for (std::uint32_t n = 0; n <= 20; n += 2) r.spikes_per_neuron.push_back(n);  // 0, 1, ..., 10 Hz
  const auto d = rate_distribution(r);
  EXPECT_DOUBLE_EQ(d.p10_hz, 1.0);
  EXPECT_DOUBLE_EQ(d.p25_hz, 2.5);
  EXPECT_DOUBLE_EQ(d.median_hz, 5.0);
  EXPECT_DOUBLE_EQ(d.p75_hz, 7.5);
  EXPECT_DOUBLE_EQ(d.p90_hz, 9.0);
  EXPECT_NEAR(d.sd_hz, std::sqrt(10.0), 1e-12);  // population variance of 0..10 is 10
  EXPECT_DOUBLE_EQ(d.silent_fraction, 1.0 / 11.0);
}

TEST(BrainReadout, OscillationsNeedEnoughWindowAfterTheTransient) {
  RunResult r;
  r.duration_ms = 300;
  r.e_spikes_per_bin.assign(300, 5);
  auto spec = coba_benchmark();
  EXPECT_EQ(oscillations(r, spec, 1.0, 100).error().field, "transient");
  auto ok = oscillations(r, spec, 1.0, 0);
  ASSERT_TRUE(ok);
  EXPECT_NEAR(ok->gamma_power_hz2, 0.0, 1e-12);  // a constant rate has no power above DC
}

}  // namespace
}  // namespace kc::brain
