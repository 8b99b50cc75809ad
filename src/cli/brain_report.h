#pragma once
// What `ketaclinic brain` prints: the benchmark report (wall time, real-time
// factor, spikes, rates, synaptic events per second, peak memory), the circuit
// window (blocks, rates per population, gamma and HFO power of the E rate) and its
// SVG raster.
#include <string>

#include <nlohmann/json.hpp>

#include "brain/engine.h"
#include "brain/network_spec.h"
#include "brain/readout.h"

namespace kc::cli {

struct TimedRun {
  brain::RunResult result;
  double wall_s = 0;          // network construction and run
  double peak_memory_mb = 0;  // peak resident set of the process (0 when unknown)
};

// VmHWM of /proc/self/status in MB; 0 where the file does not exist.
double peak_resident_mb();

nlohmann::json bench_json(const brain::NetworkSpec& spec, const brain::RunOptions& o, const TimedRun& run);
std::string bench_text(const brain::NetworkSpec& spec, const brain::RunOptions& o, const TimedRun& run);
nlohmann::json circuit_json(const brain::NetworkSpec& spec, const TimedRun& run, const brain::Oscillations& osc);
std::string circuit_text(const brain::NetworkSpec& spec, const TimedRun& run, const brain::Oscillations& osc);

// Every 8th neuron over the whole window, E cells blue, PV red, SST green.
std::string raster_svg(const brain::NetworkSpec& spec, const brain::RunResult& r);

}  // namespace kc::cli
