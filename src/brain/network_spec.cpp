#include "brain/network_spec.h"

#include <cmath>

namespace kc::brain {
namespace {

Result<void> need(bool ok, const std::string& field, const std::string& what) {
  if (ok) return {};
  return fail(ErrorCode::invalid_argument, field, field + ": " + what);
}

bool positive(double v) { return std::isfinite(v) && v > 0; }

Result<void> check_neuron(const NeuronParams& n, const std::string& at) {
  KC_CHECK(need(positive(n.c_pF), at + ".c", "must be positive (pF)"));
  KC_CHECK(need(positive(n.g_leak_nS), at + ".g_leak", "must be positive (nS)"));
  KC_CHECK(need(std::isfinite(n.t_ref_ms) && n.t_ref_ms >= 0, at + ".t_ref", "must be >= 0 ms"));
  KC_CHECK(need(std::isfinite(n.i_dc_pA), at + ".i_dc", "must be finite (pA)"));
  return need(n.v_reset_mV < n.v_threshold_mV, at + ".v_reset", "must be below the threshold");
}

Result<void> check_synapse(const SynapseParams& s) {
  KC_CHECK(need(positive(s.tau_exc_ms), "synapse.tau_exc", "must be positive (ms)"));
  KC_CHECK(need(positive(s.tau_inh_ms), "synapse.tau_inh", "must be positive (ms)"));
  KC_CHECK(need(std::isfinite(s.w_exc) && std::isfinite(s.w_inh), "synapse.w", "must be finite"));
  KC_CHECK(need(std::isfinite(s.w_nmda_nS) && s.w_nmda_nS >= 0, "synapse.w_nmda", "must be >= 0 nS"));
  KC_CHECK(need(positive(s.tau_nmda_rise_ms) && s.tau_nmda_decay_ms > s.tau_nmda_rise_ms, "synapse.tau_nmda",
                "needs 0 < rise < decay (ms)"));
  return need(std::isfinite(s.mg_mM) && s.mg_mM >= 0, "synapse.mg", "must be >= 0 mM");
}

}  // namespace

std::uint32_t NetworkSpec::first(Population p) const {
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < index(p); ++i) at += size[i];
  return at;
}

// The numbers of the presets are those of the header comments, with their sources
// (docs/sources.md#brette2007 for both benchmarks).
NetworkSpec coba_benchmark() {
  NetworkSpec s;
  s.name = "coba";
  s.model = SynapseModel::coba;
  s.size = {3200, 800, 0};
  return s;  // every other default is benchmark 1
}

NetworkSpec cuba_benchmark() {
  NetworkSpec s;
  s.name = "cuba";
  s.model = SynapseModel::cuba;
  s.size = {3200, 800, 0};
  for (auto& n : s.neuron) n.e_leak_mV = -49;
  s.synapse.w_exc = 60 * 0.27 / 10;   // 1.62 mV
  s.synapse.w_inh = -20 * 4.5 / 10;   // -9 mV
  s.initial = {true, 0, 0, 0, 0, 0, 0};
  return s;
}

NetworkSpec ketamine_circuit(const PerPopulation<double>& blocks) {
  NetworkSpec s = coba_benchmark();
  s.name = "ketamine-circuit";
  s.size = {3200, 400, 400};    // the PV:SST split is a FREE parameter
  s.synapse.w_nmda_nS = 0.6;    // FREE; rise, decay and Mg from docs/sources.md#brunel2001 (the defaults)
  s.nmda_block = blocks;
  return s;
}

Result<void> check(const NetworkSpec& spec) {
  KC_CHECK(need(spec.neurons() > 0 && spec.neurons() <= 10'000'000, "size", "needs 1 to 10,000,000 neurons"));
  KC_CHECK(need(positive(spec.dt_ms) && spec.dt_ms <= 1.0, "dt", "must be in (0, 1] ms"));
  KC_CHECK(need(spec.connection_probability >= 0 && spec.connection_probability <= 1, "connection_probability",
                "must be in [0, 1]"));
  for (auto pop : kPopulations) {
    const auto name = std::string(to_string(pop));
    const double b = spec.nmda_block[index(pop)];
    KC_CHECK(need(b >= 0 && b <= 1, "block." + name, "must be in [0, 1]"));
    KC_CHECK(check_neuron(spec.neuron[index(pop)], "neuron." + name));
  }
  KC_CHECK(check_synapse(spec.synapse));
  KC_CHECK(need(spec.model == SynapseModel::coba || spec.synapse.w_nmda_nS == 0, "synapse.w_nmda",
                "NMDA needs the conductance-based model"));
  const auto& d = spec.drive;
  return need(d.inputs == 0 || (positive(d.rate_hz) && std::isfinite(d.weight)), "drive",
              "needs a positive rate and a finite weight");
}

}  // namespace kc::brain
