#include "brain/plasticity.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kc::brain {
namespace {

constexpr double kMinPerDay = 1440;

// The fraction of the gap to its target a first-order variable closes in dt.
double closing(double dt_min, double tau_min) { return -std::expm1(-dt_min / tau_min); }

double mtor_drive(const PlasticityParams& p, double bdnf) {
  if (p.rapamycin) return 1;
  const double excess = std::max(0.0, bdnf - 1);
  return 1 + p.mtor_max * excess / (p.mtor_half_excess + excess);
}

}  // namespace

Result<void> check(const PlasticityParams& p) {
  const std::pair<const char*, double> positive[] = {
      {"tau_bdnf_min", p.tau_bdnf_min},       {"tau_mtor_min", p.tau_mtor_min},
      {"mtor_half_excess", p.mtor_half_excess}, {"tau_protein_min", p.tau_protein_min},
      {"spine_lifetime_d", p.spine_lifetime_d}, {"tau_scaling_d", p.tau_scaling_d}};
  for (const auto& [name, v] : positive)
    if (!(v > 0 && std::isfinite(v))) return fail(ErrorCode::invalid_argument, name, std::string(name) + ": must be > 0");
  const std::pair<const char*, double> non_negative[] = {
      {"gain_ampa", p.gain_ampa}, {"gain_eef2", p.gain_eef2}, {"mtor_max", p.mtor_max}, {"spine_gain", p.spine_gain}};
  for (const auto& [name, v] : non_negative)
    if (!(v >= 0 && std::isfinite(v))) return fail(ErrorCode::invalid_argument, name, std::string(name) + ": must be >= 0");
  if (!(p.depressed_spines > 0 && p.depressed_spines <= 1))
    return fail(ErrorCode::invalid_argument, "depressed_spines", "depressed_spines: must be in (0, 1]");
  return {};
}

PlasticState baseline_state(const PlasticityParams& p) { return PlasticState{.spines = p.depressed_spines}; }

void advance(PlasticState& s, const PlasticityParams& p, const PlasticityInput& in, double dt_min) {
  const double ampa = p.ampa_trigger ? p.gain_ampa * std::max(0.0, in.ampa_rel - 1) : 0;
  const double eef2 = p.eef2_trigger ? p.gain_eef2 * in.block_e : 0;
  s.bdnf += (1 + ampa + eef2 - s.bdnf) * closing(dt_min, p.tau_bdnf_min);
  s.mtor += (mtor_drive(p, s.bdnf) - s.mtor) * closing(dt_min, p.tau_mtor_min);
  s.protein += (s.mtor - s.protein) * closing(dt_min, p.tau_protein_min);
  const double spine_target = p.depressed_spines * std::max(0.0, 1 + p.spine_gain * (s.protein - 1));
  s.spines += (spine_target - s.spines) * closing(dt_min, p.spine_lifetime_d * kMinPerDay);
  // Scaling is multiplicative in w; a first-order step is accurate because dt << tau_h.
  const double relative = dt_min / (p.tau_scaling_d * kMinPerDay) * (1 - in.rate_e_rel);
  s.scaling_e *= 1 + relative;
  s.scaling_i *= 1 - relative;
}

}  // namespace kc::brain
