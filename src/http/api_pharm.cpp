// The pharmacology engine over HTTP: the model catalogue, and one IV infusion
// predicted exactly for a typical patient by the prediction use case
// (pharm/prediction.h: Cp, Ce, illustrative NMDA occupancy, assumptions,
// warnings, reference ranges) with, on request, the percentile band of a
// virtual population. A refusal's code (pharm/warning.h) is the problem's reason.
// The clinic's dose caps (pharm/dose_policy.h) refuse a dose above a hard cap and,
// without an `override_reason`, a dose above a soft cap.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <variant>

#include "http/api.h"
#include "http/json_reader.h"
#include "http/pharm_codec.h"
#include "http/problem.h"
#include "pharm/catalog.h"
#include "pharm/dose_policy.h"
#include "pharm/occupancy.h"
#include "pharm/population.h"
#include "pharm/prediction.h"
#include "pharm/reference_ranges.h"

namespace kc::http {
namespace {

using nlohmann::json;

// Request bounds: a typing error or a request too costly for one HTTP call.
constexpr double kMaxDurationMin = 24 * 60, kMaxUntilMin = 48 * 60, kMaxPoints = 5000;
constexpr std::int64_t kMaxPatients = 2000;

// The loaded catalogue and reference ranges (read once at start-up by the composition root).
struct PharmRoutes {
  const pharm::ModelCatalog& catalog;
  const pharm::ReferenceRanges& ranges;
  const pharm::DosePolicy* policy;                  // none: no cap
  const std::vector<pharm::Benchmark>* benchmarks;  // none: no comparison
};

struct PopulationRequest {
  std::size_t patients = 500;
  std::uint64_t seed = 1;
  std::vector<double> percentiles{5, 50, 95};
  std::optional<double> cv;  // one fraction for every parameter; else the model's published values
};

struct SimulationRequest {
  const pharm::ModelSpec* model = nullptr;
  pharm::Covariates covariates;
  std::string dose_field;  // "dose_mg_per_kg" or "dose_mg", for errors about the dose
  double dose_mg = 0;
  bool per_kg = false;
  double duration_min = 0;
  std::vector<double> times_min;
  std::optional<PopulationRequest> population;
  std::string override_reason;  // why a dose above a soft cap is intended
};

json range_json(const pharm::Range& r) {
  return {{"min", or_null(r.min)}, {"max", or_null(r.max)}, {"source", r.source}};
}

json effect_site_summary(const pharm::ModelSpec& m) {
  if (m.ke0_per_min) return {{"kind", "published"}, {"source", m.ke0_per_min->source}};
  if (m.assumed_tpeak_min) return {{"kind", "assumed"}, {"source", m.assumed_tpeak_min->source}};
  return {{"kind", "none"}, {"source", "the model has no effect site"}};
}

json variability_json(const pharm::ModelSpec& m) {
  json cv = json::object(), sources = json::object();
  for (const auto& [param, value] : m.iiv_cv) {
    cv[std::string(pharm::to_string(param))] = value.value;
    sources[std::string(pharm::to_string(param))] = value.source;
  }
  return {{"published", !m.iiv_cv.empty()}, {"cv", cv}, {"sources", sources}};
}

json model_entry(const pharm::ModelCatalog& catalog, const pharm::ModelSpec& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"drug", catalog.drug_of(m).name},
          {"citation", m.citation},
          {"population", m.population},
          {"notes", m.notes},
          {"compartments", m.compartments},
          {"default", m.id == catalog.default_model},
          {"validity", {{"weight_kg", range_json(m.weight_kg)}, {"age_y", range_json(m.age_y)}}},
          {"effect_site", effect_site_summary(m)},
          {"variability", variability_json(m)}};
}

Answer list_models(const PharmRoutes& c, const ApiRequest&) {
  auto list = json::array();
  for (const auto& m : c.catalog.models) list.push_back(model_entry(c.catalog, m));
  return json_response(200, {{"default", c.catalog.default_model}, {"models", list}});
}

std::optional<PopulationRequest> read_population(JsonReader& body) {
  auto p = body.object("population", Need::optional);
  if (!p) return std::nullopt;
  p->only({"n", "seed", "percentiles", "cv"});
  PopulationRequest out;
  out.patients = static_cast<std::size_t>(p->integer("n", Need::optional, 10, kMaxPatients).value_or(500));
  out.seed = static_cast<std::uint64_t>(
      p->integer("seed", Need::optional, 0, std::numeric_limits<std::int32_t>::max()).value_or(1));
  out.percentiles = p->numbers("percentiles", Need::optional, 0, 100, 7).value_or(out.percentiles);
  out.cv = p->number("cv", Need::optional, 0.01, 2);
  return out;
}

// The dose: exactly one of dose_mg_per_kg and dose_mg, more than zero.
void read_dose(JsonReader& body, SimulationRequest& s) {
  const bool per_kg = body.has("dose_mg_per_kg");
  if (per_kg == body.has("dose_mg")) {
    body.fail("dose_mg_per_kg", per_kg ? "give dose_mg_per_kg or dose_mg, not both" : "is required (or give dose_mg)");
    return;
  }
  s.dose_field = per_kg ? "dose_mg_per_kg" : "dose_mg";
  const auto value = body.number(s.dose_field, Need::required, 0, per_kg ? 20 : 8000);
  if (!value) return;
  if (!(*value > 0)) body.fail(s.dose_field, "must be more than 0");
  s.per_kg = per_kg;
  s.dose_mg = per_kg ? *value * s.covariates.weight_kg : *value;
}

Result<std::vector<double>> output_times(JsonReader& body, double duration_min) {
  const double until = body.number("until_min", Need::optional, 1, kMaxUntilMin)
                           .value_or(std::max(240.0, std::ceil(duration_min) + 120));
  const double step = body.number("step_min", Need::optional, 0.1, 60).value_or(1);
  if (until / step > kMaxPoints)
    return fail(ErrorCode::invalid_argument, "step_min",
                fmt::format("step_min: {:g} min over {:g} min gives more than {:g} points; use a larger step", step,
                            until, kMaxPoints));
  return pharm::uniform_grid(until, step);
}

std::variant<SimulationRequest, ApiResponse> read_request(const pharm::ModelCatalog& catalog, const ApiRequest& r) {
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"model", "weight_kg", "age_y", "dose_mg_per_kg", "dose_mg", "duration_min", "until_min", "step_min",
             "population", "override_reason"});
  SimulationRequest s;
  const auto id = body.text("model", Need::optional).value_or(catalog.default_model);
  s.covariates.weight_kg = body.number("weight_kg", Need::required, 0.3, 400).value_or(70);
  s.covariates.age_y = body.number("age_y", Need::optional, 0, 120);
  read_dose(body, s);
  s.duration_min = body.number("duration_min", Need::required, 1, kMaxDurationMin).value_or(40);
  auto times = output_times(body, s.duration_min);
  s.population = read_population(body);
  s.override_reason = body.text("override_reason", Need::optional).value_or("");
  if (auto model = catalog.find(id))
    s.model = *model;
  else
    errors.push_back(Error{ErrorCode::invalid_argument, "model", model.error().message});
  if (!times) errors.push_back(times.error());
  if (!errors.empty()) return validation_problem(errors);
  s.times_min = std::move(*times);
  return s;
}

// The engine names its inputs ("weight", "dose", "infusions[0].rate"); the
// request names them "weight_kg", "age_y" and the dose field it was given.
Error in_request_terms(Error e, const SimulationRequest& s) {
  const bool dose = e.reason == pharm::to_string(pharm::WarningCode::implausible_dose);
  const std::string field = e.field == "weight" ? "weight_kg" : e.field == "age" ? "age_y" : dose ? s.dose_field : "";
  if (field.empty()) return e;
  e.message = fmt::format("{}: {}{}", field, detail_of(e), dose ? "; check the units" : "");
  e.field = field;
  return e;
}

pharm::Regimen regimen_of(const SimulationRequest& s) {
  pharm::Regimen regimen;
  regimen.infusions.push_back({0, s.duration_min, s.dose_mg / s.duration_min, s.per_kg});
  return regimen;
}

pharm::PredictionRequest prediction_request(const SimulationRequest& s, const pharm::DrugSpec& drug,
                                           const std::vector<pharm::Benchmark>* benchmarks) {
  pharm::PredictionRequest p;
  p.model = s.model;
  p.covariates = s.covariates;
  p.regimen = regimen_of(s);
  p.times_min = s.times_min;
  p.binding = drug.binding();
  p.time_above_display_range = true;
  p.benchmarks = benchmarks;
  return p;
}

// The request's field a cap concerns: the dose as it was given; the rate through the duration.
std::string request_field(pharm::CapCode cap, const SimulationRequest& s) {
  return cap == pharm::CapCode::rate_mg_per_kg_per_h ? "duration_min" : s.dose_field;
}

Result<std::vector<pharm::PolicyFinding>> check_policy(const PharmRoutes& c, const SimulationRequest& s) {
  if (c.policy == nullptr || s.model->drug != c.policy->drug) return std::vector<pharm::PolicyFinding>{};
  auto findings = pharm::check_dose(*c.policy, pharm::amounts_of(regimen_of(s), s.covariates.weight_kg));
  auto decision = pharm::decide(findings, s.override_reason);
  if (decision) return findings;
  Error e = decision.error();
  e.field = request_field(findings.front().cap, s);
  e.message = fmt::format("{}: the clinic's cap {}{}", e.field, decision.error().message,
                          e.reason == "dose_needs_override" ? " (override_reason)" : "");
  return std::unexpected(e);
}

Result<std::map<pharm::Param, double>> variability(const SimulationRequest& s) {
  std::map<pharm::Param, double> cv;
  if (s.population->cv) {
    for (pharm::Param p : pharm::kParams)
      if (s.model->disposition.contains(p)) cv[p] = *s.population->cv;
    return cv;
  }
  for (const auto& [p, v] : s.model->iiv_cv) cv[p] = v.value;
  if (cv.empty())
    return fail(ErrorCode::precondition_failed, "population.cv",
                fmt::format("population.cv: the {} model publishes no between-patient variability; give population.cv "
                            "(e.g. 0.3 for 30 %) to assume one",
                            s.model->name),
                "no_published_variability");
  return cv;
}

json model_json(const pharm::ModelCatalog& catalog, const SimulationRequest& s, const pharm::EffectSite& effect) {
  json out = model_entry(catalog, *s.model);
  out["effect_site"] = {
      {"ke0_per_min", or_null(effect.ke0_per_min)}, {"source", effect.source}, {"assumed", effect.assumed}};
  return out;
}

json summary_json(const pharm::Summary& sm, const pharm::ReceptorBinding& binding) {
  return {{"cmax_ng_ml", sm.cmax_ng_ml},
          {"tmax_min", sm.tmax_min},
          {"ce_max_ng_ml", or_null(sm.ce_max_ng_ml)},
          {"c_end_infusion_ng_ml", sm.infusion_ends.empty() ? json(nullptr) : json(sm.infusion_ends.back().cp_ng_ml)},
          {"auc_ng_h_ml", sm.auc_0_t_ng_h_ml},
          {"auc_0_inf_ng_h_ml", sm.auc_inf_ng_h_ml},
          {"threshold_ng_ml", or_null(sm.threshold_ng_ml)},
          {"time_above_threshold_min", or_null(sm.time_above_min)},
          {"nmda_occupancy_max", pharm::nmda_occupancy(sm.cmax_ng_ml, binding)}};
}

json series_json(const pharm::Series& s, const pharm::ReceptorBinding& binding) {
  std::vector<double> occupancy;
  occupancy.reserve(s.size());
  for (double cp : s.cp_ng_ml) occupancy.push_back(pharm::nmda_occupancy(cp, binding));
  return {{"t_min", s.t_min},
          {"cp_ng_ml", s.cp_ng_ml},
          {"ce_ng_ml", s.has_effect_site() ? json(s.ce_ng_ml) : json(nullptr)},
          {"nmda_occupancy", occupancy}};
}

json receptor_json(const pharm::DrugSpec& drug, const pharm::ReceptorBinding& b) {
  return {{"ki_um", b.ki_um},
          {"ki_source", drug.nmda_ki_um.source},
          {"fraction_unbound", b.fraction_unbound},
          {"fraction_unbound_source", drug.fraction_unbound.source},
          {"hill", b.hill},
          {"note", "illustrative one-site occupancy from the unbound plasma concentration; not a validated PD model"}};
}

json ranges_json(const pharm::Prediction& p) {
  json out = json::array();
  for (const auto* r : pharm::display_ranges(p))
    out.push_back({{"name", r->name}, {"low_ng_ml", r->low_ng_ml}, {"high_ng_ml", r->high_ng_ml}, {"source", r->citation()}});
  return out;
}

json population_json(const pharm::PopulationRun& run, const pharm::PopulationOptions& o, bool assumed) {
  json bands = json::array(), metrics = json::object(), cv = json::object();
  for (const auto& b : run.bands)
    bands.push_back({{"percentile", b.percentile},
                     {"cp_ng_ml", b.cp_ng_ml},
                     {"ce_ng_ml", b.ce_ng_ml.empty() ? json(nullptr) : json(b.ce_ng_ml)}});
  for (const auto& m : run.metrics) metrics[m.name] = {{"values", m.values}, {"mean", m.mean}};
  for (const auto& [p, v] : o.cv) cv[std::string(pharm::to_string(p))] = v;
  return {{"patients", run.patients},
          {"seed", o.seed},
          {"percentiles", o.percentiles},
          {"t_min", run.t_min},
          {"bands", bands},
          {"metrics", metrics},
          {"variability",
           {{"cv", cv},
            {"assumed", assumed},
            {"source", assumed ? "ASSUMPTION: set in the request, not published for this model"
                               : "the model's published between-patient variability"}}}};
}

json prediction_json(const pharm::ModelCatalog& catalog, const SimulationRequest& s, const pharm::Prediction& p) {
  const auto& drug = catalog.drug_of(*s.model);
  const auto binding = drug.binding();
  return {{"model", model_json(catalog, s, p.effect)},
          {"patient", {{"weight_kg", s.covariates.weight_kg}, {"age_y", or_null(s.covariates.age_y)}}},
          {"regimen",
           {{"dose_mg", s.dose_mg},
            {"dose_mg_per_kg", s.dose_mg / s.covariates.weight_kg},
            {"duration_min", s.duration_min},
            {"rate_mg_per_h", s.dose_mg / s.duration_min * 60}}},
          {"summary", summary_json(p.simulation.summary, binding)},
          {"series", series_json(p.simulation.series, binding)},
          {"receptor", receptor_json(drug, binding)},
          {"reference_ranges", ranges_json(p)},
          {"assumptions", assumptions_json(p)},
          {"warnings", warnings_json(p)},
          {"benchmarks", benchmarks_json(p)},
          {"population", nullptr},
          {"note", "Predictions of a published model for a typical patient: decision support, not a measurement."}};
}

Result<json> population(const SimulationRequest& s, const pharm::Prediction& p) {
  KC_TRY(auto cv, variability(s));
  pharm::PopulationOptions po;
  po.patients = s.population->patients;
  po.seed = s.population->seed;
  po.percentiles = s.population->percentiles;
  po.threads = 1;  // one request, one core: the other core keeps serving
  po.cv = std::move(cv);
  po.threshold_ng_ml = p.simulation.summary.threshold_ng_ml;
  auto run = pharm::simulate_population(*s.model, s.covariates, p.effect.ke0_per_min, regimen_of(s), s.times_min, po);
  if (!run) {
    Error e = nest(run.error(), "population");
    e.message = fmt::format("{}: {}", e.field, detail_of(run.error()));
    return std::unexpected(e);
  }
  return population_json(*run, po, s.population->cv.has_value());
}

// A refusal names the request's field next to its reason, as bad input does.
Answer refused(const Error& e) {
  const bool refusal = e.code == ErrorCode::out_of_validity || e.reason == "dose_needs_override";
  if (!refusal || e.field.empty()) return std::unexpected(e);
  return problem(e, {{"errors", json::array({{{"field", e.field}, {"message", e.message}}})}});
}

Answer simulate(const PharmRoutes& c, const ApiRequest& r) {
  auto parsed = read_request(c.catalog, r);
  if (auto* response = std::get_if<ApiResponse>(&parsed)) return std::move(*response);
  const auto& s = std::get<SimulationRequest>(parsed);
  auto prediction = pharm::predict(prediction_request(s, c.catalog.drug_of(*s.model), c.benchmarks), c.ranges);
  if (!prediction) return refused(in_request_terms(prediction.error(), s));
  auto findings = check_policy(c, s);
  if (!findings) return refused(findings.error());
  json body = prediction_json(c.catalog, s, *prediction);
  body["dose_policy"] = dose_policy_json(*findings, s.override_reason);
  if (s.population) {
    KC_TRY(body["population"], population(s, *prediction));
  }
  return json_response(200, body);
}

}  // namespace

void add_pharm_routes(std::vector<Route>& routes, ApiContext& c) {
  static const pharm::ReferenceRanges kNoRanges;
  RouteAdder<PharmRoutes> add(routes, {*c.models, c.ranges != nullptr ? *c.ranges : kNoRanges, c.dose_policy, c.benchmarks});
  add(Method::get, "/api/v1/pharm/models", "listPharmModels", public_route(), list_models);
  add(Method::post, "/api/v1/pharm/simulate", "simulateInfusion",
      needs(Permission::pharm_simulate, "simulation", scope::organisation), simulate);
}

}  // namespace kc::http
