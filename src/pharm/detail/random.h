#pragma once
// A small counter-based random stream per virtual patient: SplitMix64 (Steele,
// Lea & Flood 2014) seeded from (seed, patient index), so results do not depend
// on how patients are spread over threads. Normals by Box-Muller.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace kc::pharm::detail {

class PatientStream {
 public:
  PatientStream(std::uint64_t seed, std::uint64_t index) : state_(mix(seed) ^ mix(index + 0x9e3779b97f4a7c15ULL)) {}

  double uniform() {  // (0, 1)
    return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53;
  }
  double normal() {
    if (has_spare_) { has_spare_ = false; return spare_; }
    const double r = std::sqrt(-2 * std::log(uniform())), a = 2 * std::numbers::pi * uniform();
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15ULL); }

  std::uint64_t state_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace kc::pharm::detail
