#pragma once
// Target-controlled infusion by simulation (docs/sources.md#shafer1992): every update
// period (10 s by default) the rate for the next period is chosen so that
//  - plasma mode (Bailey & Shafer / Jacobs): Cp reaches the target exactly
//    at the end of the period;
//  - effect mode (Shafer & Gregg as in STANPUMP): the peak of the future
//    effect-site curve (pump on for one period, then off) equals the target,
//    switching to plasma targeting once |Ct - Ce| < 5 % of Ct.
// The delivered rate is limited to [0, max] and rounded to the pump's resolution;
// the model is advanced with the rate actually delivered. Targets may change
// over time. Extravascular routes play no part.
#include <vector>

#include "core/error.h"
#include "pharm/individual.h"

namespace kc::pharm {

enum class TciMode { plasma, effect };

struct TargetChange {
  double t_min = 0;         // the target applies from this time on
  double target_ng_ml = 0;  // 0 stops the infusion
};

struct TciOptions {
  TciMode mode = TciMode::plasma;
  std::vector<TargetChange> targets;    // ascending t_min; the first at t = 0
  double until_min = 60;
  double update_min = 10.0 / 60;
  double syringe_mg_per_ml = 10;
  double max_rate_mg_per_min = 1e300;   // the tighter of the pump and drug limits
  double rate_resolution_ml_per_h = 0;  // 0: continuous
  double peak_grid_min = 0.05;          // effect mode: future peak searched on this grid
  double peak_horizon_min = 30;         //   from one update period to this horizon
  double switch_fraction = 0.05;        // effect mode: plasma targeting within 5 % of Ct
};

struct TciInterval {
  double start_min = 0, end_min = 0;
  double target_ng_ml = 0;
  double rate_mg_per_min = 0;   // delivered
  double rate_ml_per_h = 0;     // delivered, at the syringe concentration
  bool at_max_rate = false;
  double cp_end_ng_ml = 0, ce_end_ng_ml = 0;
  double cumulative_mg = 0;
  bool plasma_targeting = true;  // effect mode: false while aiming at the effect-site peak
};

struct TciRun {
  std::vector<TciInterval> intervals;
  double total_mg = 0, total_ml = 0;
  double peak_cp_ng_ml = 0;
  double peak_ce_ng_ml = 0;
};

// Errors (ErrorCode::invalid_argument): field "targets" (empty, unsorted, negative,
// not starting at 0), "update", "until", "syringe", "max_rate", "mode" (effect
// mode without an effect site).
Result<TciRun> run_tci(const Individual& ind, const TciOptions& options);

}  // namespace kc::pharm
