#pragma once
// The neuron populations the brain model distinguishes: pyramidal (E) cells and
// two interneuron classes, parvalbumin (PV, fast-spiking) and somatostatin (SST).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kc::brain {

enum class Population : std::uint8_t { E = 0, PV = 1, SST = 2 };
inline constexpr std::size_t kPopulationCount = 3;
inline constexpr std::array<Population, kPopulationCount> kPopulations = {Population::E, Population::PV,
                                                                          Population::SST};

template <class T>
using PerPopulation = std::array<T, kPopulationCount>;

constexpr std::size_t index(Population p) { return static_cast<std::size_t>(p); }

constexpr std::string_view to_string(Population p) {
  switch (p) {
    case Population::E: return "E";
    case Population::PV: return "PV";
    case Population::SST: return "SST";
  }
  return "?";
}

}  // namespace kc::brain
