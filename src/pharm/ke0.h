#pragma once
// ke0 from the time of peak effect after a bolus (Minto 2003,
// docs/sources.md#minto2003): the ke0 whose unit-bolus effect-site curve peaks at t_peak. Solved by
// bisection on ke0 in [1e-3, 50] /min (a larger ke0 peaks earlier).
#include "core/error.h"
#include "pharm/model.h"

namespace kc::pharm {

// ErrorCode::invalid_argument (field "tpeak") when t_peak is not positive or no
// ke0 in the bracket peaks at that time (e.g. t_peak shorter than the model allows).
Result<double> ke0_from_tpeak(const MicroConstants& m, double t_peak_min);

}  // namespace kc::pharm
