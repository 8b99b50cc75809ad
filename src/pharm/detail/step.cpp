#include "pharm/detail/step.h"

#include <cmath>

#include "core/contract.h"

namespace kc::pharm::detail {
namespace {

// Response over [0, dt] of a mode at rate lam to the input ka*a*e^{-ka t}, per unit
// depot amount a: value at dt and integral over [0, dt]. When lam ~ ka the
// general form cancels catastrophically, so the confluent limit is used.
struct DepotResponse {
  double value, integral;
};

DepotResponse depot_response(double lam, double ka, double dt) {
  const double el = std::exp(-lam * dt), ek = std::exp(-ka * dt);
  if (std::abs(lam - ka) < 1e-7 * lam) {
    return {ka * dt * el, ka * (1 - el * (1 + lam * dt)) / (lam * lam)};
  }
  return {ka * (ek - el) / (lam - ka), ka / (lam - ka) * ((1 - ek) / ka - (1 - el) / lam)};
}

}  // namespace

double rate_of(const Individual& ind, int state) {
  const auto& d = ind.disposition;
  if (state < d.modes) return d.lambda_per_min[state];
  if (state == kEffect && d.ke0_per_min) return *d.ke0_per_min;
  return 1.0;
}

Step::Step(const Individual& ind, double dt_min) {
  c_.depots = static_cast<int>(ind.absorption.size());
  c_.dt = dt_min;
  const double dt_ = dt_min;
  KC_EXPECT(c_.depots <= kMaxDepots, "more depots than the step has room for");
  const auto& d = ind.disposition;
  for (int i = 0; i < kMaxStates; ++i) {
    const double lam = rate_of(ind, i);
    c_.decay[i] = std::exp(-lam * dt_);
    c_.rate_gain[i] = -std::expm1(-lam * dt_) / lam;
    if (i < kMaxModes) {
      c_.auc_z[i] = d.cp_coef_per_l[i] * c_.rate_gain[i];
      c_.auc_rate += d.cp_coef_per_l[i] * (dt_ - c_.rate_gain[i]) / lam;
    }
  }
  for (int r = 0; r < c_.depots; ++r) {
    const double ka = ind.absorption[r].ka_per_min;
    c_.depot_decay[r] = std::exp(-ka * dt_);
    for (int i = 0; i < kMaxStates; ++i) {
      const auto resp = depot_response(rate_of(ind, i), ka, dt_);
      c_.depot_gain[r][i] = resp.value;
      if (i < kMaxModes) c_.auc_depot[r] += d.cp_coef_per_l[i] * resp.integral;
    }
  }
}

}  // namespace kc::pharm::detail
