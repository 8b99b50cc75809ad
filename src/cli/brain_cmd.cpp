// `ketaclinic brain`: src/brain from the command line.
//   brain block             the NMDA block per population over an infusion (L1 -> L2)
//   brain bench coba|cuba   the Brette et al. 2007 benchmark networks, timed
//   brain circuit           one window of the ketamine circuit at a given block
//   brain sim               a course through L1-L5 (brain_sim.cpp)
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "brain/engine.h"
#include "brain/readout.h"
#include "brain/receptor_block.h"
#include "cli/brain_course.h"
#include "cli/brain_report.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
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
  cmd.add_option("--seed", a.seed, "seed of connectivity, initial state and drive")
      ->check(CLI::Validator(
          [](std::string& text) { return text.starts_with('-') ? std::string("must be a whole number >= 0") : ""; },
          "SEED"))
      ->capture_default_str();
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
  // Every spike is kept for the raster (8 bytes each, ~80,000 per second of circuit).
  if (!a.raster.empty() && options->duration_ms > 60'000)
    return report("brain circuit", Error{ErrorCode::invalid_argument, "--raster",
                                         "--raster: draws at most 60s of --duration"});
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

struct BlockArgs {
  PatientArgs patient;
  RegimenArgs regimen;
  GridArgs grid;
  std::string format;
  bool quasi_static = false;
};

// The concentration column is Ce where the model has an effect site, else Cp.
Table block_table(const brain::BlockCourse& c, const std::vector<double>& conc_ng_ml, bool effect_site) {
  Table t{{"t_min", effect_site ? "ce_ng_ml" : "cp_ng_ml", "block_E", "block_PV", "block_SST"}, {}};
  for (std::size_t i = 0; i < c.t_min.size(); ++i)
    t.rows.push_back({number(c.t_min[i], 6), number(conc_ng_ml[i]), number(c.block[0][i], 4),
                      number(c.block[1][i], 4), number(c.block[2][i], 4)});
  return t;
}

int run_block(const BlockArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("brain block", format.error());
  auto data = load_pharm_data();
  if (!data) return report("brain block", data.error());
  auto setup = resolve_patient(a.patient, data->models);
  if (!setup) return report("brain block", setup.error());
  auto regimen = resolve_regimen(a.regimen, *setup);
  if (!regimen) return report("brain block", regimen.error());
  auto grid = resolve_grid(a.grid);
  if (!grid) return report("brain block", grid.error());
  auto pred = pharm::predict(prediction_request(*setup, *regimen, std::move(*grid)), data->ranges);
  if (!pred) return report("brain block", as_option(pred.error()));
  const auto& series = pred->simulation.series;
  auto course = brain::block_course(series, setup->binding.molecular_weight_g_per_mol, brain::default_block_params(),
                                    a.quasi_static);
  if (!course) return report("brain block", course.error());
  const auto& conc = series.has_effect_site() ? series.ce_ng_ml : series.cp_ng_ml;
  const auto table = block_table(*course, conc, series.has_effect_site());
  if (*format == Format::json) {
    auto rows = nlohmann::json::array();
    for (std::size_t i = 0; i < course->t_min.size(); ++i)
      rows.push_back({{"t_min", course->t_min[i]}, {"conc_ng_ml", conc[i]},
                      {"block", {{"E", course->block[0][i]}, {"PV", course->block[1][i]}, {"SST", course->block[2][i]}}}});
    nlohmann::json out = {{"model", setup->model.id}, {"concentration", series.has_effect_site() ? "ce" : "cp"},
                          {"mode", a.quasi_static ? "quasi_static" : "kinetic_trapping"},
                          {"free_parameters", "every block constant: docs/brain.md"}, {"series", rows}};
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("{}", *format == Format::csv ? render_csv(table) : render_table(table));
  }
  return kExitOk;
}

void register_block(CLI::App& brain_cmd, int& exit_code) {
  auto args = std::make_shared<BlockArgs>();
  auto* cmd = brain_cmd.add_subcommand(
      "block", "NMDA-receptor block per population (E, PV, SST) over a dosing scheme: use-dependent, with trapping");
  add_patient_options(*cmd, args->patient);
  add_regimen_options(*cmd, args->regimen);
  add_grid_options(*cmd, args->grid, "6h", "5min");
  add_format_option(*cmd, args->format);
  cmd->add_flag("--quasi-static", args->quasi_static, "the steady-state block at each concentration, no trapping");
  cmd->footer("Example:\n  ketaclinic brain block --weight 70kg --infuse 0.5mg/kg --over 40min --until 4h --step 10min\n"
              "Every block constant is a free parameter (docs/brain.md); an illustration, not a prediction.");
  cmd->callback([args, &exit_code] { exit_code = run_block(*args); });
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
  auto* cmd = root.add_subcommand("brain", "The brain simulation: NMDA block, spiking circuit, plasticity and symptoms (issue 14)");
  cmd->require_subcommand(1);
  register_block(*cmd, exit_code);
  register_bench(*cmd, exit_code);
  register_circuit(*cmd, exit_code);
  register_brain_sim(*cmd, exit_code);
  register_brain_validate(*cmd, exit_code);
}

}  // namespace kc::cli
