#include "brain/detail/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "brain/detail/rng.h"
#include "brain/mg_block.h"

namespace kc::brain::detail {
namespace {

constexpr std::uint64_t kSaltInitial = 2;
constexpr std::uint64_t kSaltDrive = 3;

// The factor by which a current-based PSP kernel of time constant tau_s feeds
// V over one step of the exact propagator (tau_s != tau_m, else the limit).
double feed(double tau_s_ms, double tau_m_ms, double dt_ms) {
  const double em = std::exp(-dt_ms / tau_m_ms);
  if (std::abs(tau_s_ms - tau_m_ms) < 1e-12) return dt_ms / tau_m_ms * em;
  return tau_s_ms / (tau_s_ms - tau_m_ms) * (std::exp(-dt_ms / tau_s_ms) - em);
}

PopulationConstants population_constants(const NetworkSpec& spec, Population p) {
  const auto& n = spec.neuron[index(p)];
  const auto& syn = spec.synapse;
  PopulationConstants c;
  c.begin = spec.first(p);
  c.end = c.begin + spec.size[index(p)];
  c.v_threshold_mV = n.v_threshold_mV;
  c.v_reset_mV = n.v_reset_mV;
  c.ref_steps = std::llround(n.t_ref_ms / spec.dt_ms);
  c.dt_over_c = spec.dt_ms / n.c_pF;  // ms / pF; nS * mV = pA, pA * ms / pF = mV
  c.g_leak_nS = n.g_leak_nS;
  c.e_leak_mV = n.e_leak_mV;
  c.i_dc_pA = n.i_dc_pA;
  c.nmda_scale = 1.0 - spec.nmda_block[index(p)];
  const double tau_m_ms = n.c_pF / n.g_leak_nS;
  c.v_inf_mV = n.e_leak_mV + n.i_dc_pA / n.g_leak_nS;
  c.em = std::exp(-spec.dt_ms / tau_m_ms);
  c.ce = feed(syn.tau_exc_ms, tau_m_ms, spec.dt_ms);
  c.ci = feed(syn.tau_inh_ms, tau_m_ms, spec.dt_ms);
  return c;
}

// Each block of neurons takes two passes: a branch-free integration the
// compiler can vectorise (a refractory neuron keeps its V), then this scan for
// threshold crossings. Four lanes of V are compared at once (a GCC/Clang vector type: SSE2 pairs in the
// baseline build, one AVX compare in the AVX2 clone); spikes are rare, so most
// groups are passed over with one branch. Always inlined, so it is compiled into
// each clone of update().
using Double4 = double __attribute__((vector_size(32)));

[[gnu::always_inline]] inline void detect(const PopulationConstants& p, State& s, std::uint32_t lo,
                                          std::uint32_t hi, std::int64_t step, std::vector<std::uint32_t>& spiked) {
  // Locals: spiked.push_back could otherwise alias the state for the compiler,
  // which would then reload every pointer in the loop.
  const double now = static_cast<double>(step), threshold = p.v_threshold_mV, reset = p.v_reset_mV,
               free_again = now + static_cast<double>(p.ref_steps);
  double* __restrict v = s.v_mV.data();
  double* __restrict free_from = s.free_from_step.data();
  auto check = [&](std::uint32_t i) {
    if (v[i] > threshold && now >= free_from[i]) {
      v[i] = reset;
      free_from[i] = free_again;
      spiked.push_back(i);
    }
  };
  std::uint32_t i = lo;
  for (; i + 4 <= hi; i += 4) {
    Double4 x;
    std::memcpy(&x, v + i, sizeof x);
    const auto above = x > threshold;
    if ((above[0] | above[1] | above[2] | above[3]) != 0) [[unlikely]]
      for (std::uint32_t j = i; j < i + 4; ++j) check(j);
  }
  for (; i < hi; ++i) check(i);
}

[[gnu::always_inline]] inline void add_drive(const Constants& k, State& s, std::uint32_t lo, std::uint32_t hi) {
  for (std::uint32_t i = lo; i < hi; ++i)
    s.g_exc[i] += k.drive_weight * poisson(s.rng[i], k.drive_mean, k.drive_exp_minus_mean);
}

template <bool kNmda>
[[gnu::always_inline]] inline void integrate_coba(const Constants& k, const PopulationConstants& p, State& s,
                                                  std::uint32_t lo, std::uint32_t hi, std::int64_t step) {
  // Constants in locals and restrict pointers: without them GCC assumes the
  // stores may change p and k and does not vectorise.
  const double now = static_cast<double>(step), gl = p.g_leak_nS, el = p.e_leak_mV, ee = k.e_exc_mV,
               ei = k.e_inh_mV, idc = p.i_dc_pA, dt_c = p.dt_over_c, de = k.decay_exc, di = k.decay_inh;
  double* __restrict v = s.v_mV.data();
  double* __restrict ge = s.g_exc.data();
  double* __restrict gi = s.g_inh.data();
  const double* __restrict free_from = s.free_from_step.data();
  for (std::uint32_t i = lo; i < hi; ++i) {
    const double vi = v[i];
    double current_pA = gl * (el - vi) + ge[i] * (ee - vi) + gi[i] * (ei - vi) + idc;
    if constexpr (kNmda)
      current_pA -= p.nmda_scale * (s.nmda_decay[i] - s.nmda_rise[i]) * mg_unblocked_fraction(vi, k.mg_mM) *
                    (vi - ee);
    v[i] = now >= free_from[i] ? vi + dt_c * current_pA : vi;
    ge[i] *= de;
    gi[i] *= di;
    if constexpr (kNmda) {
      s.nmda_rise[i] *= k.decay_nmda_rise;
      s.nmda_decay[i] *= k.decay_nmda_decay;
    }
  }
}

[[gnu::always_inline]] inline void integrate_cuba(const Constants& k, const PopulationConstants& p, State& s,
                                                  std::uint32_t lo, std::uint32_t hi, std::int64_t step) {
  const double now = static_cast<double>(step), v_inf = p.v_inf_mV, em = p.em, ce = p.ce, ci = p.ci,
               de = k.decay_exc, di = k.decay_inh;
  double* __restrict v = s.v_mV.data();
  double* __restrict ve = s.g_exc.data();
  double* __restrict vi = s.g_inh.data();
  const double* __restrict free_from = s.free_from_step.data();
  for (std::uint32_t i = lo; i < hi; ++i) {
    const double next = v_inf + (v[i] - v_inf) * em + ve[i] * ce + vi[i] * ci;
    v[i] = now >= free_from[i] ? next : v[i];
    ve[i] *= de;
    vi[i] *= di;
  }
}

}  // namespace

Constants constants_for(const NetworkSpec& spec) {
  const auto& syn = spec.synapse;
  Constants k;
  k.model = spec.model;
  for (auto p : kPopulations)
    if (spec.size[index(p)] > 0) k.populations.push_back(population_constants(spec, p));
  k.excitatory_end = spec.size[index(Population::E)];
  const bool cuba = spec.model == SynapseModel::cuba;
  // COBA as forward Euler (Brian's benchmark script), CUBA exactly.
  k.decay_exc = cuba ? std::exp(-spec.dt_ms / syn.tau_exc_ms) : 1.0 - spec.dt_ms / syn.tau_exc_ms;
  k.decay_inh = cuba ? std::exp(-spec.dt_ms / syn.tau_inh_ms) : 1.0 - spec.dt_ms / syn.tau_inh_ms;
  k.decay_nmda_rise = std::exp(-spec.dt_ms / syn.tau_nmda_rise_ms);
  k.decay_nmda_decay = std::exp(-spec.dt_ms / syn.tau_nmda_decay_ms);
  k.e_exc_mV = syn.e_exc_mV;
  k.e_inh_mV = syn.e_inh_mV;
  k.mg_mM = syn.mg_mM;
  k.w_exc = syn.w_exc;
  k.w_inh = syn.w_inh;
  k.nmda = syn.w_nmda_nS > 0;
  const double r = syn.tau_nmda_rise_ms, d = syn.tau_nmda_decay_ms;
  const double t_peak_ms = r * d / (d - r) * std::log(d / r);
  k.w_nmda_step = syn.w_nmda_nS / (std::exp(-t_peak_ms / d) - std::exp(-t_peak_ms / r));
  k.drive = spec.drive.inputs > 0;
  k.drive_mean = spec.drive.inputs * spec.drive.rate_hz * spec.dt_ms * 1e-3;
  k.drive_exp_minus_mean = std::exp(-k.drive_mean);
  k.drive_weight = spec.drive.weight;
  return k;
}

State initial_state(const NetworkSpec& spec) {
  const auto n = spec.neurons();
  const auto& init = spec.initial;
  State s;
  s.v_mV.resize(n);
  s.g_exc.resize(n);
  s.g_inh.resize(n);
  s.nmda_rise.assign(spec.synapse.w_nmda_nS > 0 ? n : 0, 0.0);
  s.nmda_decay.assign(spec.synapse.w_nmda_nS > 0 ? n : 0, 0.0);
  s.free_from_step.assign(n, 0.0);
  s.rng.resize(n);
  for (auto p : kPopulations) {
    const auto& np = spec.neuron[index(p)];
    for (std::uint32_t i = spec.first(p); i < spec.first(p) + spec.size[index(p)]; ++i) {
      auto rng = stream(spec.seed, kSaltInitial, i);
      s.v_mV[i] = init.v_uniform ? np.v_reset_mV + uniform(rng) * (np.v_threshold_mV - np.v_reset_mV)
                                 : init.v_mean_mV + init.v_sd_mV * normal(rng);
      s.g_exc[i] = init.exc_mean + init.exc_sd * normal(rng);
      s.g_inh[i] = init.inh_mean + init.inh_sd * normal(rng);
      s.rng[i] = stream(spec.seed, kSaltDrive, i);
    }
  }
  return s;
}

// The step, with the integration loops inlined, compiled for AVX2 as well as the
// baseline and chosen at run time (as pharm's lanes). No FMA contraction in ISO
// C++ mode, so both give the same spikes.
__attribute__((target_clones("avx2", "default"))) void update(const Constants& k, State& s, std::uint32_t lo,
                                                              std::uint32_t hi, std::int64_t step,
                                                              std::vector<std::uint32_t>& spiked) {
  // Blocks of 256 neurons (8 KB per state array): the threshold scan then reads
  // V from L1, right after the integration wrote it (about 9 % less CPU time
  // than two passes over the whole range; 128 and 512 were slower).
  constexpr std::uint32_t kBlock = 256;
  for (const auto& p : k.populations) {
    const auto begin = std::max(lo, p.begin), end = std::min(hi, p.end);
    for (auto a = begin; a < end; a += kBlock) {
      const auto b = std::min(end, a + kBlock);
      if (k.drive) add_drive(k, s, a, b);
      if (k.model == SynapseModel::cuba) integrate_cuba(k, p, s, a, b, step);
      else if (k.nmda) integrate_coba<true>(k, p, s, a, b, step);
      else integrate_coba<false>(k, p, s, a, b, step);
      detect(p, s, a, b, step, spiked);
    }
  }
}

void deliver(const Constants& k, const Connectivity& c, State& s, std::span<const std::uint32_t> spiked,
             std::uint32_t lo, std::uint32_t hi, bool whole_rows) {
  for (const auto pre : spiked) {
    auto row = c.row(pre);
    if (!whole_rows) {
      const auto first = std::lower_bound(row.begin(), row.end(), lo);
      const auto last = std::lower_bound(first, row.end(), hi);
      row = row.subspan(static_cast<std::size_t>(first - row.begin()), static_cast<std::size_t>(last - first));
    }
    if (pre < k.excitatory_end) {
      for (const auto post : row) s.g_exc[post] += k.w_exc;
      if (k.nmda)
        for (const auto post : row) {
          s.nmda_rise[post] += k.w_nmda_step;
          s.nmda_decay[post] += k.w_nmda_step;
        }
    } else {
      for (const auto post : row) s.g_inh[post] += k.w_inh;
    }
  }
}

}  // namespace kc::brain::detail
