#pragma once
// Independent reference for the solver tests: the compartment ODEs in amounts
// (pharmacology.md §6), integrated by an adaptive Dormand-Prince 5(4) method
// with tight tolerances. Shares nothing with the modal solver but the inputs.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "pharm/model.h"
#include "pharm/regimen.h"

namespace kc::pharm::testing {

// State: depot (bioavailable mg), central, peripheral 2, peripheral 3, effect Ce (mg/L).
using OdeState = std::array<double, 5>;

struct OdeModel {
  MicroConstants m;
  double ka_per_min = 0;       // one depot
  double bioavailability = 1;
  double ke0_per_min = 0;      // 0 = no effect site
};

inline OdeState derivative(const OdeModel& p, const OdeState& x, double rate) {
  const auto& m = p.m;
  const double absorb = p.ka_per_min * x[0];
  const double cp = x[1] / m.v1_l;
  return {-absorb,
          rate + absorb - (m.k10 + m.k12 + m.k13) * x[1] + m.k21 * x[2] + m.k31 * x[3],
          m.k12 * x[1] - m.k21 * x[2], m.k13 * x[1] - m.k31 * x[3],
          p.ke0_per_min * (cp - x[4])};
}

// Integrates from t0 to t1 with a constant input rate (mg/min).
inline void integrate(const OdeModel& p, OdeState& x, double t0, double t1, double rate) {
  static constexpr double c[7] = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
  static constexpr double a[7][6] = {
      {}, {1.0 / 5}, {3.0 / 40, 9.0 / 40}, {44.0 / 45, -56.0 / 15, 32.0 / 9},
      {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
      {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
      {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
  static constexpr double b5[7] = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};
  static constexpr double b4[7] = {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640,
                                   -92097.0 / 339200, 187.0 / 2100, 1.0 / 40};
  (void)c;
  double t = t0, h = std::min(0.01, t1 - t0);
  while (t < t1) {
    h = std::min(h, t1 - t);
    std::array<OdeState, 7> k;
    for (int s = 0; s < 7; ++s) {
      OdeState y = x;
      for (int j = 0; j < s; ++j)
        for (int i = 0; i < 5; ++i) y[i] += h * a[s][j] * k[j][i];
      k[s] = derivative(p, y, rate);
    }
    OdeState y5 = x;
    double err = 0;
    for (int i = 0; i < 5; ++i) {
      double d5 = 0, d4 = 0;
      for (int s = 0; s < 7; ++s) { d5 += b5[s] * k[s][i]; d4 += b4[s] * k[s][i]; }
      y5[i] += h * d5;
      const double scale = 1e-14 + 1e-12 * std::max(std::abs(x[i]), std::abs(y5[i]));
      err = std::max(err, std::abs(h * (d5 - d4)) / scale);
    }
    if (err <= 1) { t += h; x = y5; }
    h *= std::clamp(0.9 * std::pow(std::max(err, 1e-10), -0.2), 0.2, 5.0);
  }
}

// Cp (ng/mL) and Ce (ng/mL) at each output time for a regimen with one depot route.
struct OdePoint { double cp_ng_ml, ce_ng_ml, central_mg; };

inline std::vector<OdePoint> solve_reference(const OdeModel& p, const Regimen& r,
                                             const std::vector<double>& times) {
  std::vector<double> cuts(times);
  for (const auto& b : r.boluses) cuts.push_back(b.t_min);
  for (const auto& i : r.infusions) { cuts.push_back(i.start_min); cuts.push_back(i.end_min()); }
  for (const auto& e : r.extravascular) cuts.push_back(e.t_min);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  OdeState x{};
  double t = 0;
  std::vector<OdePoint> out;
  std::size_t o = 0;
  for (double cut : cuts) {
    double rate = 0;
    for (const auto& i : r.infusions)
      if (i.start_min <= t && t < i.end_min()) rate += i.rate_mg_per_min;
    if (cut > t) integrate(p, x, t, cut, rate);
    t = cut;
    for (const auto& b : r.boluses) if (b.t_min == t) x[1] += b.dose_mg;
    for (const auto& e : r.extravascular) if (e.t_min == t) x[0] += e.dose_mg * p.bioavailability;
    if (o < times.size() && times[o] == t) {
      out.push_back({x[1] / p.m.v1_l * 1000, x[4] * 1000, x[1]});
      ++o;
    }
  }
  return out;
}

}  // namespace kc::pharm::testing
