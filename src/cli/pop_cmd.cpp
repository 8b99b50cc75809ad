// `ketaclinic pop`: population prediction with percentile bands.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
#include "cli/pharm_report.h"
#include "cli/svg_plot.h"
#include "core/units.h"
#include "pharm/population.h"

namespace kc::cli {
namespace {

struct PopArgs {
  PatientArgs patient;
  RegimenArgs regimen;
  GridArgs grid;
  std::size_t n = 1000;
  std::uint64_t seed = 1;
  std::string percentiles = "5,50,95", cv, weight_sd, age_sd, threshold, format, plot;
  unsigned threads = 0;
};

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<std::vector<double>> parse_percentiles(const std::string& text) {
  std::vector<double> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    try {
      std::size_t used = 0;
      out.push_back(std::stod(item, &used));
      if (used != item.size()) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      return fail(ErrorCode::invalid_argument, "percentiles", fmt::format("--percentiles: '{}' is not a number", item));
    }
  }
  return out;
}

// "30%" for every parameter, or "cl=30%,v1=20%".
Result<std::map<pharm::Param, double>> parse_cv(const std::string& text, const pharm::ModelSpec& model) {
  std::map<pharm::Param, double> cv;
  if (text.empty()) {
    for (const auto& [p, v] : model.iiv_cv) cv[p] = v.value;
    return cv;
  }
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto eq = item.find('=');
    auto value = units::parse_fraction(eq == std::string::npos ? item : item.substr(eq + 1), "--cv");
    if (!value) return err(value);
    if (eq == std::string::npos) {
      for (pharm::Param p : pharm::kParams) if (model.disposition.contains(p)) cv[p] = *value;
      continue;
    }
    auto p = pharm::parse_param(item.substr(0, eq), "--cv");
    if (!p) return err(p);
    cv[*p] = *value;
  }
  return cv;
}

Result<pharm::PopulationOptions> make_options(const PopArgs& a, const PatientSetup& s) {
  pharm::PopulationOptions o;
  o.patients = a.n;
  o.seed = a.seed;
  o.threads = a.threads;
  auto ps = parse_percentiles(a.percentiles);
  if (!ps) return err(ps);
  o.percentiles = *ps;
  auto cv = parse_cv(a.cv, s.model);
  if (!cv) return err(cv);
  o.cv = *cv;
  if (!a.weight_sd.empty()) {
    auto sd = units::parse_weight_kg(a.weight_sd, "--weight-sd");
    if (!sd) return err(sd);
    o.weight_sd_kg = *sd;
  }
  if (!a.age_sd.empty()) {
    auto sd = units::parse_duration_min(a.age_sd, "--age-sd");
    if (!sd) return err(sd);
    o.age_sd_y = *sd / units::kMinPerYear;
  }
  if (!a.threshold.empty()) {
    auto level = units::parse_concentration_ng_per_ml(a.threshold, "--threshold");
    if (!level) return err(level);
    o.threshold_ng_ml = *level;
  }
  return o;
}

// A progress bar on stderr, only on a terminal and only once a run has taken a second.
class Progress {
 public:
  Progress() : tty_(isatty(fileno(stderr)) != 0), start_(std::chrono::steady_clock::now()) {}
  ~Progress() { if (drawn_) std::fputs("\n", stderr); }
  void operator()(std::size_t done, std::size_t total) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (!tty_ || elapsed < 1.0) return;
    const int width = 40, filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
    fmt::print(stderr, "\r[{}{}] {:>3}%  {} of {} patients", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), ' '), 100 * done / total, done, total);
    drawn_ = true;
  }

 private:
  bool tty_, drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

std::string band_name(double p) { return fmt::format("p{}", number(p, 4)); }

Table bands_table(const pharm::PopulationRun& r) {
  Table t{{"t_min"}, {}};
  for (const auto& b : r.bands) t.header.push_back("cp_" + band_name(b.percentile) + "_ng_ml");
  for (const auto& b : r.bands) if (!b.ce_ng_ml.empty()) t.header.push_back("ce_" + band_name(b.percentile) + "_ng_ml");
  for (std::size_t i = 0; i < r.t_min.size(); ++i) {
    std::vector<std::string> row{number(r.t_min[i], 6)};
    for (const auto& b : r.bands) row.push_back(number(b.cp_ng_ml[i]));
    for (const auto& b : r.bands) if (!b.ce_ng_ml.empty()) row.push_back(number(b.ce_ng_ml[i]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table metrics_table(const pharm::PopulationRun& r) {
  Table t{{"metric"}, {}};
  for (const auto& b : r.bands) t.header.push_back(band_name(b.percentile));
  t.header.push_back("mean");
  for (const auto& m : r.metrics) {
    std::vector<std::string> row{m.name};
    for (double v : m.values) row.push_back(number(v));
    row.push_back(number(m.mean));
    t.rows.push_back(std::move(row));
  }
  return t;
}

nlohmann::json population_json(const pharm::PopulationRun& r, const pharm::PopulationOptions& o) {
  nlohmann::json bands = nlohmann::json::array(), metrics = nlohmann::json::object();
  for (const auto& b : r.bands)
    bands.push_back({{"percentile", b.percentile}, {"cp_ng_ml", b.cp_ng_ml},
                     {"ce_ng_ml", b.ce_ng_ml.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.ce_ng_ml)}});
  for (const auto& m : r.metrics) {
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t i = 0; i < m.values.size(); ++i) values[band_name(o.percentiles[i])] = m.values[i];
    values["mean"] = m.mean;
    metrics[m.name] = values;
  }
  nlohmann::json cv = nlohmann::json::object();
  for (const auto& [p, v] : o.cv) cv[std::string(pharm::to_string(p))] = v;
  return {{"patients", r.patients}, {"seed", o.seed}, {"threads", r.threads}, {"variability_cv", cv},
          {"weight_sd_kg", o.weight_sd_kg ? nlohmann::json(*o.weight_sd_kg) : nlohmann::json(nullptr)},
          {"histogram_bin_relative_width", r.histogram_bin_relative_width},
          {"t_min", r.t_min}, {"bands", bands}, {"metrics", metrics},
          {"typical", {{"cp_ng_ml", r.typical.series.cp_ng_ml}}}};
}

std::string pop_plot(const pharm::PopulationRun& r, const PatientSetup& s, const pharm::ReferenceRanges& ranges) {
  const auto shown = ranges.for_drug(s.model.drug, pharm::RangeRole::display);
  PlotSpec p;
  p.title = fmt::format("Predicted range over {} virtual patients", r.patients);
  p.subtitle = plot_subtitle(s, fmt::format("{}-{}th percentile band", number(r.bands.front().percentile),
                                            number(r.bands.back().percentile)));
  p.footnote = "Model: " + s.model.citation + ranges_footnote(shown) + " Decision support only.";
  p.x_min = r.t_min;
  p.bands.push_back({fmt::format("plasma, p{}-p{}", number(r.bands.front().percentile), number(r.bands.back().percentile)),
                     r.bands.front().cp_ng_ml, r.bands.back().cp_ng_ml, "#1565c0"});
  const auto& mid = r.bands[r.bands.size() / 2];
  p.curves.push_back({"plasma, p" + number(mid.percentile), mid.cp_ng_ml, "#1565c0", false});
  if (!mid.ce_ng_ml.empty()) p.curves.push_back({"effect site, p" + number(mid.percentile), mid.ce_ng_ml, "#c2185b", true});
  p.regions = plot_regions(shown);
  return render_svg(p);
}

int run(const PopArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("pop", format.error());
  auto data = load_pharm_data();
  if (!data) return report("pop", data.error());
  auto setup = resolve_patient(a.patient, data->models);
  if (!setup) return report("pop", setup.error());
  auto regimen = resolve_regimen(a.regimen, *setup);
  if (!regimen) return report("pop", regimen.error());
  auto grid = resolve_grid(a.grid);
  if (!grid) return report("pop", grid.error());
  auto options = make_options(a, *setup);
  if (!options) return report("pop", options.error());
  Progress progress;
  options->progress = [&progress](std::size_t done, std::size_t total) { progress(done, total); };
  auto run = pharm::simulate_population(setup->model, setup->covariates, setup->effect.ke0_per_min, *regimen, *grid, *options);
  if (!run) return report("pop", Error{run.error().code, run.error().field, "--" + run.error().message});
  if (!a.plot.empty())
    if (auto ok = write_file(a.plot, pop_plot(*run, *setup, data->ranges)); !ok) return report("pop", ok.error());
  if (*format == Format::json) {
    nlohmann::json out = {{"model", model_json(*setup)}, {"patient", patient_json(*setup)},
                          {"regimen", regimen_json(*regimen)}, {"population", population_json(*run, *options)}};
    fmt::print("{}\n", out.dump(2));
  } else if (*format == Format::csv) {
    fmt::print("{}", render_csv(bands_table(*run)));
  } else {
    fmt::print("{}patients  {} (seed {}, {} threads)\n\n{}\n{}", header_text(*setup), run->patients, options->seed,
               run->threads, render_table(metrics_table(*run)), render_table(bands_table(*run)));
  }
  return kExitOk;
}

}  // namespace

void register_pop(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<PopArgs>();
  auto* cmd = root.add_subcommand("pop", "Population prediction: percentile bands of Cp and Ce, summary metrics");
  cmd->footer("Example:\n  ketaclinic pop --model herd --weight 30kg --infuse 1mg/kg --over 10min --n 10000 --until 6h");
  add_patient_options(*cmd, args->patient);
  add_regimen_options(*cmd, args->regimen);
  add_grid_options(*cmd, args->grid, "24h", "1min");
  cmd->add_option("--n", args->n, "number of virtual patients")->capture_default_str();
  cmd->add_option("--seed", args->seed, "random seed (same seed, same result)")->capture_default_str();
  cmd->add_option("--percentiles", args->percentiles, "percentiles of the bands")->capture_default_str();
  cmd->add_option("--cv", args->cv, "variability: 30% for all parameters or cl=30%,v1=20% (default: the model's published)");
  cmd->add_option("--weight-sd", args->weight_sd, "spread of body weight around --weight, e.g. 12kg");
  cmd->add_option("--age-sd", args->age_sd, "spread of age around --age, e.g. 10y");
  cmd->add_option("--threads", args->threads, "worker threads (default: all cores)");
  cmd->add_option("--threshold", args->threshold, "also report the time above this concentration, e.g. 100ng/mL");
  add_format_option(*cmd, args->format);
  cmd->add_option("--plot", args->plot, "also draw the median and the band as an SVG file");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
