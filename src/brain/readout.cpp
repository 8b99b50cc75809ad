#include "brain/readout.h"

#include <algorithm>
#include <cmath>

namespace kc::brain {

namespace {

double quantile(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

RateDistribution rate_distribution(const RunResult& r) {
  RateDistribution d;
  if (r.spikes_per_neuron.empty() || r.duration_ms <= 0) return d;
  std::vector<double> rates;
  rates.reserve(r.spikes_per_neuron.size());
  for (auto n : r.spikes_per_neuron) rates.push_back(n / (r.duration_ms * 1e-3));
  std::sort(rates.begin(), rates.end());
  d.p10_hz = quantile(rates, 0.10);
  d.p25_hz = quantile(rates, 0.25);
  d.median_hz = quantile(rates, 0.50);
  d.p75_hz = quantile(rates, 0.75);
  d.p90_hz = quantile(rates, 0.90);
  double mean = 0, m2 = 0;
  for (double x : rates) mean += x;
  mean /= static_cast<double>(rates.size());
  for (double x : rates) m2 += (x - mean) * (x - mean);
  d.sd_hz = std::sqrt(m2 / static_cast<double>(rates.size()));
  d.silent_fraction = static_cast<double>(std::count(rates.begin(), rates.end(), 0.0)) /
                      static_cast<double>(rates.size());
  return d;
}

Result<Oscillations> oscillations(const RunResult& r, const NetworkSpec& spec, double bin_ms, double transient_ms) {
  constexpr std::size_t kSegment = 256;
  const auto n_e = spec.size[index(Population::E)];
  if (n_e == 0) return fail(ErrorCode::invalid_argument, "size", "size: the circuit has no E cells");
  const auto skip = static_cast<std::size_t>(std::llround(transient_ms / bin_ms));
  const auto& bins = r.e_spikes_per_bin;
  if (!(transient_ms >= 0) || skip + kSegment > bins.size())
    return fail(ErrorCode::invalid_argument, "transient",
                "transient: must be >= 0 and leave at least 256 bins of the window after it");
  std::vector<double> rate_hz;
  rate_hz.reserve(bins.size() - skip);
  const double per_bin = 1.0 / (static_cast<double>(n_e) * bin_ms * 1e-3);
  for (std::size_t i = skip; i < bins.size(); ++i) rate_hz.push_back(bins[i] * per_bin);
  KC_TRY(auto s, welch_psd(rate_hz, 1000.0 / bin_ms, kSegment));
  Oscillations o;
  o.gamma_power_hz2 = band_power(s, kGammaLowHz, kGammaHighHz);
  o.hfo_power_hz2 = band_power(s, kGammaHighHz, kHfoHighHz);
  o.gamma_peak_hz = peak_frequency_hz(s, kGammaLowHz, kGammaHighHz);
  o.spectrum = std::move(s);
  return o;
}

}  // namespace kc::brain
