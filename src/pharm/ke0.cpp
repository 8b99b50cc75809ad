#include "pharm/ke0.h"

#include <cmath>
#include <fmt/format.h>

#include "pharm/disposition.h"

namespace kc::pharm {
namespace {

// dCe/dt at t for a unit bolus: ke0 (Cp - Ce), from the modal coefficients.
double effect_slope(const MicroConstants& m, double ke0, double t) {
  const Disposition d = make_disposition(m, ke0);
  double cp = 0, ce = 0;
  for (int i = 0; i < d.modes; ++i) {
    const double e = std::exp(-d.lambda_per_min[i] * t);
    cp += d.cp_coef_per_l[i] * e;
    ce += d.ce_coef_per_l[i] * e;
  }
  ce += d.ce_effect_coef_per_l * std::exp(-*d.ke0_per_min * t);
  return *d.ke0_per_min * (cp - ce);
}

}  // namespace

Result<double> ke0_from_tpeak(const MicroConstants& m, double t_peak_min) {
  if (!(t_peak_min > 0) || !std::isfinite(t_peak_min))
    return fail(ErrorCode::invalid_argument, "tpeak", "tpeak: must be a positive duration");
  double lo = 1e-3, hi = 50;  // slope at t_peak: > 0 for too small a ke0, < 0 for too large
  if (!(effect_slope(m, lo, t_peak_min) > 0 && effect_slope(m, hi, t_peak_min) < 0))
    return fail(ErrorCode::invalid_argument, "tpeak",
                fmt::format("tpeak: no ke0 between 0.001 and 50 /min gives a peak effect at {:g} min "
                            "for this model",
                            t_peak_min));
  for (int it = 0; it < 200 && hi - lo > 1e-12 * hi; ++it) {
    const double mid = std::sqrt(lo * hi);  // geometric: the bracket spans 4.7 decades
    (effect_slope(m, mid, t_peak_min) > 0 ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

}  // namespace kc::pharm
