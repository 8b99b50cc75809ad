#pragma once
// L3 surrogate: the spiking circuit's E-cell rate as a function of the NMDA
// block per population, so that days-long courses need no spiking window
// (the second coupling of issue 14's layered design: "fit a cheap surrogate of the
// fast layer and call it from the slow layer").
//
//   r_E / r_E0 = max(0, 1 + a * B_I - c * B_E),   B_I = (B_PV + B_SST) / 2
//
// Fitted exactly (two equations, two unknowns) to two 3-s windows of
// `ketamine_circuit` (seed 1, transient 1 s): no block 25.0 Hz; B_E 0.163 with
// B_PV = B_SST 0.438 gives 28.3 Hz; 0.438 everywhere gives 22.2 Hz (docs/brain.md).
// tests/brain/surrogate_test.cpp runs the circuit again at these and at a third
// block and states the error. Blocking interneurons raises the E rate
// (disinhibition), blocking E cells lowers it. The glutamate proxy G and the
// AMPA drive A onto E cells are taken proportional to the E rate (recurrent
// excitation), each normalised to 1 without drug. No I/O.
#include "brain/population.h"

namespace kc::brain {

struct CircuitSurrogate {
  double interneuron_gain = 0.6316;  // a, fitted (see above)
  double pyramidal_loss = 0.8876;    // c, fitted
  double baseline_rate_e_hz = 25.0;  // r_E0 of the fitting window
};

// r_E / r_E0 for block fractions in [0, 1].
double relative_e_rate(const CircuitSurrogate& s, const PerPopulation<double>& block);

}  // namespace kc::brain
