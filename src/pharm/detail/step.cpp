#include "pharm/detail/step.h"

#include <cassert>
#include <cmath>

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

Step::Step(const Individual& ind, double dt_min)
    : depots_(static_cast<int>(ind.absorption.size())), dt_(dt_min) {
  assert(depots_ <= kMaxDepots);
  const auto& d = ind.disposition;
  for (int i = 0; i < kMaxStates; ++i) {
    const double lam = rate_of(ind, i);
    decay_[i] = std::exp(-lam * dt_);
    rate_gain_[i] = -std::expm1(-lam * dt_) / lam;
    if (i < kMaxModes) {
      auc_z_[i] = d.cp_coef_per_l[i] * rate_gain_[i];
      auc_rate_ += d.cp_coef_per_l[i] * (dt_ - rate_gain_[i]) / lam;
    }
  }
  for (int r = 0; r < depots_; ++r) {
    const double ka = ind.absorption[r].ka_per_min;
    depot_decay_[r] = std::exp(-ka * dt_);
    for (int i = 0; i < kMaxStates; ++i) {
      const auto resp = depot_response(rate_of(ind, i), ka, dt_);
      depot_gain_[r][i] = resp.value;
      if (i < kMaxModes) auc_depot_[r] += d.cp_coef_per_l[i] * resp.integral;
    }
  }
}

}  // namespace kc::pharm::detail
