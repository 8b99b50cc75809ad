#pragma once
// L3: the description of a random E/I network of leaky integrate-and-fire
// neurons, and the published benchmark networks as presets. A spec is a plain
// value: copy it, change it, check() it, then simulate it (brain/engine.h).
//
// Neuron (per population): C dV/dt = -g_L (V - E_L) + I_syn + I_dc;
// V > V_th -> spike, V <- V_reset, V held for t_ref.
//   COBA: I_syn = g_e (E_e - V) + g_i (E_i - V) - (1 - B_X) g_N m_inf(V) (V - E_e),
//         g_e, g_i exponential (tau_e, tau_i), a spike adds w (nS); forward Euler.
//   CUBA: tau_m dV/dt = -(V - E_L) + v_e + v_i + I_dc / g_L, v_e, v_i exponential
//         (mV), a spike adds w (mV); exact integration of the linear system.
// NMDA (COBA only, optional): g_N a difference of exponentials (rise, decay)
// scaled so one spike peaks at w_nmda; m_inf the Mg2+ block (brain/mg_block.h);
// B_X the ketamine block of the postsynaptic population (brain/receptor_block.h).
// Neurons are numbered E first, then PV, then SST; E cells excite, PV and SST
// cells inhibit. Each ordered pair (i != j) is connected with one probability.
#include <array>
#include <cstdint>
#include <string>

#include "brain/population.h"
#include "core/error.h"

namespace kc::brain {

enum class SynapseModel { coba, cuba };

struct NeuronParams {
  double c_pF = 200;
  double g_leak_nS = 10;
  double e_leak_mV = -60;
  double v_threshold_mV = -50;
  double v_reset_mV = -60;
  double t_ref_ms = 5;
  double i_dc_pA = 0;
};

struct SynapseParams {
  double tau_exc_ms = 5, tau_inh_ms = 10;
  double e_exc_mV = 0, e_inh_mV = -80;  // COBA only
  double w_exc = 6, w_inh = 67;         // COBA: nS; CUBA: mV (signed)
  double w_nmda_nS = 0;                 // 0: no NMDA component
  double tau_nmda_rise_ms = 2, tau_nmda_decay_ms = 100;
  double mg_mM = 1.0;
};

// Initial state: V ~ normal(mean, sd), or uniform in [V_reset, V_th] when
// v_uniform; g_e, g_i (or v_e, v_i) ~ normal(mean, sd), as the benchmarks do.
struct InitialState {
  bool v_uniform = false;
  double v_mean_mV = -65, v_sd_mV = 5;
  double exc_mean = 40, exc_sd = 15;
  double inh_mean = 200, inh_sd = 120;
};

// External excitatory Poisson drive: `inputs` sources at rate_hz per neuron,
// each spike adds `weight` to g_e (v_e for CUBA). Off when inputs == 0.
struct PoissonDrive {
  std::uint32_t inputs = 0;
  double rate_hz = 0;
  double weight = 0;
};

struct NetworkSpec {
  std::string name;
  SynapseModel model = SynapseModel::coba;
  PerPopulation<std::uint32_t> size{};
  PerPopulation<NeuronParams> neuron{};
  SynapseParams synapse;
  double connection_probability = 0.02;
  PerPopulation<double> nmda_block{};  // B_X in [0, 1]
  InitialState initial;
  PoissonDrive drive;
  double dt_ms = 0.1;
  std::uint64_t seed = 1;

  std::uint32_t neurons() const { return size[0] + size[1] + size[2]; }
  std::uint32_t first(Population p) const;  // index of the population's first neuron
};

// Brette et al. 2007 benchmark 1 (docs/sources.md#brette2007): 3200 E + 800 I
// (as PV), p = 0.02, tau_m 20 ms (C 200 pF, g_L 10 nS), E_L = V_reset = -60 mV,
// V_th -50 mV, t_ref 5 ms, tau_e 5 / tau_i 10 ms, E_e 0 / E_i -80 mV,
// w_e 6 / w_i 67 nS; V ~ N(-65, 5) mV, g_e ~ N(40, 15) nS, g_i ~ N(200, 120) nS
// as in Brian's script of the benchmark (docs/sources.md#brian2). Self-sustained.
NetworkSpec coba_benchmark();

// Benchmark 2: same sizes and p, E_L -49 mV, V_reset -60 mV, V_th -50 mV,
// tau_e 5 / tau_i 10 ms, jumps +1.62 / -9 mV; V ~ U[V_reset, V_th], v_e = v_i = 0.
NetworkSpec cuba_benchmark();

// The ketamine circuit (a first version): the COBA network with its 800
// inhibitory cells split into 400 PV and 400 SST (FREE split; both are point
// neurons with the same parameters, SST's dendritic targeting is not modelled)
// and an NMDA component on every excitatory synapse (w_nmda 0.6 nS, FREE;
// rise 2 / decay 100 ms and [Mg2+] 1 mM from Brunel & Wang 2001,
// docs/sources.md#brunel2001). blocks: B_E, B_PV, B_SST.
NetworkSpec ketamine_circuit(const PerPopulation<double>& blocks);

// invalid_argument naming the field: "size", "dt", "connection_probability",
// "block.PV", "neuron.E.c", "synapse.tau_exc", "drive", ...
Result<void> check(const NetworkSpec& spec);

}  // namespace kc::brain
