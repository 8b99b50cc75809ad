#pragma once
// The per-step work of the engine, split so that engine.cpp only orchestrates:
// the neuron state (structure of arrays), the per-population constants, the
// update of a range of neurons and the delivery of a step's spikes to a range.
#include <cstdint>
#include <span>
#include <vector>

#include "brain/connectivity.h"
#include "brain/network_spec.h"

namespace kc::brain::detail {

struct PopulationConstants {
  std::uint32_t begin = 0, end = 0;
  double v_threshold_mV = 0, v_reset_mV = 0;
  std::int64_t ref_steps = 0;
  // COBA: dV = dt/C * (g_L (E_L - V) + g_e (E_e - V) + g_i (E_i - V) - g_N' m(V) (V - E_e) + I_dc)
  double dt_over_c = 0, g_leak_nS = 0, e_leak_mV = 0, i_dc_pA = 0;
  double nmda_scale = 0;  // (1 - B_X): the unblocked share of NMDA conductance
  // CUBA, exact: V' = v_inf + (V - v_inf) em + v_e ce + v_i ci
  double v_inf_mV = 0, em = 0, ce = 0, ci = 0;
};

struct Constants {
  SynapseModel model = SynapseModel::coba;
  std::vector<PopulationConstants> populations;
  std::uint32_t excitatory_end = 0;  // neurons below this index excite
  double decay_exc = 0, decay_inh = 0, decay_nmda_rise = 0, decay_nmda_decay = 0;
  double e_exc_mV = 0, e_inh_mV = 0, mg_mM = 1;
  double w_exc = 0, w_inh = 0, w_nmda_step = 0;  // w_nmda_step: the increment that peaks at w_nmda
  bool nmda = false;
  bool drive = false;
  double drive_mean = 0, drive_exp_minus_mean = 1, drive_weight = 0;
};

struct State {
  std::vector<double> v_mV, g_exc, g_inh, nmda_rise, nmda_decay;
  std::vector<double> free_from_step;  // integrates and may spike from this step on (a whole number)
  // (a double so the integration loop compares and blends in one vector type)
  std::vector<std::uint64_t> rng;            // the drive's stream per neuron
};

Constants constants_for(const NetworkSpec& spec);
State initial_state(const NetworkSpec& spec);

// Advances neurons [lo, hi) by one step and appends those that spiked, ascending.
void update(const Constants& k, State& s, std::uint32_t lo, std::uint32_t hi, std::int64_t step,
            std::vector<std::uint32_t>& spiked);

// Adds the effect of the presynaptic neurons in `spiked` (ascending) to the
// postsynaptic neurons [lo, hi) only.
void deliver(const Constants& k, const Connectivity& c, State& s, std::span<const std::uint32_t> spiked,
             std::uint32_t lo, std::uint32_t hi, bool whole_rows);

}  // namespace kc::brain::detail
