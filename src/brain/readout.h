#pragma once
// Readouts of one circuit window: the E population rate as an LFP proxy (its
// spike count per bin, in Hz per neuron), and its gamma (30-80 Hz) and HFO
// (80-150 Hz) power with the gamma peak, by Welch PSD after a transient.
#include "brain/engine.h"
#include "brain/spectrum.h"

namespace kc::brain {

struct Oscillations {
  double gamma_power_hz2 = 0;  // of the E rate (Hz^2), 30-80 Hz
  double hfo_power_hz2 = 0;    // 80-150 Hz
  double gamma_peak_hz = 0;
  Spectrum spectrum;
};

inline constexpr double kGammaLowHz = 30, kGammaHighHz = 80, kHfoHighHz = 150;

// The distribution of single-neuron rates over the window, all populations:
// quantiles by linear interpolation between order statistics (numpy's default).
struct RateDistribution {
  double p10_hz = 0, p25_hz = 0, median_hz = 0, p75_hz = 0, p90_hz = 0;
  double sd_hz = 0;
  double silent_fraction = 0;  // neurons without a spike
};
RateDistribution rate_distribution(const RunResult& r);

// Errors: "transient" (negative, or leaving less than 256 bins after it),
// "size" (no E cells). Segments of 256 bins, half overlapping.
Result<Oscillations> oscillations(const RunResult& r, const NetworkSpec& spec, double bin_ms, double transient_ms);

}  // namespace kc::brain
