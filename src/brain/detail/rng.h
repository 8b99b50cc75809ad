#pragma once
// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator whose whole state is
// one 64-bit word, so every neuron and every presynaptic row carries its own
// stream. Streams are derived from (seed, index), never from a thread, which is
// what makes a run independent of the thread count.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace kc::brain::detail {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A well-mixed starting state for stream `index` of purpose `salt`.
inline std::uint64_t stream(std::uint64_t seed, std::uint64_t salt, std::uint64_t index) {
  std::uint64_t s = seed ^ (salt * 0xd1b54a32d192ed03ULL);
  splitmix64(s);
  s ^= index * 0x8cb92ba72f3d8dd7ULL;
  splitmix64(s);
  return s;
}

// Uniform in [0, 1) with 53 random bits.
inline double uniform(std::uint64_t& state) {
  return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
}

// Uniform in (0, 1]: safe under a logarithm.
inline double uniform_open0(std::uint64_t& state) { return 1.0 - uniform(state); }

inline double normal(std::uint64_t& state) {  // Box-Muller, one of the pair
  const double r = std::sqrt(-2.0 * std::log(uniform_open0(state)));
  return r * std::cos(2.0 * std::numbers::pi * uniform(state));
}

// Poisson by inversion; for the small means of one time step (< ~10).
inline std::uint32_t poisson(std::uint64_t& state, double mean, double exp_minus_mean) {
  std::uint32_t k = 0;
  double p = exp_minus_mean, cdf = p;
  const double u = uniform(state);
  while (u > cdf && k < 1000) {
    ++k;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

}  // namespace kc::brain::detail
