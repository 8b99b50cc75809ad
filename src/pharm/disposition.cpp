#include "pharm/disposition.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/contract.h"

namespace kc::pharm {
namespace {

// Viète's trigonometric solution of lambda^3 - a2 lambda^2 + a1 lambda - a0 = 0
// (three real positive roots for a mammillary model), polished by Newton steps
// because the smallest root loses digits in the trigonometric form.
std::array<double, 3> cubic_roots(double a2, double a1, double a0) {
  const double p = a1 - a2 * a2 / 3;
  const double q = 2 * a2 * a2 * a2 / 27 - a1 * a2 / 3 + a0;
  const double r1 = std::sqrt(-p * p * p / 27);
  const double phi = std::acos(std::clamp(-q / (2 * r1), -1.0, 1.0)) / 3;
  const double r2 = 2 * std::cbrt(r1);
  std::array<double, 3> roots{};
  for (int j = 0; j < 3; ++j)
    roots[j] = a2 / 3 - r2 * std::cos(phi + 2 * std::numbers::pi * j / 3);
  for (double& x : roots) {
    for (int it = 0; it < 3; ++it) {
      const double f = ((x - a2) * x + a1) * x - a0;
      const double df = (3 * x - 2 * a2) * x + a1;
      if (df == 0) break;
      x -= f / df;
    }
  }
  std::sort(roots.begin(), roots.end(), std::greater<>());
  return roots;
}

}  // namespace

std::array<double, kMaxModes> hybrid_rates(const MicroConstants& m) {
  if (m.compartments == 1) return {m.k10, 0, 0};
  if (m.compartments == 2) {
    const double s = m.k10 + m.k12 + m.k21;
    const double d = std::sqrt(s * s - 4 * m.k10 * m.k21);
    return {(s + d) / 2, (s - d) / 2, 0};
  }
  const double a2 = m.k10 + m.k12 + m.k13 + m.k21 + m.k31;
  const double a1 = m.k10 * m.k21 + m.k10 * m.k31 + m.k12 * m.k31 + m.k13 * m.k21 + m.k21 * m.k31;
  const double a0 = m.k10 * m.k21 * m.k31;
  return cubic_roots(a2, a1, a0);
}

Disposition make_disposition(const MicroConstants& m, std::optional<double> ke0_per_min) {
  KC_EXPECT(m.compartments >= 1 && m.compartments <= 3 && m.v1_l > 0 && m.k10 > 0, "a disposition needs a checked model (1-3 compartments, V1 and k10 > 0)");
  Disposition d;
  d.modes = m.compartments;
  d.v1_l = m.v1_l;
  d.cl_l_per_min = m.k10 * m.v1_l;
  d.lambda_per_min = hybrid_rates(m);
  const std::array<double, 2> back{m.k21, m.k31};  // return rate constants k_m1
  const std::array<double, 2> out{m.k12, m.k13};   // k_1m
  for (int i = 0; i < d.modes; ++i) {
    const double li = d.lambda_per_min[i];
    // Residue of prod_m (s + k_m1) / (V1 prod_n (s + lambda_n)) at s = -lambda_i.
    double num = 1, den = m.v1_l;
    for (int k = 0; k + 1 < d.modes; ++k) num *= back[k] - li;
    for (int j = 0; j < d.modes; ++j)
      if (j != i) den *= d.lambda_per_min[j] - li;
    const double a = num / den;
    d.cp_coef_per_l[i] = a;
    d.amount_coef[0][i] = a * m.v1_l;
    // Peripheral m: A_m(s) = k_1m A_1(s) / (s + k_m1); the e^{-k_m1 t} terms cancel.
    for (int k = 0; k + 1 < d.modes; ++k)
      d.amount_coef[k + 1][i] = out[k] * m.v1_l * a / (back[k] - li);
  }
  if (ke0_per_min) {
    double ke0 = *ke0_per_min;
    // ke0 equal to a hybrid rate makes E_i singular; the reference allows a
    // 1e-9 relative perturbation instead of the t*e^{-lambda t} limit.
    for (int i = 0; i < d.modes; ++i)
      if (std::abs(ke0 - d.lambda_per_min[i]) < 1e-9 * ke0) ke0 *= 1 + 1e-9;
    d.ke0_per_min = ke0;
    double sum = 0;
    for (int i = 0; i < d.modes; ++i) {
      d.ce_coef_per_l[i] = d.cp_coef_per_l[i] * ke0 / (ke0 - d.lambda_per_min[i]);
      sum += d.ce_coef_per_l[i];
    }
    d.ce_effect_coef_per_l = -sum;
  }
  return d;
}

}  // namespace kc::pharm
