// `ketaclinic sim`: exact simulation of one patient for a regimen.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/dose_gate.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
#include "cli/pharm_report.h"
#include "cli/svg_plot.h"
#include "core/units.h"
#include "http/pharm_codec.h"
#include "pharm/occupancy.h"
#include "pharm/solver.h"

namespace kc::cli {
namespace {

struct SimArgs {
  PatientArgs patient;
  RegimenArgs regimen;
  GridArgs grid;
  std::string format, plot, threshold, override_reason;
  bool amounts = false;
};

// The option a dose-policy refusal names: the one the regimen was given with.
std::string_view dose_option(const RegimenArgs& r) {
  if (!r.infuse.empty()) return "--infuse";
  if (!r.infusions.empty()) return "--infusion";
  return r.boluses.empty() ? "--dose" : "--bolus";
}

nlohmann::json series_json(const pharm::Series& s, const PatientSetup& setup, bool amounts) {
  auto rows = nlohmann::json::array();
  for (std::size_t i = 0; i < s.size(); ++i) {
    nlohmann::json row = {{"t_min", s.t_min[i]}, {"cp_ng_ml", s.cp_ng_ml[i]},
                          {"ce_ng_ml", s.has_effect_site() ? nlohmann::json(s.ce_ng_ml[i]) : nlohmann::json(nullptr)},
                          {"nmda_occupancy", pharm::nmda_occupancy(s.cp_ng_ml[i], setup.binding)}};
    if (amounts)
      row["amounts_mg"] = {{"central", s.central_mg[i]}, {"peripheral2", s.peripheral2_mg[i]},
                           {"peripheral3", s.peripheral3_mg[i]}, {"depot", s.depot_mg[i]},
                           {"eliminated", s.eliminated_mg[i]}};
    rows.push_back(std::move(row));
  }
  return rows;
}

Table series_table(const pharm::Series& s, const PatientSetup& setup, bool amounts) {
  Table t{{"t_min", "cp_ng_ml", "ce_ng_ml", "nmda_occupancy"}, {}};
  if (amounts)
    for (auto h : {"central_mg", "peripheral2_mg", "peripheral3_mg", "depot_mg", "eliminated_mg"}) t.header.push_back(h);
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::vector<std::string> row{number(s.t_min[i], 6), number(s.cp_ng_ml[i]),
                                 s.has_effect_site() ? number(s.ce_ng_ml[i]) : "",
                                 number(pharm::nmda_occupancy(s.cp_ng_ml[i], setup.binding), 3)};
    if (amounts)
      for (const auto* col : {&s.central_mg, &s.peripheral2_mg, &s.peripheral3_mg, &s.depot_mg, &s.eliminated_mg})
        row.push_back(number((*col)[i]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string summary_text(const pharm::Summary& sm) {
  std::string out = fmt::format("Cmax      {} ng/mL at {} min\n", number(sm.cmax_ng_ml), number(sm.tmax_min));
  if (sm.ce_max_ng_ml) out += fmt::format("Ce max    {} ng/mL\n", number(*sm.ce_max_ng_ml));
  for (const auto& e : sm.infusion_ends)
    out += fmt::format("end of infusion at {} min: {} ng/mL\n", number(e.t_min), number(e.cp_ng_ml));
  out += fmt::format("AUC       {} ng*h/mL over the simulated time, {} ng*h/mL to infinity\n",
                     number(sm.auc_0_t_ng_h_ml), number(sm.auc_inf_ng_h_ml));
  if (sm.time_above_min)
    out += fmt::format("above {} ng/mL for {} min\n", number(*sm.threshold_ng_ml), number(*sm.time_above_min));
  return out;
}

// Under the header: the benchmark deviation and the dose basis, in every table.
std::string notes_text(const pharm::Prediction& p) {
  std::string out;
  for (const auto& b : p.benchmarks) out += fmt::format("benchmark {}\n", b.text);
  for (const auto& a : p.assumptions)
    if (a.code == pharm::AssumptionCode::dose_as_base || a.code == pharm::AssumptionCode::illustrative_occupancy)
      out += fmt::format("note      {}\n", a.text);
  return out;
}

std::string sim_plot(const pharm::Prediction& pred, const PatientSetup& setup, const pharm::Regimen& r) {
  const auto& series = pred.simulation.series;
  PlotSpec p;
  p.title = fmt::format("Predicted ketamine concentration: {} mg in total", number(r.total_dose_mg(), 4));
  if (setup.drug.id == "esketamine") p.title = fmt::format("Predicted esketamine concentration: {} mg in total", number(r.total_dose_mg(), 4));
  p.subtitle = plot_subtitle(setup, "typical patient");
  p.footnote = "Model: " + setup.model.citation + ranges_footnote(pharm::display_ranges(pred)) + " Decision support only.";
  p.x_min = series.t_min;
  p.curves.push_back({"plasma (Cp)", series.cp_ng_ml, "#1565c0", false});
  if (series.has_effect_site())
    p.curves.push_back({setup.effect.assumed ? "effect site (Ce, assumed ke0)" : "effect site (Ce)",
                        series.ce_ng_ml, "#c2185b", true});
  p.regions = plot_regions(pharm::display_ranges(pred));
  return render_svg(p);
}

Result<pharm::Prediction> predict(const SimArgs& a, const PharmData& data, PatientSetup& setup,
                                  pharm::Regimen& regimen, std::vector<pharm::PolicyFinding>& findings) {
  KC_TRY(setup, resolve_patient(a.patient, data.models));
  KC_TRY(regimen, resolve_regimen(a.regimen, setup));
  KC_TRY(auto grid, resolve_grid(a.grid));
  auto request = prediction_request(setup, regimen, std::move(grid));
  if (!a.threshold.empty()) {
    KC_TRY(request.threshold_ng_ml, units::parse_concentration_ng_per_ml(a.threshold, "--threshold"));
  }
  request.benchmarks = &data.benchmarks;
  auto prediction = pharm::predict(request, data.ranges);
  if (!prediction) return std::unexpected(as_option(prediction.error()));
  KC_TRY(findings, gate_dose(data.policy, setup, pharm::amounts_of(regimen, setup.covariates.weight_kg),
                             dose_option(a.regimen), a.override_reason));
  return prediction;
}

int run(const SimArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("sim", format.error());
  auto data = load_pharm_data();
  if (!data) return report("sim", data.error());
  PatientSetup setup;
  pharm::Regimen regimen;
  std::vector<pharm::PolicyFinding> findings;
  auto pred = predict(a, *data, setup, regimen, findings);
  if (!pred) return report("sim", pred.error());
  const auto& sim = pred->simulation;
  if (!a.plot.empty())
    if (auto ok = write_file(a.plot, sim_plot(*pred, setup, regimen)); !ok) return report("sim", ok.error());
  print_warnings("sim", *pred);
  print_overrides("sim", findings, a.override_reason);
  if (*format == Format::json) {
    nlohmann::json out = {{"model", model_json(setup)}, {"patient", patient_json(setup)},
                          {"regimen", regimen_json(regimen)}, {"receptor", receptor_json(setup)},
                          {"summary", summary_json(sim.summary, setup)},
                          {"series", series_json(sim.series, setup, a.amounts)},
                          {"assumptions", http::assumptions_json(*pred)}, {"warnings", http::warnings_json(*pred)},
                          {"benchmarks", http::benchmarks_json(*pred)},
                          {"dose_policy", http::dose_policy_json(findings, a.override_reason)}};
    fmt::print("{}\n", out.dump(2));
  } else if (*format == Format::csv) {
    fmt::print("{}", render_csv(series_table(sim.series, setup, a.amounts)));
  } else {
    fmt::print("{}{}\n{}\n{}", header_text(setup), notes_text(*pred), summary_text(sim.summary),
               render_table(series_table(sim.series, setup, a.amounts)));
  }
  return kExitOk;
}

}  // namespace

void register_sim(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<SimArgs>();
  auto* cmd = root.add_subcommand("sim", "Simulate one typical patient exactly: Cp, Ce, amounts, NMDA occupancy");
  cmd->footer(
      "Example:\n  ketaclinic sim --model domino --weight 70kg --infuse 0.5mg/kg --over 40min "
      "--until 6h --step 1min --format json");
  add_patient_options(*cmd, args->patient);
  add_regimen_options(*cmd, args->regimen);
  add_grid_options(*cmd, args->grid, "6h", "1min");
  add_format_option(*cmd, args->format);
  cmd->add_option("--plot", args->plot, "also draw the curves as an SVG file");
  cmd->add_option("--threshold", args->threshold, "report the time above this concentration, e.g. 100ng/mL");
  cmd->add_flag("--amounts", args->amounts, "include the amount in each compartment (mg)");
  add_override_option(*cmd, args->override_reason);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
