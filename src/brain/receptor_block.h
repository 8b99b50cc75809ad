#pragma once
// L2: use-dependent NMDA-receptor block by ketamine, with trapping, per
// population (E, PV, SST). Ketamine is an open-channel blocker: it enters and
// leaves the pore only while the channel is open, so a blocker trapped in a
// closed channel stays until the cell is active again (Ma 2023,
// docs/sources.md#ma2023). For each population X:
//
//   dB/dt = k_on * f_b * C_e * p_open * (1 - B) - k_off * p_open * B - k_leak * B
//
// B in [0, 1]; C_e effect-site concentration (uM); f_b brain/plasma factor;
// p_open channel opening probability in [0, 1]; k_on 1/(uM s); k_off, k_leak 1/s.
// Pure trapping is k_leak = 0. The quasi-static mode is the steady state,
// B = (f_b C_e)^n / ((f_b C_e)^n + K^n) with K = k_off / k_on (n = 1 is the exact
// steady state of the kinetics with k_leak = 0).
//
// Every rate constant here is a FREE parameter: no published value exists
// (see docs/brain.md). The defaults only encode the design choice that
// interneurons are blocked at lower concentrations than pyramidal cells,
// motivated by Homayoun & Moghaddam 2007 (docs/sources.md#homayoun2007). No I/O.
#include <vector>

#include "brain/population.h"
#include "core/error.h"
#include "pharm/solver.h"

namespace kc::brain {

struct BlockKinetics {
  double k_on_per_um_s = 1.0;
  double k_off_per_s = 1.0;
  double k_leak_per_s = 0.0;
};

struct BlockParams {
  PerPopulation<BlockKinetics> kinetics;
  PerPopulation<double> p_open{};   // opening probability used by block_course (free)
  double brain_plasma_ratio = 1.0;  // f_b (free)
  double hill = 1.0;                // quasi-static mode only
};

// The free defaults: K_E = 4 uM, K_PV = K_SST = 1 uM; k_leak = 0 (pure trapping);
// p_open E 0.05, PV 0.1, SST 0.1; f_b = 1; n = 1.
BlockParams default_block_params();

// invalid_argument naming the field ("kinetics.PV.k_on", "p_open.E", "hill", ...).
Result<void> check(const BlockParams& params);

// Contract: params checked; ce_um >= 0.
double quasi_static_block(double ce_um, const BlockParams& params, Population p);
PerPopulation<double> quasi_static_blocks(double ce_um, const BlockParams& params);

// The kinetic state of all populations. advance() solves the linear ODE exactly
// over dt_s with ce_um and p_open held constant during the step.
class ReceptorBlock {
 public:
  explicit ReceptorBlock(BlockParams params, PerPopulation<double> initial = {});
  void advance(double dt_s, double ce_um, const PerPopulation<double>& p_open);
  double block(Population p) const { return block_[index(p)]; }
  const PerPopulation<double>& blocks() const { return block_; }

 private:
  BlockParams params_;
  PerPopulation<double> block_;
};

struct BlockCourse {
  std::vector<double> t_min;
  PerPopulation<std::vector<double>> block;
};

// The block at each output time for a concentration course given at the same
// times (linear between them; substeps of at most max_step_s, the L2 step).
// Starts unblocked at t_min[0]. Errors: "times" (not ascending, sizes differ),
// "ce" (negative), the params' fields.
Result<BlockCourse> block_course(const std::vector<double>& t_min, const std::vector<double>& ce_um,
                                 const BlockParams& params, bool quasi_static, double max_step_s = 1.0);

// Same, driven by a pharm simulation: the effect-site concentration where the
// series has one, else plasma; ng/mL -> uM by the molecular weight.
Result<BlockCourse> block_course(const pharm::Series& series, double molecular_weight_g_per_mol,
                                 const BlockParams& params, bool quasi_static);

}  // namespace kc::brain
