#pragma once
// Modal (macro-constant) form of a 1-3 compartment mammillary model with an
// optional effect site.
//
// Each disposition mode i has a state z_i (mg) obeying dz_i/dt = -lambda_i z_i + u(t),
// where u is the input rate into the central compartment (mg/min); a bolus of D mg
// adds D to every z_i. Outputs are fixed linear combinations of the states:
//   Cp = sum_i A_i z_i                        (mg/L; A_i is the unit-bolus coefficient)
//   amount in compartment j = sum_i M_ji z_i  (mg)
//   Ce = sum_i E_i z_i - (sum_i E_i) z_e      with an extra mode z_e at rate ke0.
// Because every mode sees the same input, the whole solution is exact for any
// piecewise-constant schedule (superposition), with no time-stepping error.
#include <array>
#include <optional>

#include "pharm/model.h"

namespace kc::pharm {

inline constexpr int kMaxModes = 3;

struct Disposition {
  int modes = 1;
  std::array<double, kMaxModes> lambda_per_min{};   // descending, > 0
  std::array<double, kMaxModes> cp_coef_per_l{};    // A_i
  std::array<std::array<double, kMaxModes>, kMaxModes> amount_coef{};  // M[j][i]
  std::optional<double> ke0_per_min;
  std::array<double, kMaxModes> ce_coef_per_l{};    // E_i
  double ce_effect_coef_per_l = 0;                  // -sum E_i (on z_e)
  double v1_l = 0;
  double cl_l_per_min = 0;
};

// Requires positive micro-constants (a contract: validate the model first).
Disposition make_disposition(const MicroConstants& m, std::optional<double> ke0_per_min);

// Roots of the characteristic polynomial, descending (exposed for tests).
std::array<double, kMaxModes> hybrid_rates(const MicroConstants& m);

}  // namespace kc::pharm
