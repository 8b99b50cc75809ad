#include "cli/pharm_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "http/pharm_codec.h"
#include "pharm/occupancy.h"

namespace kc::cli {

using nlohmann::json;

using http::or_null;

json model_json(const PatientSetup& s) {
  const auto& m = s.model;
  const auto& p = s.typical;
  json params = {{"v1_l", p.v1_l}, {"cl_l_per_h", p.cl_l_per_min * 60}};
  if (p.compartments >= 2) { params["v2_l"] = p.v2_l; params["q2_l_per_h"] = p.q2_l_per_min * 60; }
  if (p.compartments >= 3) { params["v3_l"] = p.v3_l; params["q3_l_per_h"] = p.q3_l_per_min * 60; }
  json sources = json::object();
  for (const auto& [param, value] : m.disposition) sources[std::string(pharm::to_string(param))] = value.source;
  json routes = json::object();
  for (const auto& [route, r] : m.routes)
    routes[std::string(pharm::to_string(route))] = {{"bioavailability", r.bioavailability.value},
                                                    {"ka_per_h", r.ka_per_min.value * 60},
                                                    {"source", r.bioavailability.source + "; " + r.ka_per_min.source}};
  return {{"id", m.id}, {"name", m.name}, {"drug", s.drug.name}, {"citation", m.citation},
          {"population", m.population}, {"compartments", m.compartments},
          {"scaling", m.scaling == pharm::Scaling::per_kg ? "per_kg" : "allometric"},
          {"parameters", params}, {"parameter_sources", sources},
          {"effect_site", {{"ke0_per_min", or_null(s.effect.ke0_per_min)}, {"source", s.effect.source},
                           {"assumed", s.effect.assumed}}},
          {"routes", routes}};
}

json patient_json(const PatientSetup& s) {
  return {{"weight_kg", s.covariates.weight_kg}, {"age_y", or_null(s.covariates.age_y)},
          {"outside_validity_forced", s.force}};
}

json regimen_json(const pharm::Regimen& r) {
  json boluses = json::array(), infusions = json::array(), doses = json::array();
  for (const auto& b : r.boluses) boluses.push_back({{"t_min", b.t_min}, {"dose_mg", b.dose_mg}});
  for (const auto& i : r.infusions)
    infusions.push_back({{"start_min", i.start_min}, {"duration_min", i.duration_min},
                         {"rate_mg_per_h", i.rate_mg_per_min * 60}, {"dose_mg", i.dose_mg()}});
  for (const auto& d : r.extravascular)
    doses.push_back({{"t_min", d.t_min}, {"dose_mg", d.dose_mg}, {"route", pharm::to_string(d.route)}});
  return {{"total_dose_mg", r.total_dose_mg()}, {"boluses", boluses}, {"infusions", infusions},
          {"extravascular", doses}};
}

json receptor_json(const PatientSetup& s) {
  return {{"ki_um", s.binding.ki_um}, {"ki_source", s.binding_ki_source},
          {"fraction_unbound", s.binding.fraction_unbound}, {"fraction_unbound_source", s.drug.fraction_unbound.source},
          {"hill", s.binding.hill}, {"molecular_weight_g_per_mol", s.binding.molecular_weight_g_per_mol},
          {"note", "illustrative one-site occupancy from the unbound plasma concentration; not a validated PD model"}};
}

json summary_json(const pharm::Summary& sm, const PatientSetup& s) {
  json ends = json::array();
  for (const auto& e : sm.infusion_ends) ends.push_back({{"t_min", e.t_min}, {"cp_ng_ml", e.cp_ng_ml}});
  return {{"cmax_ng_ml", sm.cmax_ng_ml},
          {"tmax_min", sm.tmax_min},
          {"ce_max_ng_ml", or_null(sm.ce_max_ng_ml)},
          {"auc_ng_h_ml", sm.auc_0_t_ng_h_ml},
          {"auc_0_inf_ng_h_ml", sm.auc_inf_ng_h_ml},
          {"c_end_infusion_ng_ml", sm.infusion_ends.empty() ? json(nullptr) : json(sm.infusion_ends.back().cp_ng_ml)},
          {"infusion_ends", ends},
          {"threshold_ng_ml", or_null(sm.threshold_ng_ml)},
          {"time_above_threshold_min", or_null(sm.time_above_min)},
          {"nmda_occupancy_max", pharm::nmda_occupancy(sm.cmax_ng_ml, s.binding)}};
}

std::string header_text(const PatientSetup& s) {
  std::string out = fmt::format("model     {} ({}), {}\n", s.model.name, s.model.id, s.drug.name);
  out += fmt::format("source    {}\n", s.model.citation);
  out += fmt::format("patient   {:g} kg{}{}\n", s.covariates.weight_kg,
                     s.covariates.age_y ? fmt::format(", {:g} y", *s.covariates.age_y) : "",
                     s.force ? " (validity checks overridden with --force)" : "");
  if (s.effect.ke0_per_min)
    out += fmt::format("ke0       {:.4g} /min: {}\n", *s.effect.ke0_per_min, s.effect.source);
  return out;
}

Result<void> write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (!out) return fail(ErrorCode::invalid_argument, "plot", fmt::format("--plot: cannot write '{}'", path));
  return {};
}

std::string plot_subtitle(const PatientSetup& s, const std::string& what) {
  return fmt::format("{} · {} model · {:g} kg{}", what, s.model.name, s.covariates.weight_kg,
                     s.effect.assumed ? " · Ce with an assumed ke0" : "");
}

std::vector<PlotRegion> plot_regions(const std::vector<const pharm::ReferenceRange*>& ranges) {
  std::vector<PlotRegion> out;
  for (const auto* r : ranges)
    out.push_back({fmt::format("{}, {:g}-{:g} ng/mL", r->label, r->low_ng_ml, r->high_ng_ml), r->low_ng_ml,
                   r->high_ng_ml});
  return out;
}

std::string ranges_footnote(const std::vector<const pharm::ReferenceRange*>& ranges) {
  std::vector<std::string> sources;
  for (const auto* r : ranges)
    if (std::find(sources.begin(), sources.end(), r->source) == sources.end()) sources.push_back(r->source);
  if (sources.empty()) return "";
  return fmt::format(" Ranges: {}.", fmt::join(sources, ", "));
}

void print_warnings(std::string_view command, const pharm::Prediction& p) {
  for (const auto& w : p.warnings) fmt::print(stderr, "ketaclinic {}: warning: {}\n", command, w.message);
}

Result<PeakReport> peak_report(std::string_view command, double peak_ng_ml, const PatientSetup& s, const PharmData& data) {
  PeakReport r;
  r.warnings = pharm::range_warnings(peak_ng_ml, data.ranges.for_drug(s.drug.id));
  KC_TRY(r.benchmarks, pharm::deviations(s.model, data.benchmarks));
  for (const auto& w : r.warnings) fmt::print(stderr, "ketaclinic {}: warning: {}\n", command, w.message);
  return r;
}

std::string peak_text(const PeakReport& r, const PatientSetup& s) {
  std::string out;
  for (const auto& b : r.benchmarks) out += fmt::format("benchmark {}\n", b.text);
  return out + fmt::format("note      doses are {} base\n", s.model.drug);
}

}  // namespace kc::cli
