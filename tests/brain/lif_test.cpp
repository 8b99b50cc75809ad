// One LIF neuron under a constant current against the closed form: with
// V_inf = E_L + I/g_L above threshold, the time from reset to threshold is
// T = tau_m ln((V_inf - V_reset) / (V_inf - V_th)) and the interspike interval
// is t_ref + T. On a clock grid a spike is stamped with the start of the step
// in which V crosses, and V is held for t_ref from that stamp (Brian2's
// convention), so the simulated interval lies in (t_ref + T - dt, t_ref + T]
// for the exact (CUBA) integration; forward Euler (COBA) adds an O(dt) error, checked at a
// fine step with a 0.5 % tolerance.
#include <gtest/gtest.h>

#include <cmath>

#include "brain/engine.h"

namespace kc::brain {
namespace {

NetworkSpec single_neuron(SynapseModel model, double i_dc_pA, double dt_ms) {
  NetworkSpec s;
  s.model = model;
  s.size = {1, 0, 0};
  s.connection_probability = 0;
  s.neuron[0] = {200, 10, -60, -50, -60, 5, i_dc_pA};  // C pF, g_L nS, E_L, V_th, V_reset mV, t_ref ms, I pA
  s.initial = {false, -60, 0, 0, 0, 0, 0};
  s.synapse.w_exc = s.synapse.w_inh = 0;
  s.dt_ms = dt_ms;
  return s;
}

double closed_form_isi_ms(double i_dc_pA) {
  const double tau_m_ms = 200.0 / 10.0, v_inf = -60 + i_dc_pA / 10.0;
  return 5.0 + tau_m_ms * std::log((v_inf + 60) / (v_inf + 50));
}

double simulated_isi_ms(const NetworkSpec& spec) {
  auto r = simulate(spec, {.duration_ms = 5000, .threads = 1, .record_spikes = true});
  EXPECT_TRUE(r.has_value());
  const auto& steps = r->train.step;
  EXPECT_GT(steps.size(), 10u);
  return (steps.back() - steps.front()) * spec.dt_ms / static_cast<double>(steps.size() - 1);
}

TEST(BrainSingleLif, ExactIntegrationMatchesTheClosedFormWithinOneStep) {
  for (double i_pA : {105.0, 120.0, 150.0, 300.0, 1000.0}) {
    const double dt = 0.1, expected = closed_form_isi_ms(i_pA);
    const double isi = simulated_isi_ms(single_neuron(SynapseModel::cuba, i_pA, dt));
    EXPECT_GT(isi, expected - dt - 1e-9) << i_pA << " pA";
    EXPECT_LE(isi, expected + 1e-9) << i_pA << " pA";
  }
}

TEST(BrainSingleLif, ForwardEulerConvergesToTheClosedForm) {
  for (double i_pA : {120.0, 150.0, 300.0}) {
    const double expected = closed_form_isi_ms(i_pA);
    const double isi = simulated_isi_ms(single_neuron(SynapseModel::coba, i_pA, 0.01));
    EXPECT_NEAR(isi, expected, 0.005 * expected) << i_pA << " pA";
  }
}

TEST(BrainSingleLif, BelowRheobaseItNeverFires) {
  // Rheobase g_L (V_th - E_L) = 100 pA.
  for (auto model : {SynapseModel::coba, SynapseModel::cuba}) {
    auto r = simulate(single_neuron(model, 99.0, 0.1), {.duration_ms = 2000});
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->spikes, 0u);
  }
}

}  // namespace
}  // namespace kc::brain
