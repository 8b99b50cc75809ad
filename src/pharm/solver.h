#pragma once
// Exact solution of a linear model for a regimen, on any time grid
// (closed-form mammillary solution): per-exponential states advanced in closed form
// between consecutive output times and dose events; no ODE time-stepping.
//
// Concentrations are reported in ng/mL, amounts in mg, times in min. At a bolus
// time the output shows the state just after the bolus.
#include <optional>
#include <vector>

#include "core/error.h"
#include "pharm/individual.h"
#include "pharm/regimen.h"

namespace kc::pharm {

// Outputs at the requested times, one column per quantity (columns stream to
// JSON, CSV and plots, and keep the hot loop's writes sequential).
struct Series {
  std::vector<double> t_min;
  std::vector<double> cp_ng_ml;
  std::vector<double> ce_ng_ml;  // empty without an effect site
  std::vector<double> central_mg, peripheral2_mg, peripheral3_mg;
  std::vector<double> depot_mg;       // bioavailable drug still to be absorbed, all routes
  std::vector<double> eliminated_mg;  // CL * AUC so far (mass balance)

  std::size_t size() const { return t_min.size(); }
  bool has_effect_site() const { return !ce_ng_ml.empty(); }
};

struct InfusionEnd {
  double t_min = 0;
  double cp_ng_ml = 0;
};

struct Summary {
  double cmax_ng_ml = 0;
  double tmax_min = 0;
  std::optional<double> ce_max_ng_ml;
  double auc_0_t_ng_h_ml = 0;    // 0 to the last output time
  double auc_inf_ng_h_ml = 0;    // F * dose / CL (exact for a linear model)
  std::vector<InfusionEnd> infusion_ends;
  std::optional<double> threshold_ng_ml;
  std::optional<double> time_above_min;  // within [0, last output time]
};

struct Simulation {
  Series series;
  Summary summary;
};

struct SimulateOptions {
  std::optional<double> threshold_ng_ml;
};

// times_min must be ascending and >= 0 (checked: ErrorCode::invalid_argument, field "times").
// The regimen must have been validated against the model.
Result<Simulation> simulate(const Individual& ind, const Regimen& regimen,
                            const std::vector<double>& times_min, const SimulateOptions& options = {});

// 0, step, 2 step, ... up to and including `until` (field names "until", "step").
Result<std::vector<double>> uniform_grid(double until_min, double step_min);

}  // namespace kc::pharm
