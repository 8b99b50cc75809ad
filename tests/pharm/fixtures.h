#pragma once
// Parameter sets of pharmacology.md §2 built in code, so the solver tests do not
// depend on the data files (the catalog tests check those files separately).
#include "pharm/individual.h"
#include "pharm/model.h"

namespace kc::pharm::testing {

// Domino 1984 per-kg set [V] STANPUMP source: V1 0.063 L/kg, k10 .438, k12 .592,
// k13 .590, k21 .247, k31 .0146 /min.
inline MicroConstants domino(double weight_kg) {
  return {3, 0.063 * weight_kg, 0.438, 0.592, 0.247, 0.590, 0.0146};
}
// Clements 250 [V-sec] OpenTIVA: V1 1.7522 L/kg, k10 .0109, k12 .0186, k21 .0137.
inline MicroConstants clements(double weight_kg) {
  return {2, 1.7522 * weight_kg, 0.0109, 0.0186, 0.0137, 0, 0};
}
// Hijazi 2003 [V-sec] OpenTIVA: V1 1.08 L/kg, k10 .0333, k12 .0088, k21 .0030.
inline MicroConstants hijazi(double weight_kg) {
  return {2, 1.08 * weight_kg, 0.0333, 0.0088, 0.0030, 0, 0};
}
// Herd 2007 [V] abstract at 70 kg: V1 38.7 L, V2 102 L, CL 90 L/h, Q 215 L/h.
inline MicroConstants herd70() {
  PkParams p;
  p.compartments = 2;
  p.v1_l = 38.7;
  p.v2_l = 102;
  p.cl_l_per_min = 90.0 / 60;
  p.q2_l_per_min = 215.0 / 60;
  return to_micro(p);
}

inline Individual individual(const MicroConstants& m, std::optional<double> ke0 = {}) {
  Individual ind;
  ind.params = from_micro(m);
  ind.disposition = make_disposition(m, ke0);
  return ind;
}

}  // namespace kc::pharm::testing
