#pragma once
// Illustrative NMDA-receptor occupancy from the unbound plasma concentration
// (test vector V12; Ki from Ebert 1997, docs/sources.md#ebert1997): theta = Cu^n / (Cu^n + Ki^n), Cu = fu * Cp in
// uM (MW converts ng/mL to uM). Ketamine is a use-dependent trapping channel
// blocker; this one-site form is a display convenience, not a validated PD model.
#include <string>

namespace kc::pharm {

struct ReceptorBinding {
  double molecular_weight_g_per_mol = 237.73;
  double fraction_unbound = 0.53;
  double ki_um = 0.5;
  double hill = 1.0;
};

// Contract: the fields of binding are positive; cp_ng_ml >= 0. Result in [0, 1).
double nmda_occupancy(double cp_ng_ml, const ReceptorBinding& binding);

// ng/mL -> uM: (ng/mL = ug/L) / (g/mol) = umol/L.
inline double ng_ml_to_um(double ng_ml, double mw_g_per_mol) { return ng_ml / mw_g_per_mol; }

}  // namespace kc::pharm
