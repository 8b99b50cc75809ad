// `ketaclinic brain`: the spiking engine of src/brain from the command line.
//   brain bench coba|cuba   the Brette et al. 2007 benchmark networks, timed
//   brain circuit           one window of the ketamine circuit at a given block
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "brain/engine.h"
#include "brain/readout.h"
#include "brain/receptor_block.h"
#include "cli/brain_report.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_report.h"
#include "core/units.h"
#include "pharm/occupancy.h"

namespace kc::cli {
namespace {

constexpr double kKetamineMw_g_per_mol = 237.73;  // as pharm::ReceptorBinding

struct WindowArgs {
  std::string duration = "1s", format = "table";
  unsigned threads = 1;
  std::uint64_t seed = 1;
};

struct BenchArgs {
  WindowArgs window;
  std::string network;
};

struct CircuitArgs {
  WindowArgs window;
  std::string ce, raster, transient = "1s";
  std::optional<double> block_e, block_pv, block_sst;
};

void add_window_options(CLI::App& cmd, WindowArgs& a, const std::string& default_duration) {
  a.duration = default_duration;
  cmd.add_option("--duration", a.duration, "biological time, e.g. 1s or 10s")->capture_default_str();
  cmd.add_option("--threads", a.threads, "worker threads (the spikes do not depend on it)")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  cmd.add_option("--seed", a.seed, "seed of connectivity, initial state and drive")->capture_default_str();
  cmd.add_option("--format", a.format, "table or json")->capture_default_str();
}

Result<brain::RunOptions> run_options(const WindowArgs& a, bool record) {
  KC_TRY(const double minutes, units::parse_duration_min(a.duration, "--duration"));
  if (!(minutes > 0 && minutes <= 60))
    return fail(ErrorCode::invalid_argument, "--duration", "--duration: must be more than 0 and at most 1h");
  return brain::RunOptions{.duration_ms = minutes * 60'000.0, .threads = a.threads, .record_spikes = record};
}

Result<Format> window_format(const std::string& text) {
  KC_TRY(auto f, parse_format(text));
  if (f == Format::csv) return fail(ErrorCode::invalid_argument, "--format", "--format: table or json");
  return f;
}

// Runs and times one window; the wall time covers building the network too.
Result<TimedRun> timed(const brain::NetworkSpec& spec, const brain::RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto r = brain::simulate(spec, options);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  if (!r) return std::unexpected(r.error());
  return TimedRun{std::move(*r), wall.count(), peak_resident_mb()};
}

int run_bench(const BenchArgs& a) {
  auto format = window_format(a.window.format);
  if (!format) return report("brain bench", format.error());
  auto options = run_options(a.window, false);
  if (!options) return report("brain bench", options.error());
  auto spec = a.network == "cuba" ? brain::cuba_benchmark() : brain::coba_benchmark();
  spec.seed = a.window.seed;
  auto run = timed(spec, *options);
  if (!run) return report("brain bench", run.error());
  fmt::print("{}", *format == Format::json ? bench_json(spec, *options, *run).dump(2) + "\n"
                                            : bench_text(spec, *options, *run));
  return kExitOk;
}

Result<brain::PerPopulation<double>> circuit_blocks(const CircuitArgs& a) {
  brain::PerPopulation<double> blocks{};
  if (!a.ce.empty()) {
    auto um = units::parse_molar_um(a.ce, "--ce");
    if (!um) {
      auto ng_ml = units::parse_concentration_ng_per_ml(a.ce, "--ce");
      if (!ng_ml)
        return fail(ErrorCode::invalid_argument, "--ce", "--ce: a concentration such as 0.78uM or 185ng/mL");
      um = pharm::ng_ml_to_um(*ng_ml, kKetamineMw_g_per_mol);
    }
    if (*um < 0) return fail(ErrorCode::invalid_argument, "--ce", "--ce: must not be negative");
    blocks = brain::quasi_static_blocks(*um, brain::default_block_params());
  }
  const std::optional<double>* given[] = {&a.block_e, &a.block_pv, &a.block_sst};
  for (std::size_t i = 0; i < 3; ++i)
    if (*given[i]) blocks[i] = **given[i];
  return blocks;
}

int run_circuit(const CircuitArgs& a) {
  auto format = window_format(a.window.format);
  if (!format) return report("brain circuit", format.error());
  auto options = run_options(a.window, !a.raster.empty());
  if (!options) return report("brain circuit", options.error());
  auto blocks = circuit_blocks(a);
  if (!blocks) return report("brain circuit", blocks.error());
  auto spec = brain::ketamine_circuit(*blocks);
  spec.seed = a.window.seed;
  auto run = timed(spec, *options);
  if (!run) return report("brain circuit", run.error());
  auto transient_min = units::parse_duration_min(a.transient, "--transient");
  if (!transient_min) return report("brain circuit", transient_min.error());
  auto osc = brain::oscillations(run->result, spec, options->bin_ms, *transient_min * 60'000.0);
  if (!osc)
    return report("brain circuit", Error{ErrorCode::invalid_argument, "--transient",
                                         "--transient: must leave at least 256 ms of --duration after it"});
  if (!a.raster.empty())
    if (auto ok = write_file(a.raster, raster_svg(spec, run->result)); !ok) return report("brain circuit", ok.error());
  fmt::print("{}", *format == Format::json ? circuit_json(spec, *run, *osc).dump(2) + "\n"
                                            : circuit_text(spec, *run, *osc));
  return kExitOk;
}

void register_bench(CLI::App& brain_cmd, int& exit_code) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = brain_cmd.add_subcommand("bench", "Run and time a benchmark network of Brette et al. 2007");
  cmd->add_option("network", args->network, "coba (conductance-based) or cuba (current-based)")
      ->required()
      ->check(CLI::IsMember({"coba", "cuba"}));
  add_window_options(*cmd, args->window, "1s");
  cmd->footer("Example:\n  ketaclinic brain bench coba --duration 10s --threads 1 --format json");
  cmd->callback([args, &exit_code] { exit_code = run_bench(*args); });
}

void register_circuit(CLI::App& brain_cmd, int& exit_code) {
  auto args = std::make_shared<CircuitArgs>();
  auto* cmd = brain_cmd.add_subcommand(
      "circuit", "One spiking window of the E/PV/SST circuit with NMDA receptors blocked by ketamine");
  cmd->add_option("--ce", args->ce,
                  "effect-site ketamine concentration (0.78uM, 185ng/mL); block from the quasi-static L2 model");
  const auto fraction = CLI::Range(0.0, 1.0);
  cmd->add_option("--block-e", args->block_e, "NMDA block of pyramidal cells, 0 to 1 (overrides --ce)")->check(fraction);
  cmd->add_option("--block-pv", args->block_pv, "NMDA block of PV interneurons, 0 to 1")->check(fraction);
  cmd->add_option("--block-sst", args->block_sst, "NMDA block of SST interneurons, 0 to 1")->check(fraction);
  cmd->add_option("--raster", args->raster, "also draw the spikes as an SVG raster");
  cmd->add_option("--transient", args->transient, "time left out of the spectrum at the start")->capture_default_str();
  add_window_options(*cmd, args->window, "3s");
  cmd->footer("Example:\n  ketaclinic brain circuit --ce 0.78uM --duration 3s --raster raster.svg");
  cmd->callback([args, &exit_code] { exit_code = run_circuit(*args); });
}

}  // namespace

void register_brain(CLI::App& root, int& exit_code) {
  auto* cmd = root.add_subcommand("brain", "The brain simulation: spiking circuit and NMDA block (issue 14, first slice)");
  cmd->require_subcommand(1);
  register_bench(*cmd, exit_code);
  register_circuit(*cmd, exit_code);
}

}  // namespace kc::cli
