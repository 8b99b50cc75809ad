// `ketaclinic validate`: every model against published measured values, as
// Markdown; docs/validation.md is this command's output (`./kc validation`).
#include <fmt/format.h>

#include <memory>

#include "catalog/comparators.h"
#include "catalog/models.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
#include "pharm/solver.h"

namespace kc::cli {
namespace {

struct Prediction {
  std::string model_id, model_name;
  double value = 0;
  bool outside_validity = false;
};

PatientArgs patient_for(const std::string& model, double weight_kg) {
  PatientArgs a;
  a.model = model;
  a.weight = fmt::format("{}kg", weight_kg);
  a.force = true;
  return a;
}

RegimenArgs regimen_for(const catalog::Comparator& c) {
  RegimenArgs r;
  if (c.bolus) r.boluses.push_back(*c.bolus);
  if (c.extravascular) r.doses.push_back(*c.extravascular);
  if (c.infusion_dose) { r.infuse = *c.infusion_dose; r.over = c.infusion_over.value_or(""); }
  if (c.infusion_rate) r.infusions.push_back(*c.infusion_rate + " for " + c.infusion_over.value_or(""));
  return r;
}

Result<double> predict(const catalog::Comparator& c, const PatientSetup& s) {
  const auto& d = s.individual.disposition;
  if (c.measure == catalog::Measure::clearance) return d.cl_l_per_min * 60;
  auto regimen = resolve_regimen(regimen_for(c), s);
  if (!regimen) return std::unexpected(regimen.error());
  if (c.measure == catalog::Measure::css) return regimen->infusions.at(0).rate_mg_per_min / d.cl_l_per_min * 1000;
  const std::vector<double> times = c.measure == catalog::Measure::cp_at ? std::vector<double>{*c.at_min}
                                                                         : *pharm::uniform_grid(24 * 60, 0.5);
  auto sim = pharm::simulate(s.individual, *regimen, times);
  if (!sim) return std::unexpected(sim.error());
  if (c.measure == catalog::Measure::cp_at) return sim->series.cp_ng_ml.front();
  if (c.measure == catalog::Measure::auc_inf) return sim->summary.auc_inf_ng_h_ml;
  return sim->summary.tmax_min;
}

bool outside(const pharm::ModelSpec& m, double weight_kg) { return !m.weight_kg.contains(weight_kg); }

std::string verdict(const catalog::Comparator& c, double v) {
  std::string out;
  if (c.measured) out += fmt::format("{:+.0f} %", (v / *c.measured - 1) * 100);
  if (c.range_low) {
    const bool in = v >= *c.range_low && v <= *c.range_high;
    out += (out.empty() ? "" : "; ") + std::string(in ? "within" : "outside") +
           fmt::format(" {:g}-{:g} {}", *c.range_low, *c.range_high, c.unit);
  }
  return out;
}

std::string comparator_section(const catalog::Comparator& c, const catalog::ModelCatalog& cat) {
  std::string out = fmt::format("## {}\n\n", c.title);
  if (c.measured) out += fmt::format("Measured: **{:g} {}** — {}\n\n", *c.measured, c.unit, c.measured_source);
  if (c.range_low) out += fmt::format("Range: **{:g}–{:g} {}** — {}\n\n", *c.range_low, *c.range_high, c.unit, c.range_source);
  if (!c.caveat.empty()) out += fmt::format("Caveat: {}\n\n", c.caveat);
  Table t{{"model", "predicted", "vs measured", "note"}, {}};
  for (const auto& m : cat.models) {
    if (m.drug != c.drug) continue;
    auto setup = resolve_patient(patient_for(m.id, c.weight_kg), cat);
    if (!setup) continue;
    auto v = predict(c, *setup);
    t.rows.push_back({fmt::format("{} (`{}`)", m.name, m.id), v ? fmt::format("{} {}", number(*v, 4), c.unit) : "n/a",
                      v ? verdict(c, *v) : v.error().message,
                      outside(m, c.weight_kg) ? fmt::format("{:g} kg is outside the model's range", c.weight_kg) : ""});
  }
  out += "| " + fmt::format("{}", fmt::join(t.header, " | ")) + " |\n|";
  for (std::size_t i = 0; i < t.header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : t.rows) out += "| " + fmt::format("{}", fmt::join(row, " | ")) + " |\n";
  return out + "\n";
}

std::string curves_section(const catalog::ModelCatalog& cat) {
  const std::vector<double> times{10, 20, 40, 60, 80, 110, 120, 160, 230, 240, 1440};
  std::string out = "## Predicted course of the standard protocol (70 kg, 0.5 mg/kg over 40 min), Cp in ng/mL\n\n| model |";
  for (double t : times) out += fmt::format(" {:g} min |", t);
  out += "\n|---|";
  for (std::size_t i = 0; i < times.size(); ++i) out += "---:|";
  out += "\n";
  for (const auto& m : cat.models) {
    if (m.drug != "ketamine") continue;
    auto setup = resolve_patient(patient_for(m.id, 70), cat);
    if (!setup) continue;
    RegimenArgs r;
    r.infuse = "0.5mg/kg";
    r.over = "40min";
    auto regimen = resolve_regimen(r, *setup);
    auto sim = pharm::simulate(setup->individual, *regimen, times);
    out += fmt::format("| {} |", m.id);
    for (double cp : sim->series.cp_ng_ml) out += fmt::format(" {} |", number(cp, 4));
    out += "\n";
  }
  return out + "\n";
}

int run() {
  auto cat = catalog::load_models(catalog::default_data_dir());
  if (!cat) return report("validate", Error{ErrorCode::internal, "data", cat.error().message});
  auto comparators = catalog::load_comparators(catalog::default_data_dir());
  if (!comparators) return report("validate", Error{ErrorCode::internal, "data", comparators.error().message});
  std::string doc =
      "# Validation: models against published measurements\n\n"
      "Generated by `ketaclinic validate` (run `./kc validation` to refresh this file); do not edit by hand.\n"
      "Measured values and their sources are data in `data/validation/comparators.json`. These are plausibility\n"
      "checks of typical-patient predictions against population means, not fits: population PK has 20–60 %\n"
      "between-subject variability. The exactness of the solver itself is tested against an independent ODE\n"
      "integrator and the reference's computed vectors (V1–V12) in `tests/pharm/`.\n\n";
  for (const auto& c : *comparators) doc += comparator_section(c, *cat);
  doc += curves_section(*cat);
  fmt::print("{}", doc);
  return kExitOk;
}

}  // namespace

void register_validate(CLI::App& root, int& exit_code) {
  auto* cmd = root.add_subcommand("validate", "Compare every model with published measured values (Markdown)");
  cmd->callback([&exit_code] { exit_code = run(); });
}

}  // namespace kc::cli
