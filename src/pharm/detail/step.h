#pragma once
// Exact transition of the modal states over one interval of length dt with a
// constant IV input rate and first-order absorption from the depots. The
// exponentials are computed once per dt, so a uniform grid costs a few
// multiply-adds per step. Internal to pharm (solver, TCI, population).
#include <array>

#include "pharm/individual.h"

namespace kc::pharm::detail {

// All kMaxModes disposition modes and the effect mode (index kEffect) are always
// advanced: unused ones have zero output coefficients. Fixed trip counts let the
// compiler unroll and vectorise the hot loops (docs/performance.md).
inline constexpr int kMaxStates = kMaxModes + 1;
inline constexpr int kEffect = kMaxModes;
inline constexpr int kMaxDepots = 5;

struct ModalState {
  std::array<double, kMaxStates> z{};          // mg; z[kEffect] is the effect mode
  std::array<double, kMaxDepots> depot_mg{};   // bioavailable amount still to be absorbed
};

// The exact transition over one interval, as coefficients (also read by the
// population's batched lanes).
struct StepCoefficients {
  int depots = 0;
  double dt = 0;
  std::array<double, kMaxStates> decay{}, rate_gain{};
  std::array<double, kMaxDepots> depot_decay{};
  std::array<std::array<double, kMaxStates>, kMaxDepots> depot_gain{};
  // Cp-weighted integrals for the AUC.
  std::array<double, kMaxStates> auc_z{};
  double auc_rate = 0;
  std::array<double, kMaxDepots> auc_depot{};
};

class Step {
 public:
  Step(const Individual& ind, double dt_min);

  double dt_min() const { return c_.dt; }
  const StepCoefficients& coefficients() const { return c_; }
  // Advances s by dt with IV input rate_mg_per_min held constant; returns the
  // integral of Cp over the step (mg*min/L).
  double advance(ModalState& s, double rate_mg_per_min) const;
  // Same, writing the advanced state to `to` and leaving `from` as it was.
  double advance(const ModalState& from, ModalState& to, double rate_mg_per_min) const;

 private:
  StepCoefficients c_;
};

inline double Step::advance(const ModalState& from, ModalState& to, double rate_mg_per_min) const {
  double auc = c_.auc_rate * rate_mg_per_min;
  for (int i = 0; i < kMaxStates; ++i) auc += c_.auc_z[i] * from.z[i];
  for (int i = 0; i < kMaxStates; ++i) to.z[i] = from.z[i] * c_.decay[i] + rate_mg_per_min * c_.rate_gain[i];
  for (int r = 0; r < c_.depots; ++r) {
    auc += c_.auc_depot[r] * from.depot_mg[r];
    for (int i = 0; i < kMaxStates; ++i) to.z[i] += c_.depot_gain[r][i] * from.depot_mg[r];
    to.depot_mg[r] = from.depot_mg[r] * c_.depot_decay[r];
  }
  return auc;
}

inline double Step::advance(ModalState& s, double rate_mg_per_min) const {
  return advance(ModalState(s), s, rate_mg_per_min);
}

// lambda_i, or ke0 for kEffect; unused states get 1/min to stay bounded.
double rate_of(const Individual& ind, int state);

// Inline: called once per output point in the hot loops.
inline double cp_mg_per_l(const Disposition& d, const ModalState& s) {
  double c = 0;
  for (int i = 0; i < kMaxModes; ++i) c += d.cp_coef_per_l[i] * s.z[i];
  return c;
}

inline double ce_mg_per_l(const Disposition& d, const ModalState& s) {
  double c = d.ce_effect_coef_per_l * s.z[kEffect];
  for (int i = 0; i < kMaxModes; ++i) c += d.ce_coef_per_l[i] * s.z[i];
  return c;
}

inline void add_bolus(ModalState& s, double dose_mg) {
  for (double& z : s.z) z += dose_mg;
}

}  // namespace kc::pharm::detail
