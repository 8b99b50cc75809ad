#include "brain/readout.h"

#include <cmath>

namespace kc::brain {

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
