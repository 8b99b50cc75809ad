#pragma once
// Compact synapse storage: compressed sparse rows by presynaptic neuron. Row i
// lists the targets of neuron i in ascending order as 32-bit indices; weights
// are one number per presynaptic population, so a synapse costs 4 bytes.
// Delivering a spike walks one row: work grows with the number of synaptic
// events, not with the number of synapses.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kc::brain {

struct Connectivity {
  std::vector<std::uint64_t> row_begin;  // neurons + 1 offsets into targets
  std::vector<std::uint32_t> targets;

  std::size_t neurons() const { return row_begin.empty() ? 0 : row_begin.size() - 1; }
  std::size_t synapses() const { return targets.size(); }
  std::span<const std::uint32_t> row(std::uint32_t pre) const {
    return {targets.data() + row_begin[pre], targets.data() + row_begin[pre + 1]};
  }
  std::size_t bytes() const {
    return row_begin.size() * sizeof(std::uint64_t) + targets.size() * sizeof(std::uint32_t);
  }
};

// Every ordered pair (pre, post), pre != post, connected independently with
// probability p (Bernoulli, drawn by geometric skips). Deterministic in seed.
// Contract: 0 <= p <= 1.
Connectivity random_connectivity(std::uint32_t neurons, double p, std::uint64_t seed);

}  // namespace kc::brain
