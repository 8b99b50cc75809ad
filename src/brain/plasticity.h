#pragma once
// L4: signalling and synaptic plasticity over hours to days (issue 14's layered design,
// a design proposal: no mechanistic model of this cascade is published). All
// variables are 1 at the drug-free baseline except the spine density S, which
// is 1 in health and S_dep < 1 in the depressed (chronic-stress) state:
//
//   tau_b db/dt = 1 + g_A [A - 1]+ + g_eEF2 B_E - b            BDNF
//   tau_m dm/dt = h(b) - m,   h(b) = 1 + h_max x / (K_h + x),  x = [b - 1]+   TrkB-mTORC1
//   tau_p dp/dt = m - p                                        synaptic proteins
//   dS/dt = k_elim (S_dep (1 + g_form (p - 1)) - S)            spines, k_elim = 1 / tau_S
//   tau_h dw_e/dt = w_e (1 - r),  tau_h dw_i/dt = -w_i (1 - r) homeostatic scaling, r = r_E / r_target
//
// A is the AMPA drive onto E cells relative to baseline; B_E the block of E-cell
// NMDA receptors (those carrying spontaneous transmission, the "at rest" trigger).
// Two switchable BDNF triggers, both hypotheses [V as hypotheses]: AMPA-driven
// release after disinhibition [@li2010] and eEF2-mediated translation under
// NMDA block at rest [@autry2011]. The "rapamycin" switch holds h at h(1) = 1:
// mTORC1 cannot follow BDNF, so no proteins and no new spines [@li2010].
// Homeostatic scaling raises excitatory and lowers inhibitory strength when the
// cell is silenced, over a day or two [@wierenga2005] [@kilman2002].
//
// Every constant is a FREE parameter (docs/brain.md lists each one and what it
// was calibrated to). advance() integrates one step exactly with its inputs held
// (each equation is first order linear in its own variable). No I/O.
#include "core/error.h"

namespace kc::brain {

struct PlasticityParams {
  double tau_bdnf_min = 30;        // free; BDNF protein up ~30 min after a dose [U, Autry 2011]
  double gain_ampa = 6;            // g_A, free
  double gain_eef2 = 1.5;          // g_eEF2, free
  double tau_mtor_min = 20;        // free; m peaks within ~1 h [U, Li 2010]
  double mtor_max = 2;             // h_max, free
  double mtor_half_excess = 0.5;   // K_h, free
  double tau_protein_min = 120;    // free; proteins up by ~2 h [U, Li 2010]
  double spine_gain = 1.2;           // g_form, free
  double spine_lifetime_d = 4;       // tau_S = 1/k_elim, free; calibrated to the ~7-12 day fade of benefit
  double depressed_spines = 0.8;   // S_dep, free (stress lowers spine density, Li 2011, qualitative)
  double tau_scaling_d = 1;        // tau_h, order of magnitude of 1-2 days [@wierenga2005]
  bool ampa_trigger = true;
  bool eef2_trigger = true;
  bool rapamycin = false;
};

// invalid_argument naming the field ("tau_bdnf_min", "depressed_spines", ...).
Result<void> check(const PlasticityParams& p);

struct PlasticityInput {
  double ampa_rel = 1;     // A / A0
  double block_e = 0;      // B_E
  double rate_e_rel = 1;   // r_E / r_target
};

struct PlasticState {
  double bdnf = 1, mtor = 1, protein = 1, spines = 0.8, scaling_e = 1, scaling_i = 1;
};

// The drug-free steady state of the depressed configuration.
PlasticState baseline_state(const PlasticityParams& p);

// Contract: p checked, dt_min > 0. Exact for inputs held over the step (the
// cascade is updated in order b, m, p, S with each one's new input).
void advance(PlasticState& s, const PlasticityParams& p, const PlasticityInput& in, double dt_min);

}  // namespace kc::brain
