#pragma once
// Power spectral density by Welch's method: the signal is cut into segments of
// `segment` samples (a power of two) overlapping by half, each has its mean
// removed and is weighted by a Hann window; the one-sided periodograms are
// averaged. Scaled as a density (signal units squared per Hz), so summing the
// PSD times the bin width gives the variance (Parseval). Used on the circuit's
// LFP proxy for gamma (30-80 Hz) and HFO (80-150 Hz) power. Pure, no I/O.
#include <cstddef>
#include <span>
#include <vector>

#include "core/error.h"

namespace kc::brain {

struct Spectrum {
  std::vector<double> frequency_hz;  // 0, df, ..., fs/2
  std::vector<double> density;       // per Hz
  double bin_hz = 0;
};

// Errors: "segment" (not a power of two >= 8, or longer than the signal),
// "sample_rate" (not positive).
Result<Spectrum> welch_psd(std::span<const double> signal, double sample_rate_hz, std::size_t segment);

// The power in [lo_hz, hi_hz): density times bin width summed over the bins whose
// centre lies in the band.
double band_power(const Spectrum& s, double lo_hz, double hi_hz);

// The frequency of the largest density in [lo_hz, hi_hz); 0 when the band is empty.
double peak_frequency_hz(const Spectrum& s, double lo_hz, double hi_hz);

}  // namespace kc::brain
