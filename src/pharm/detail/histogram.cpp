#include "pharm/detail/histogram.h"

#include <algorithm>
#include <cmath>

namespace kc::pharm::detail {

double LogHistogram::lower_edge(int bin) {
  if (bin == 0) return 0;
  const auto bits = (kLowBits + static_cast<std::uint32_t>(bin - 1)) << (23 - 7);
  return std::bit_cast<float>(bits);
}

void LogHistogram::add_bins(std::size_t row, const std::int32_t* bins, std::size_t n) {
  std::int32_t lo = kBins, hi = -1;
  std::uint32_t* scratch = scratch_.data();
  for (std::size_t j = 0; j < n; ++j) {
    ++scratch[bins[j]];
    lo = std::min(lo, bins[j]);
    hi = std::max(hi, bins[j]);
  }
  std::uint32_t* c = &counts_[row * kBins];
  for (std::int32_t b = lo; b <= hi; ++b) {
    c[b] += scratch[b];
    scratch[b] = 0;
  }
}

void LogHistogram::merge(const LogHistogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

double LogHistogram::percentile(std::size_t row, double p, std::size_t total) const {
  if (total == 0) return 0;
  const double rank = p / 100 * static_cast<double>(total - 1);  // 0-based order statistic
  const std::uint32_t* c = &counts_[row * kBins];
  double before = 0;
  for (int bin = 0; bin < kBins; ++bin) {
    if (c[bin] == 0) continue;
    if (rank < before + c[bin]) {
      if (bin == 0) return 0;
      // The k-th of n values in a bin sits at fraction (k + 0.5)/n of it, in log space.
      const double frac = (rank - before + 0.5) / c[bin];
      const double lo = lower_edge(bin), hi = upper_edge(bin);
      return lo * std::pow(hi / lo, frac);
    }
    before += c[bin];
  }
  return upper_edge(kBins - 1);
}

}  // namespace kc::pharm::detail
