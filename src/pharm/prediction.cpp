#include "pharm/prediction.h"

#include <fmt/format.h>

#include "core/contract.h"

namespace kc::pharm {

std::string_view to_string(AssumptionCode code) {
  switch (code) {
    case AssumptionCode::typical_patient: return "typical_patient";
    case AssumptionCode::assumed_effect_site: return "assumed_effect_site";
    case AssumptionCode::illustrative_occupancy: return "illustrative_occupancy";
    case AssumptionCode::dose_as_base: return "dose_as_base";
  }
  return "unknown";
}

namespace {

// A check that refuses unless forced; forced, it is kept as a warning.
Result<void> refuse_or_warn(std::optional<Warning> warning, bool force, std::vector<Warning>& warnings) {
  if (!warning) return {};
  if (!force) return std::unexpected(refusal(*warning));
  warnings.push_back(std::move(*warning));
  return {};
}

Result<void> check_inputs(const PredictionRequest& r, std::vector<Warning>& warnings) {
  // Absurd values and malformed events refuse even when forced (force = true here).
  KC_CHECK(check_covariates(*r.model, r.covariates, true));
  KC_CHECK(validate(r.regimen, *r.model, r.covariates.weight_kg, r.limits, true));
  KC_CHECK(refuse_or_warn(outside_validity(*r.model, r.covariates), r.force, warnings));
  return refuse_or_warn(implausible(r.regimen, r.covariates.weight_kg, r.limits), r.force, warnings);
}

std::optional<double> threshold_for(const PredictionRequest& r, const std::vector<ReferenceRange>& ranges) {
  if (r.threshold_ng_ml || !r.time_above_display_range) return r.threshold_ng_ml;
  for (const auto& range : ranges)
    if (range.role == RangeRole::display) return range.low_ng_ml;
  return std::nullopt;
}

std::vector<Assumption> assumptions_of(const ModelSpec& model, const EffectSite& effect) {
  std::vector<Assumption> out{
      {AssumptionCode::typical_patient,
       fmt::format("the typical patient of the {} model ({}); a real patient's levels differ", model.name,
                   model.population)}};
  if (effect.assumed) out.push_back({AssumptionCode::assumed_effect_site, effect.source});
  out.push_back({AssumptionCode::illustrative_occupancy,
                 "illustrative one-site occupancy from the unbound plasma concentration; not a validated PD model"});
  // The US Ketalar label: "supplied as the hydrochloride in concentrations equivalent to ketamine
  // base" [V-sec] (docs/sources.md#ketalar_label); the models were fitted to base concentrations.
  out.push_back({AssumptionCode::dose_as_base,
                 fmt::format("doses and concentrations are {0} base (vials are labelled as {0} base; 1 mg of the "
                             "hydrochloride is 0.87 mg of the base)",
                             model.drug)});
  return out;
}

}  // namespace

Result<Prediction> predict(const PredictionRequest& r, const ReferenceRanges& ranges) {
  KC_EXPECT(r.model != nullptr, "a prediction names its model");
  Prediction p;
  KC_CHECK(check_inputs(r, p.warnings));
  p.typical = typical_params(*r.model, r.covariates);
  KC_TRY(p.effect, resolve_effect_site(*r.model, p.typical, r.effect));
  p.individual = make_individual(*r.model, p.typical, p.effect.ke0_per_min);
  for (const auto* range : ranges.for_drug(r.model->drug)) p.reference_ranges.push_back(*range);
  SimulateOptions options{threshold_for(r, p.reference_ranges)};
  KC_TRY(p.simulation, simulate(p.individual, r.regimen, r.times_min, options));
  std::vector<const ReferenceRange*> read_against;
  for (const auto& range : p.reference_ranges) read_against.push_back(&range);
  for (auto& w : range_warnings(p.simulation.summary.cmax_ng_ml, read_against)) p.warnings.push_back(std::move(w));
  p.assumptions = assumptions_of(*r.model, p.effect);
  if (r.benchmarks) {
    KC_TRY(p.benchmarks, deviations(*r.model, *r.benchmarks));
  }
  return p;
}

// A peak in an alert range (anaesthetic) warns strongly; else a peak above a shown
// range (the protocol's dissociation range) warns with caution.
std::vector<Warning> range_warnings(double cmax, const std::vector<const ReferenceRange*>& ranges) {
  std::vector<Warning> out;
  for (const auto* range : ranges)
    if (range->role == RangeRole::alert && cmax >= range->low_ng_ml)
      out.push_back({WarningCode::reaches_alert_range, "cmax",
                     fmt::format("cmax: the predicted peak of {:.0f} ng/mL reaches the {} ({:g} to {:g} ng/mL, {})", cmax,
                                 range->name, range->low_ng_ml, range->high_ng_ml, range->source),
                     cmax, range->low_ng_ml, range->high_ng_ml, Severity::strong});
  if (!out.empty()) return out;
  for (const auto* range : ranges)
    if (range->role == RangeRole::display && cmax > range->high_ng_ml)
      out.push_back({WarningCode::above_display_range, "cmax",
                     fmt::format("cmax: the predicted peak of {:.0f} ng/mL is above the {} ({:g} to {:g} ng/mL, {})",
                                 cmax, range->name, range->low_ng_ml, range->high_ng_ml, range->source),
                     cmax, range->low_ng_ml, range->high_ng_ml, Severity::caution});
  return out;
}

std::vector<const ReferenceRange*> display_ranges(const Prediction& p) {
  std::vector<const ReferenceRange*> out;
  for (const auto& range : p.reference_ranges)
    if (range.role == RangeRole::display) out.push_back(&range);
  return out;
}

}  // namespace kc::pharm
