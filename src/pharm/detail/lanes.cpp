#include "pharm/detail/lanes.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace kc::pharm::detail {
namespace {

constexpr double kNgPerMlPerMgPerL = 1000.0;
using Column = Lanes::Column;

// The hot loops, compiled for AVX2 as well as the baseline and chosen at run time.
#define KC_LANE_KERNEL __attribute__((target_clones("avx2", "default")))

KC_LANE_KERNEL void advance_lanes(const Lanes::StepColumns& s, Lanes::State& x, std::size_t n, int depots) {
  for (int i = 0; i < kMaxStates; ++i)
    for (std::size_t j = 0; j < n; ++j) x.z[i][j] = x.z[i][j] * s.decay[i][j] + x.rate[j] * s.rate_gain[i][j];
  for (int r = 0; r < depots; ++r) {
    for (int i = 0; i < kMaxStates; ++i)
      for (std::size_t j = 0; j < n; ++j) x.z[i][j] += s.depot_gain[r][i][j] * x.depot[r][j];
    for (std::size_t j = 0; j < n; ++j) x.depot[r][j] *= s.depot_decay[r][j];
  }
}

KC_LANE_KERNEL void plasma_lanes(const std::array<Column, kMaxModes>& coef, Lanes::State& x, float t, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    const float c = coef[0][j] * x.z[0][j] + coef[1][j] * x.z[1][j] + coef[2][j] * x.z[2][j];
    x.cp[j] = c;
    const bool higher = c > x.cmax[j];
    x.cmax[j] = higher ? c : x.cmax[j];
    x.tmax[j] = higher ? t : x.tmax[j];
  }
}

KC_LANE_KERNEL void effect_lanes(const std::array<Column, kMaxStates>& coef, const Lanes::State& x, Column& ce,
                                 std::size_t n) {
  for (std::size_t j = 0; j < n; ++j)
    ce[j] = coef[0][j] * x.z[0][j] + coef[1][j] * x.z[1][j] + coef[2][j] * x.z[2][j] + coef[3][j] * x.z[3][j];
}

// Time above the threshold between two output points, with Cp linear in between:
// the fraction (hi - level) / (hi - lo), clamped to [0, 1], covers all cases
// without branches (1 when both ends are above, 0 when both are below).
KC_LANE_KERNEL void above_lanes(Lanes::State& x, float level, float dt, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    const float lo = std::min(x.prev_cp[j], x.cp[j]), hi = std::max(x.prev_cp[j], x.cp[j]);
    const float f = (hi - level) / std::max(hi - lo, 1e-30f);
    x.above[j] += std::min(std::max(f, 0.0f), 1.0f) * dt;
    x.prev_cp[j] = x.cp[j];
  }
}

KC_LANE_KERNEL void histogram_bins(const Column& values, std::array<std::int32_t, Column().size()>& bins,
                                   std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) bins[j] = LogHistogram::bin_of(values[j]);
}

}  // namespace

Lanes::Lanes(const Timeline& tl, bool effect, int depots, std::optional<double> threshold)
    : tl_(tl), effect_(effect), depots_(depots), threshold_(threshold), steps_(tl.dts.size()) {}

void Lanes::add(const Individual& ind, double weight_scale) {
  const std::size_t j = n_++;
  const auto& d = ind.disposition;
  for (std::size_t k = 0; k < tl_.dts.size(); ++k) {
    const auto c = Step(ind, tl_.dts[k]).coefficients();
    auto& s = steps_[k];
    for (int i = 0; i < kMaxStates; ++i) {
      s.decay[i][j] = static_cast<float>(c.decay[i]);
      s.rate_gain[i][j] = static_cast<float>(c.rate_gain[i]);
      for (int r = 0; r < depots_; ++r) s.depot_gain[r][i][j] = static_cast<float>(c.depot_gain[r][i]);
    }
    for (int r = 0; r < depots_; ++r) s.depot_decay[r][j] = static_cast<float>(c.depot_decay[r]);
  }
  for (int i = 0; i < kMaxModes; ++i) {
    cp_coef_[i][j] = static_cast<float>(d.cp_coef_per_l[i] * kNgPerMlPerMgPerL);
    ce_coef_[i][j] = static_cast<float>(d.ce_coef_per_l[i] * kNgPerMlPerMgPerL);
    double body = 0;
    for (int m = 0; m < kMaxModes; ++m) body += d.amount_coef[m][i];
    body_coef_[i][j] = static_cast<float>(body);
  }
  ce_coef_[kEffect][j] = static_cast<float>(d.ce_effect_coef_per_l * kNgPerMlPerMgPerL);
  for (int r = 0; r < depots_; ++r) bioavailability_[r] = ind.absorption[static_cast<std::size_t>(r)].bioavailability;
  scale_[j] = static_cast<float>(weight_scale);
  cl_[j] = static_cast<float>(d.cl_l_per_min);
}

void Lanes::reset_state() {
  for (auto& col : s_.z) col.fill(0);
  for (auto& col : s_.depot) col.fill(0);
  for (auto* col : {&s_.rate, &s_.tmax, &s_.above, &s_.prev_cp, &s_.cp}) col->fill(0);
  s_.cmax.fill(-1);
  s_.c_end.fill(NAN);
}

void Lanes::apply_event(const TimelinePoint& p) {
  for (std::size_t j = 0; j < n_; ++j) {
    const auto bolus = static_cast<float>(p.bolus_fixed + scale_[j] * p.bolus_scaled);
    for (int i = 0; i < kMaxStates; ++i) s_.z[i][j] += bolus;
    s_.rate[j] = static_cast<float>(p.rate_fixed + scale_[j] * p.rate_scaled);
  }
  for (auto [r, mg] : p.depot_fixed)
    for (std::size_t j = 0; j < n_; ++j) s_.depot[r][j] += static_cast<float>(mg * bioavailability_[r]);
  for (auto [r, mg] : p.depot_scaled)
    for (std::size_t j = 0; j < n_; ++j) s_.depot[r][j] += static_cast<float>(scale_[j] * mg * bioavailability_[r]);
}

void Lanes::observe(const TimelinePoint& p, double prev_t, LogHistogram& cp, LogHistogram* ce) {
  plasma_lanes(cp_coef_, s_, static_cast<float>(p.t), n_);
  if (p.infusion_ends) s_.c_end = s_.cp;
  if (p.output < 0) return;
  const auto row = static_cast<std::size_t>(p.output);
  histogram_bins(s_.cp, bins_, n_);
  cp.add_bins(row, bins_.data(), n_);
  if (ce != nullptr) {
    effect_lanes(ce_coef_, s_, ce_now_, n_);
    histogram_bins(ce_now_, bins_, n_);
    ce->add_bins(row, bins_.data(), n_);
  }
  if (threshold_) above_lanes(s_, static_cast<float>(*threshold_), static_cast<float>(p.t - prev_t), n_);
}

LaneMetrics Lanes::metrics(std::size_t j) const {
  double in_body = 0;  // central + peripheral + depots, mg
  for (int i = 0; i < kMaxModes; ++i) in_body += static_cast<double>(body_coef_[i][j]) * s_.z[i][j];
  for (int r = 0; r < depots_; ++r) in_body += s_.depot[r][j];
  const double given = tl_.given_by_end_fixed_mg + scale_[j] * tl_.given_by_end_scaled_mg;
  const double dose = tl_.bioavailable_fixed_mg + scale_[j] * tl_.bioavailable_scaled_mg;
  const double to_ng_h_ml = kNgPerMlPerMgPerL / 60 / cl_[j];
  return {s_.cmax[j], s_.tmax[j], std::max(0.0, given - in_body) * to_ng_h_ml, dose * to_ng_h_ml,
          s_.c_end[j], threshold_ ? static_cast<double>(s_.above[j]) : NAN};
}

void Lanes::run(LogHistogram& cp, LogHistogram* ce, std::vector<LaneMetrics>& out) {
  reset_state();
  double prev_output_t = 0;
  for (const auto& p : tl_.points) {
    if (p.dt_index >= 0) advance_lanes(steps_[static_cast<std::size_t>(p.dt_index)], s_, n_, depots_);
    if (p.event) apply_event(p);
    observe(p, prev_output_t, cp, effect_ ? ce : nullptr);
    if (p.output >= 0) prev_output_t = p.t;
  }
  for (std::size_t j = 0; j < n_; ++j) out.push_back(metrics(j));
  n_ = 0;
}

}  // namespace kc::pharm::detail
