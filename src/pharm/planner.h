#pragma once
// Dose planning for plain (non-TCI) pumps, by the model's linearity:
//  - peak: one constant-rate infusion over a duration whose end-of-infusion Cp
//    equals the wanted peak (Cp rises monotonically during an IV infusion, so the
//    end is the peak): rate = C / UDF_p(T);
//  - plateau: a loading bolus plus one constant rate over the duration, chosen
//    to minimise the squared deviation of Cp from the target over the duration
//    (a 2x2 least-squares problem, exact because Cp is linear in both amounts);
//    the largest deviation is reported so the user sees how flat it is.
// Amounts are for the given patient; per-kg values divide by the weight.
#include "core/error.h"
#include "pharm/individual.h"

namespace kc::pharm {

enum class PlanKind { peak, plateau };

struct PlanRequest {
  PlanKind kind = PlanKind::peak;
  double target_ng_ml = 0;
  double duration_min = 40;
};

struct Plan {
  double bolus_mg = 0;               // plateau only
  double rate_mg_per_min = 0;
  double infusion_mg = 0;            // rate x duration
  double total_mg = 0;
  double cp_end_ng_ml = 0;           // at the end of the infusion
  double max_deviation_ng_ml = 0;    // plateau: largest |Cp - target| after the first minute
  double min_ng_ml = 0, max_ng_ml = 0;  // plateau: range of Cp after the first minute
};

// Errors: "target" (not positive), "over" (not positive or over 24 h).
Result<Plan> plan_dose(const Individual& ind, const PlanRequest& request);

}  // namespace kc::pharm
