#pragma once
// Log-spaced histogram rows, one per output time, for percentile bands of
// concentrations. The bin of a value is read off its float representation
// (exponent + top 7 mantissa bits = 128 bins per doubling), so filling costs a
// few integer operations and no logarithm.
#include <bit>
#include <cstdint>
#include <vector>

namespace kc::pharm::detail {

class LogHistogram {
 public:
  static constexpr int kBinsPerOctave = 128;
  static constexpr int kMinExponent = -10;  // 2^-10 ng/mL ~ 0.001; below: the zero bin
  static constexpr int kOctaves = 31;       // up to 2^21 ng/mL ~ 2 g/L
  static constexpr int kBins = kOctaves * kBinsPerOctave + 1;

  explicit LogHistogram(std::size_t rows) : counts_(rows * kBins, 0) {}

  // Branch-free so that a loop over many values vectorises.
  static std::int32_t bin_of(float f) {
    const auto bits = static_cast<std::int32_t>(std::bit_cast<std::uint32_t>(f) >> (23 - 7));
    const std::int32_t bin = bits - static_cast<std::int32_t>(kLowBits) + 1;
    const std::int32_t clamped = bin < kBins ? bin : kBins - 1;
    return f >= kLow ? clamped : 0;
  }
  // Lower and upper edge of a bin (ng/mL); bin 0 is [0, 2^-10).
  static double lower_edge(int bin);
  static double upper_edge(int bin) { return bin == 0 ? kLow : lower_edge(bin + 1); }

  void add(std::size_t row, double value) {
    ++counts_[row * kBins + static_cast<std::size_t>(bin_of(static_cast<float>(value)))];
  }
  // Many values at once: counted first in a small scratch row that stays in L1,
  // then added to the row over the touched range only. Counting straight into
  // the rows would miss the cache on most additions (docs/performance.md).
  void add_bins(std::size_t row, const std::int32_t* bins, std::size_t n);
  void merge(const LogHistogram& other);
  // Percentile p (0-100) of row by linear interpolation of the order statistics
  // (type 7), each bin's values spread evenly in log space.
  double percentile(std::size_t row, double p, std::size_t total) const;

 private:
  static constexpr float kLow = 1.0f / 1024;  // 2^kMinExponent
  static constexpr std::uint32_t kLowBits = std::bit_cast<std::uint32_t>(kLow) >> (23 - 7);
  std::vector<std::uint32_t> counts_;
  std::vector<std::uint32_t> scratch_ = std::vector<std::uint32_t>(kBins, 0);
};

}  // namespace kc::pharm::detail
