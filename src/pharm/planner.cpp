#include "pharm/planner.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pharm/detail/step.h"

namespace kc::pharm {
namespace {

constexpr double kNgPerMlPerMgPerL = 1000.0;

// Cp (ng/mL) at each point of a fine grid over [0, T] for a unit bolus and for a unit rate.
struct UnitResponses {
  std::vector<double> t, bolus, rate;
};

UnitResponses unit_responses(const Individual& ind, double duration_min) {
  const int n = 2000;
  const double dt = duration_min / n;
  const detail::Step step(ind, dt);
  UnitResponses u;
  detail::ModalState b, r;
  detail::add_bolus(b, 1.0);
  for (int k = 0; k <= n; ++k) {
    u.t.push_back(k * dt);
    u.bolus.push_back(detail::cp_mg_per_l(ind.disposition, b) * kNgPerMlPerMgPerL);
    u.rate.push_back(detail::cp_mg_per_l(ind.disposition, r) * kNgPerMlPerMgPerL);
    step.advance(b, 0.0);
    step.advance(r, 1.0);
  }
  return u;
}

Plan plan_peak(const UnitResponses& u, double target, double duration) {
  Plan p;
  p.rate_mg_per_min = target / u.rate.back();
  p.infusion_mg = p.total_mg = p.rate_mg_per_min * duration;
  p.cp_end_ng_ml = target;
  return p;
}

// Least squares over the grid (trapezoid weights are uniform inside): minimise
// sum (D b_k + R r_k - C)^2 with D, R >= 0.
Plan plan_plateau(const UnitResponses& u, double target, double duration) {
  double bb = 0, br = 0, rr = 0, bc = 0, rc = 0;
  for (std::size_t k = 0; k < u.t.size(); ++k) {
    bb += u.bolus[k] * u.bolus[k];
    br += u.bolus[k] * u.rate[k];
    rr += u.rate[k] * u.rate[k];
    bc += u.bolus[k] * target;
    rc += u.rate[k] * target;
  }
  const double det = bb * rr - br * br;
  double d = (bc * rr - rc * br) / det, r = (rc * bb - bc * br) / det;
  if (d < 0) { d = 0; r = rc / rr; }
  if (r < 0) { r = 0; d = bc / bb; }
  Plan p;
  p.bolus_mg = d;
  p.rate_mg_per_min = r;
  p.infusion_mg = r * duration;
  p.total_mg = d + p.infusion_mg;
  p.cp_end_ng_ml = d * u.bolus.back() + r * u.rate.back();
  p.min_ng_ml = INFINITY;
  for (std::size_t k = 0; k < u.t.size(); ++k) {
    if (u.t[k] < std::min(1.0, duration / 2)) continue;
    const double c = d * u.bolus[k] + r * u.rate[k];
    p.max_deviation_ng_ml = std::max(p.max_deviation_ng_ml, std::abs(c - target));
    p.min_ng_ml = std::min(p.min_ng_ml, c);
    p.max_ng_ml = std::max(p.max_ng_ml, c);
  }
  return p;
}

}  // namespace

Result<Plan> plan_dose(const Individual& ind, const PlanRequest& req) {
  if (!(req.target_ng_ml > 0) || !std::isfinite(req.target_ng_ml))
    return fail(ErrorCode::invalid_argument, "target", "target: must be a positive concentration");
  if (!(req.duration_min > 0 && req.duration_min <= 24 * 60))
    return fail(ErrorCode::invalid_argument, "over", "over: must be a duration between 0 and 24 h");
  const auto u = unit_responses(ind, req.duration_min);
  return req.kind == PlanKind::peak ? plan_peak(u, req.target_ng_ml, req.duration_min)
                                    : plan_plateau(u, req.target_ng_ml, req.duration_min);
}

}  // namespace kc::pharm
