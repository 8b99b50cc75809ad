// Welch PSD on signals with known spectra: a sinusoid's power A^2/2 sits at its
// frequency, white noise is flat at sigma^2 / (fs/2), and the integral of any
// PSD is the signal's variance (Parseval; the Hann window is normalised by its
// power, so this holds up to the mean removed from each segment).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "brain/spectrum.h"

namespace kc::brain {
namespace {

std::vector<double> sinusoid(double f_hz, double amplitude, double fs_hz, std::size_t n, double offset = 0) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = offset + amplitude * std::sin(2 * std::numbers::pi * f_hz * static_cast<double>(i) / fs_hz);
  return x;
}

TEST(BrainSpectrum, ASinusoidsPowerSitsAtItsFrequency) {
  const double fs = 1000, a = 3;
  const auto x = sinusoid(40, a, fs, 8192, 17.0);  // an offset, like spike counts, is removed
  auto s = welch_psd(x, fs, 512);
  ASSERT_TRUE(s);
  EXPECT_NEAR(peak_frequency_hz(*s, 1, 500), 40, s->bin_hz);
  EXPECT_NEAR(band_power(*s, 30, 80), a * a / 2, 0.02 * a * a / 2);
  EXPECT_LT(band_power(*s, 80, 150), 1e-3 * a * a / 2);
}

TEST(BrainSpectrum, WhiteNoiseIsFlatAndIntegratesToItsVariance) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> n01(0, 2.0);
  std::vector<double> x(1 << 16);
  for (auto& v : x) v = n01(rng);
  auto s = welch_psd(x, 1000, 256);
  ASSERT_TRUE(s);
  const double total = band_power(*s, 0, 501);
  EXPECT_NEAR(total, 4.0, 0.1);
  // Flat: the 30-80 Hz share equals the band's share of 0-500 Hz.
  EXPECT_NEAR(band_power(*s, 30, 80) / total, 50.0 / 500.0, 0.01);
}

TEST(BrainSpectrum, BadInputNamesTheField) {
  const std::vector<double> x(100, 1.0);
  EXPECT_EQ(welch_psd(x, 1000, 48).error().field, "segment");
  EXPECT_EQ(welch_psd(x, 1000, 128).error().field, "segment");
  EXPECT_EQ(welch_psd(x, 0, 64).error().field, "sample_rate");
}

}  // namespace
}  // namespace kc::brain
