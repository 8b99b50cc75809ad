#include "brain/receptor_block.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/contract.h"
#include "pharm/occupancy.h"

namespace kc::brain {
namespace {

Result<void> positive(double v, const std::string& field, bool zero_ok) {
  if (std::isfinite(v) && (v > 0 || (zero_ok && v == 0))) return {};
  return fail(ErrorCode::invalid_argument, field,
              field + ": must be " + (zero_ok ? "zero or positive" : "positive"));
}

// The exact solution of dB/dt = a (1 - B) - b B over dt with a, b constant.
double relax(double b0, double a, double b, double dt_s) {
  const double rate = a + b;
  if (rate <= 0) return b0;
  const double b_inf = a / rate;
  return b_inf + (b0 - b_inf) * std::exp(-rate * dt_s);
}

}  // namespace

BlockParams default_block_params() {
  BlockParams p;
  // K = k_off / k_on: 4 uM on pyramidal cells, 1 uM on interneurons (free).
  p.kinetics[index(Population::E)] = {1.0, 4.0, 0.0};
  p.kinetics[index(Population::PV)] = {1.0, 1.0, 0.0};
  p.kinetics[index(Population::SST)] = {1.0, 1.0, 0.0};
  p.p_open = {0.05, 0.1, 0.1};
  return p;
}

Result<void> check(const BlockParams& params) {
  for (auto pop : kPopulations) {
    const auto name = std::string(to_string(pop));
    const auto& k = params.kinetics[index(pop)];
    KC_CHECK(positive(k.k_on_per_um_s, "kinetics." + name + ".k_on", false));
    KC_CHECK(positive(k.k_off_per_s, "kinetics." + name + ".k_off", false));
    KC_CHECK(positive(k.k_leak_per_s, "kinetics." + name + ".k_leak", true));
    const double p_open = params.p_open[index(pop)];
    if (!(p_open >= 0 && p_open <= 1))
      return fail(ErrorCode::invalid_argument, "p_open." + name, "p_open." + name + ": must be in [0, 1]");
  }
  KC_CHECK(positive(params.brain_plasma_ratio, "brain_plasma_ratio", false));
  return positive(params.hill, "hill", false);
}

double quasi_static_block(double ce_um, const BlockParams& params, Population p) {
  KC_EXPECT(ce_um >= 0, "concentration must be non-negative");
  const auto& k = params.kinetics[index(p)];
  const double k_half_um = k.k_off_per_s / k.k_on_per_um_s;
  const double x = std::pow(params.brain_plasma_ratio * ce_um / k_half_um, params.hill);
  return x / (1.0 + x);
}

PerPopulation<double> quasi_static_blocks(double ce_um, const BlockParams& params) {
  PerPopulation<double> out{};
  for (auto pop : kPopulations) out[index(pop)] = quasi_static_block(ce_um, params, pop);
  return out;
}

ReceptorBlock::ReceptorBlock(BlockParams params, PerPopulation<double> initial)
    : params_(std::move(params)), block_(initial) {}

void ReceptorBlock::advance(double dt_s, double ce_um, const PerPopulation<double>& p_open) {
  KC_EXPECT(dt_s >= 0 && ce_um >= 0, "step and concentration must be non-negative");
  for (auto pop : kPopulations) {
    const auto i = index(pop);
    const auto& k = params_.kinetics[i];
    const double on = k.k_on_per_um_s * params_.brain_plasma_ratio * ce_um * p_open[i];
    const double off = k.k_off_per_s * p_open[i] + k.k_leak_per_s;
    block_[i] = relax(block_[i], on, off, dt_s);
  }
}

Result<BlockCourse> block_course(const std::vector<double>& t_min, const std::vector<double>& ce_um,
                                 const BlockParams& params, bool quasi_static, double max_step_s) {
  KC_CHECK(check(params));
  if (t_min.size() != ce_um.size())
    return fail(ErrorCode::invalid_argument, "times", "times: one concentration per time is needed");
  if (!(max_step_s > 0)) return fail(ErrorCode::invalid_argument, "max_step", "max_step: must be positive");
  for (std::size_t i = 0; i < t_min.size(); ++i) {
    if (!(ce_um[i] >= 0)) return fail(ErrorCode::invalid_argument, "ce", "ce: concentrations must be >= 0");
    if (i > 0 && !(t_min[i] > t_min[i - 1]))
      return fail(ErrorCode::invalid_argument, "times", "times: must be strictly ascending");
  }
  BlockCourse out;
  out.t_min = t_min;
  ReceptorBlock state(params);
  for (std::size_t i = 0; i < t_min.size(); ++i) {
    if (quasi_static) {
      const auto b = quasi_static_blocks(ce_um[i], params);
      for (auto pop : kPopulations) out.block[index(pop)].push_back(b[index(pop)]);
      continue;
    }
    if (i > 0) {
      // Piecewise-linear concentration, sampled at the middle of each substep.
      const double span_s = (t_min[i] - t_min[i - 1]) * 60.0;
      const auto steps = static_cast<std::size_t>(std::ceil(span_s / max_step_s));
      const double h_s = span_s / static_cast<double>(steps);
      for (std::size_t s = 0; s < steps; ++s) {
        const double f = (static_cast<double>(s) + 0.5) / static_cast<double>(steps);
        state.advance(h_s, ce_um[i - 1] + f * (ce_um[i] - ce_um[i - 1]), params.p_open);
      }
    }
    for (auto pop : kPopulations) out.block[index(pop)].push_back(state.block(pop));
  }
  return out;
}

Result<BlockCourse> block_course(const pharm::Series& series, double molecular_weight_g_per_mol,
                                 const BlockParams& params, bool quasi_static) {
  if (!(molecular_weight_g_per_mol > 0))
    return fail(ErrorCode::invalid_argument, "molecular_weight", "molecular_weight: must be positive");
  const auto& ng_ml = series.has_effect_site() ? series.ce_ng_ml : series.cp_ng_ml;
  std::vector<double> um(ng_ml.size());
  std::transform(ng_ml.begin(), ng_ml.end(), um.begin(),
                 [&](double c) { return pharm::ng_ml_to_um(std::max(c, 0.0), molecular_weight_g_per_mol); });
  return block_course(series.t_min, um, params, quasi_static);
}

}  // namespace kc::brain
