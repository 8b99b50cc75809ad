#pragma once
// L3: the clock-driven spiking engine for a NetworkSpec (brain/network_spec.h).
// Each step of dt: every neuron integrates (COBA forward Euler, CUBA exact),
// crossings of the threshold spike and reset, then the step's spikes are
// delivered without delay (they act from the next step), as in the Brette 2007
// benchmarks (docs/sources.md#brette2007). A spike is stamped with the start of
// its step and V is held at reset for t_ref from that stamp, as Brian2 does;
// the spike trains carry step numbers (time = step * dt).
//
// Reproducible: connectivity, initial state and Poisson drive are drawn from
// streams keyed by (seed, neuron), and each thread owns a contiguous range of
// postsynaptic neurons and adds the step's spikes in ascending presynaptic
// order, so the spikes are identical for every thread count. No I/O; the
// caller's thread count is a request, not global state.
#include <cstdint>
#include <vector>

#include "brain/network_spec.h"
#include "core/error.h"

namespace kc::brain {

struct RunOptions {
  double duration_ms = 1000;
  unsigned threads = 1;
  bool record_spikes = false;
  double bin_ms = 1.0;  // bin of the E-population spike-count series (LFP proxy)
};

struct SpikeTrain {  // ordered by step, then neuron
  std::vector<std::uint32_t> step;
  std::vector<std::uint32_t> neuron;
};

struct RunResult {
  double duration_ms = 0;
  std::uint64_t steps = 0;
  std::uint64_t spikes = 0;
  std::uint64_t synaptic_events = 0;  // spikes times their row lengths
  PerPopulation<std::uint64_t> population_spikes{};
  PerPopulation<double> rate_hz{};  // per population; 0 for an empty one
  double mean_rate_hz = 0;          // over all neurons
  std::vector<std::uint32_t> e_spikes_per_bin;
  std::vector<std::uint32_t> spikes_per_neuron;  // for the rate distribution
  SpikeTrain train;                 // filled when record_spikes
  std::uint64_t synapses = 0;
  std::uint64_t synapse_bytes = 0;  // the CSR storage
};

// Errors: the spec's check(), "duration" (> 0, at most 1 h), "threads" (1..64),
// "bin" (>= dt).
Result<RunResult> simulate(const NetworkSpec& spec, const RunOptions& options);

}  // namespace kc::brain
