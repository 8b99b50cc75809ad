#include "cli/brain_report.h"

#include <fmt/format.h>

#include <fstream>
#include <string>

#include "cli/output.h"

namespace kc::cli {
namespace {

using brain::Population;

std::string title_of(const brain::NetworkSpec& spec) {
  if (spec.name == "coba") return "COBA benchmark (Brette et al. 2007), forward Euler";
  if (spec.name == "cuba") return "CUBA benchmark (Brette et al. 2007), exact integration";
  return spec.name;
}

// A benchmark network has one inhibitory population: call it I, not PV.
std::string label(const brain::NetworkSpec& spec, Population p) {
  if (p == Population::PV && spec.size[index(Population::SST)] == 0) return "I";
  return std::string(to_string(p));
}

nlohmann::json rates_json(const brain::NetworkSpec& spec, const brain::RunResult& r) {
  nlohmann::json out = nlohmann::json::object();
  for (auto p : brain::kPopulations)
    if (spec.size[index(p)] > 0) out[label(spec, p)] = r.rate_hz[index(p)];
  return out;
}

std::string rates_text(const brain::NetworkSpec& spec, const brain::RunResult& r) {
  std::string out;
  for (auto p : brain::kPopulations)
    if (spec.size[index(p)] > 0)
      out += fmt::format("{}{} {} Hz", out.empty() ? "" : ", ", label(spec, p), number(r.rate_hz[index(p)], 4));
  return out;
}

nlohmann::json distribution_json(const brain::RunResult& r) {
  const auto d = brain::rate_distribution(r);
  return {{"p10_hz", d.p10_hz}, {"p25_hz", d.p25_hz}, {"median_hz", d.median_hz}, {"p75_hz", d.p75_hz},
          {"p90_hz", d.p90_hz}, {"sd_hz", d.sd_hz}, {"silent_fraction", d.silent_fraction}};
}

}  // namespace

double peak_resident_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // kB
  return 0;
}

nlohmann::json bench_json(const brain::NetworkSpec& spec, const brain::RunOptions& o, const TimedRun& run) {
  const auto& r = run.result;
  const double bio_s = r.duration_ms * 1e-3;
  return {{"network", spec.name}, {"neurons", spec.neurons()}, {"synapses", r.synapses},
          {"synapse_storage_mb", static_cast<double>(r.synapse_bytes) / (1024.0 * 1024.0)},
          {"dt_ms", spec.dt_ms}, {"threads", o.threads}, {"seed", spec.seed},
          {"biological_time_s", bio_s}, {"wall_time_s", run.wall_s}, {"real_time_factor", run.wall_s / bio_s},
          {"spikes", r.spikes}, {"mean_rate_hz", r.mean_rate_hz}, {"rate_hz", rates_json(spec, r)},
          {"synaptic_events", r.synaptic_events},
          {"synaptic_events_per_s", static_cast<double>(r.synaptic_events) / run.wall_s},
          {"peak_memory_mb", run.peak_memory_mb}, {"rate_distribution", distribution_json(r)}};
}

std::string bench_text(const brain::NetworkSpec& spec, const brain::RunOptions& o, const TimedRun& run) {
  const auto& r = run.result;
  const double bio_s = r.duration_ms * 1e-3;
  std::string out = title_of(spec) + "\n";
  out += fmt::format("network           {} neurons, {} synapses ({} MB), dt {} ms, {} thread{}, seed {}\n",
                     spec.neurons(), r.synapses, number(static_cast<double>(r.synapse_bytes) / 1048576.0, 3),
                     number(spec.dt_ms), o.threads, o.threads == 1 ? "" : "s", spec.seed);
  out += fmt::format("biological time   {} s\n", number(bio_s));
  out += fmt::format("wall time         {} s (network construction and run)\n", number(run.wall_s, 4));
  out += fmt::format("real-time factor  {}\n", number(run.wall_s / bio_s, 4));
  out += fmt::format("spikes            {}\n", r.spikes);
  out += fmt::format("mean rate         {} Hz ({})\n", number(r.mean_rate_hz, 4), rates_text(spec, r));
  const auto d = brain::rate_distribution(r);
  out += fmt::format("single-neuron rate quantiles 10/25/50/75/90 %: {} / {} / {} / {} / {} Hz (s.d. {} Hz)\n",
                     number(d.p10_hz, 4), number(d.p25_hz, 4), number(d.median_hz, 4), number(d.p75_hz, 4),
                     number(d.p90_hz, 4), number(d.sd_hz, 3));
  out += fmt::format("synaptic events   {} ({} per second of wall time)\n", r.synaptic_events,
                     number(static_cast<double>(r.synaptic_events) / run.wall_s, 4));
  out += fmt::format("peak memory       {} MB (resident, whole process)\n", number(run.peak_memory_mb, 4));
  return out;
}

nlohmann::json circuit_json(const brain::NetworkSpec& spec, const TimedRun& run, const brain::Oscillations& osc) {
  nlohmann::json blocks = nlohmann::json::object();
  for (auto p : brain::kPopulations) blocks[std::string(to_string(p))] = spec.nmda_block[index(p)];
  const auto& r = run.result;
  return {{"network", spec.name}, {"neurons", spec.neurons()}, {"seed", spec.seed},
          {"biological_time_s", r.duration_ms * 1e-3}, {"nmda_block", blocks},
          {"rate_hz", rates_json(spec, r)}, {"mean_rate_hz", r.mean_rate_hz}, {"spikes", r.spikes},
          {"lfp_proxy", "E population rate in 1 ms bins, Welch PSD (256-ms Hann segments), after the transient"},
          {"gamma_power_hz2", osc.gamma_power_hz2}, {"hfo_power_hz2", osc.hfo_power_hz2},
          {"gamma_peak_hz", osc.gamma_peak_hz},
          {"wall_time_s", run.wall_s}, {"free_parameters", "NMDA weight, PV/SST split, block constants: docs/brain.md"}};
}

std::string circuit_text(const brain::NetworkSpec& spec, const TimedRun& run, const brain::Oscillations& osc) {
  const auto& r = run.result;
  std::string out = fmt::format("Ketamine circuit: {} E, {} PV, {} SST neurons, {} s, seed {}\n",
                                spec.size[0], spec.size[1], spec.size[2], number(r.duration_ms * 1e-3), spec.seed);
  out += fmt::format("NMDA block        E {}, PV {}, SST {}\n", number(spec.nmda_block[0], 3),
                     number(spec.nmda_block[1], 3), number(spec.nmda_block[2], 3));
  out += fmt::format("rates             {}\n", rates_text(spec, r));
  out += fmt::format("mean rate         {} Hz, {} spikes, wall time {} s\n", number(r.mean_rate_hz, 4), r.spikes,
                     number(run.wall_s, 3));
  out += fmt::format("gamma 30-80 Hz    {} Hz^2 (peak at {} Hz); HFO 80-150 Hz {} Hz^2, of the E rate\n",
                     number(osc.gamma_power_hz2, 4), number(osc.gamma_peak_hz, 3), number(osc.hfo_power_hz2, 4));
  out += "Model parameters marked free in docs/brain.md are not fitted to data.\n";
  return out;
}

std::string raster_svg(const brain::NetworkSpec& spec, const brain::RunResult& r) {
  constexpr double kWidth = 800, kHeight = 500, kLeft = 50, kTop = 30;
  constexpr std::uint32_t kEvery = 8;
  const double rows = static_cast<double>((spec.neurons() + kEvery - 1) / kEvery);
  const double steps = static_cast<double>(std::max<std::uint64_t>(r.steps, 1));
  const char* colour[] = {"#1565c0", "#c62828", "#2e7d32"};
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n<text x=\"{}\" y=\"18\">Spikes of every {}th neuron: E blue, PV red, SST green; "
      "block E {} PV {} SST {}</text>\n",
      kWidth + kLeft + 20, kHeight + kTop + 40, kLeft, kEvery, number(spec.nmda_block[0], 2),
      number(spec.nmda_block[1], 2), number(spec.nmda_block[2], 2));
  for (std::size_t k = 0; k < r.train.neuron.size(); ++k) {
    const auto i = r.train.neuron[k];
    if (i % kEvery) continue;
    const std::size_t pop = i < spec.size[0] ? 0 : i < spec.size[0] + spec.size[1] ? 1 : 2;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"1\" height=\"1\" fill=\"{}\"/>\n",
                       kLeft + kWidth * r.train.step[k] / steps, kTop + kHeight * (i / kEvery) / rows, colour[pop]);
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\">0 ms</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} ms</text>\n",
                     kLeft, kTop + kHeight + 20, kLeft + kWidth, kTop + kHeight + 20, number(r.duration_ms));
  return out + "</svg>\n";
}

}  // namespace kc::cli
