#pragma once
// The prediction use case: a patient, a model and a regimen in, the exact
// typical-patient curves out, with the assumptions made, the warnings raised
// and the reference ranges the result was read against. The CLI (`sim`), the
// API (POST /api/v1/pharm/simulate) and the infusion chart all call it; each
// maps a refusal's code (pharm/warning.h) to its own words. No I/O.
//
// Units: weight kg, age y, times min, concentrations ng/mL, doses mg.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "pharm/benchmark.h"
#include "pharm/individual.h"
#include "pharm/model.h"
#include "pharm/occupancy.h"
#include "pharm/reference_ranges.h"
#include "pharm/regimen.h"
#include "pharm/solver.h"
#include "pharm/warning.h"

namespace kc::pharm {

struct PredictionRequest {
  const ModelSpec* model = nullptr;  // not owned; outlives the call (contract: set)
  Covariates covariates;
  Regimen regimen;                   // absolute doses (mg), as Regimen holds them
  std::vector<double> times_min;     // output times, ascending, >= 0
  EffectSiteChoice effect;           // ke0 or t_peak set by the user; else the model's
  ReceptorBinding binding;           // for the illustrative occupancy (the drug's, or set by the user)
  // The time above a concentration: this one, else (when asked) the lower edge
  // of the drug's display range, else none.
  std::optional<double> threshold_ng_ml;
  bool time_above_display_range = false;
  // Outside the model's validity or the plausibility limits: a warning when
  // forced, else a refusal (ErrorCode::out_of_validity with the code as reason).
  bool force = false;
  RegimenLimits limits;
  // The measured benchmarks the model is compared with (not owned; those of other
  // drugs are skipped); none compares with nothing.
  const std::vector<Benchmark>* benchmarks = nullptr;
};

enum class AssumptionCode {
  typical_patient,         // the curves are the model's typical patient, no variability
  assumed_effect_site,     // ke0 derived from an assumed time of peak effect (no published ke0)
  illustrative_occupancy,  // NMDA occupancy is a one-site display, not a validated PD model
  dose_as_base,            // doses and concentrations are the base, not the hydrochloride salt
};
std::string_view to_string(AssumptionCode code);

struct Assumption {
  AssumptionCode code = AssumptionCode::typical_patient;
  std::string text;
};

struct Prediction {
  PkParams typical;       // the patient's volumes and clearances
  EffectSite effect;      // the ke0 used and where it comes from
  Individual individual;  // ready for further runs (TCI, population) on the same patient
  Simulation simulation;  // series and summary on request.times_min
  std::vector<Assumption> assumptions;
  std::vector<Warning> warnings;
  std::vector<ReferenceRange> reference_ranges;  // the drug's ranges the result was read against
  std::vector<BenchmarkDeviation> benchmarks;    // how far the model is from each measured benchmark
};

// Errors: the covariate plausibility and regimen event checks (invalid_argument,
// fields "weight", "age", "boluses[i].dose", ...), the effect-site choice
// ("ke0", "tpeak", "effect"), the output times ("times"); unless forced,
// refusal(outside_validity / implausible).
Result<Prediction> predict(const PredictionRequest& request, const ReferenceRanges& ranges);

// The warnings a predicted peak (ng/mL) raises against ranges: `reaches_alert_range`
// (strong) in an alert range, else `above_display_range` (caution) above a display
// range. Used by predict and by the commands that predict otherwise (tci, plan).
std::vector<Warning> range_warnings(double cmax_ng_ml, const std::vector<const ReferenceRange*>& ranges);

// The display ranges of a prediction (shaded on charts), in order.
std::vector<const ReferenceRange*> display_ranges(const Prediction& prediction);

}  // namespace kc::pharm
