#include "pharm/tci.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pharm/detail/step.h"

namespace kc::pharm {
namespace {

using detail::ModalState;
using detail::Step;

constexpr double kNgPerMlPerMgPerL = 1000.0;

Result<void> check(const Individual& ind, const TciOptions& o) {
  auto bad = [](const char* field, const char* what) {
    return fail(ErrorCode::invalid_argument, field, fmt::format("{}: {}", field, what));
  };
  if (o.targets.empty() || o.targets.front().t_min != 0) return bad("targets", "the first target must apply from 0 min");
  for (std::size_t i = 0; i < o.targets.size(); ++i) {
    if (!(o.targets[i].target_ng_ml >= 0) || !std::isfinite(o.targets[i].target_ng_ml))
      return bad("targets", "targets must be concentrations >= 0");
    if (i > 0 && !(o.targets[i].t_min > o.targets[i - 1].t_min))
      return bad("targets", "target times must be strictly increasing");
  }
  if (!(o.update_min > 0 && o.update_min <= 5)) return bad("update", "must be between 0 and 5 min");
  if (!(o.until_min > 0 && o.until_min / o.update_min <= 1e6)) return bad("until", "must be positive (at most 10^6 updates)");
  if (!(o.syringe_mg_per_ml > 0)) return bad("syringe", "must be a positive concentration");
  if (!(o.max_rate_mg_per_min > 0)) return bad("max_rate", "must be positive");
  if (o.mode == TciMode::effect && !ind.disposition.ke0_per_min)
    return bad("mode", "effect-site targeting needs a ke0 (give --ke0 or --tpeak)");
  return {};
}

double target_at(const TciOptions& o, double t) {
  double target = 0;
  for (const auto& c : o.targets)
    if (c.t_min <= t + 1e-9) target = c.target_ng_ml / kNgPerMlPerMgPerL;
  return target;  // mg/L
}

// Effect-site search: the future effect-site curve sampled at offsets
// Δ, Δ + g, ..., horizon, for the state with the pump off (free) and for a unit
// rate running during the first Δ only (UDF_e). Exponentials are computed once.
class EffectPeakSearch {
 public:
  EffectPeakSearch(const Individual& ind, const TciOptions& o) : ind_(ind) {
    for (double tau = o.update_min; tau <= o.peak_horizon_min + 1e-9; tau += o.peak_grid_min) offsets_.push_back(tau);
    decay_.resize(offsets_.size());  // from the end of the coming period (offset Δ) on
    for (std::size_t g = 0; g < offsets_.size(); ++g)
      for (int i = 0; i < detail::kMaxStates; ++i)
        decay_[g][i] = std::exp(-detail::rate_of(ind, i) * (offsets_[g] - o.update_min));
    ModalState unit;
    Step(ind, o.update_min).advance(unit, 1.0);
    udf_ = free_curve(unit);
    first_peak_ = static_cast<std::size_t>(std::max_element(udf_.begin(), udf_.end()) - udf_.begin());
  }

  std::vector<double> free_curve(const ModalState& s) const {  // Ce at each offset, pump off, state at Δ
    std::vector<double> ce(offsets_.size());
    for (std::size_t g = 0; g < offsets_.size(); ++g) {
      ModalState x = s;
      for (int i = 0; i < detail::kMaxStates; ++i) x.z[i] *= decay_[g][i];
      ce[g] = detail::ce_mg_per_l(ind_.disposition, x);
    }
    return ce;
  }

  // §5.3 steps 2-3: iterate R and the peak time until the peak stops moving.
  double rate_for(const ModalState& after_free_step, double target, std::size_t& peak) const {
    const auto free = free_curve(after_free_step);
    if (free.front() >= target) return 0;
    double rate = 0;
    for (int it = 0; it < 50; ++it) {
      rate = std::max(0.0, (target - free[peak]) / udf_[peak]);
      std::size_t best = 0;
      for (std::size_t g = 1; g < free.size(); ++g)
        if (free[g] + rate * udf_[g] > free[best] + rate * udf_[best]) best = g;
      if (best == peak) break;
      peak = best;
    }
    return rate;
  }

  std::size_t first_peak() const { return first_peak_; }

 private:
  const Individual& ind_;
  std::vector<double> offsets_;
  std::vector<std::array<double, detail::kMaxStates>> decay_;
  std::vector<double> udf_;
  std::size_t first_peak_ = 0;
};

double deliverable(double rate_mg_per_min, const TciOptions& o, bool& at_max) {
  at_max = rate_mg_per_min >= o.max_rate_mg_per_min;
  double r = std::clamp(rate_mg_per_min, 0.0, o.max_rate_mg_per_min);
  if (o.rate_resolution_ml_per_h > 0) {
    const double ml_per_h = std::floor(r * 60 / o.syringe_mg_per_ml / o.rate_resolution_ml_per_h + 0.5) *
                            o.rate_resolution_ml_per_h;
    r = std::min(ml_per_h * o.syringe_mg_per_ml / 60, o.max_rate_mg_per_min);
  }
  return r;
}

}  // namespace

Result<TciRun> run_tci(const Individual& ind, const TciOptions& o) {
  if (auto ok = check(ind, o); !ok) return std::unexpected(ok.error());
  const Step step(ind, o.update_min);
  ModalState unit;
  step.advance(unit, 1.0);
  const double udf_p = detail::cp_mg_per_l(ind.disposition, unit);  // Cp after Δ at unit rate
  std::optional<EffectPeakSearch> search;
  if (o.mode == TciMode::effect) search.emplace(ind, o);
  std::size_t peak = search ? search->first_peak() : 0;
  const auto& d = ind.disposition;
  TciRun run;
  ModalState s;
  const auto n = static_cast<std::size_t>(std::ceil(o.until_min / o.update_min - 1e-9));
  for (std::size_t k = 0; k < n; ++k) {
    const double t = static_cast<double>(k) * o.update_min;
    const double target = target_at(o, t);
    ModalState free = s;
    step.advance(free, 0.0);
    bool plasma = !search || std::abs(target - detail::ce_mg_per_l(d, s)) < o.switch_fraction * target;
    if (search && target == 0) plasma = true;
    const double wanted = plasma ? (target - detail::cp_mg_per_l(d, free)) / udf_p
                                 : search->rate_for(free, target, peak);
    TciInterval iv{t, t + o.update_min, target * kNgPerMlPerMgPerL, 0, 0, false, 0, 0, 0, plasma};
    iv.rate_mg_per_min = deliverable(wanted, o, iv.at_max_rate);
    step.advance(s, iv.rate_mg_per_min);
    iv.rate_ml_per_h = iv.rate_mg_per_min * 60 / o.syringe_mg_per_ml;
    iv.cp_end_ng_ml = detail::cp_mg_per_l(d, s) * kNgPerMlPerMgPerL;
    iv.ce_end_ng_ml = d.ke0_per_min ? detail::ce_mg_per_l(d, s) * kNgPerMlPerMgPerL : 0;
    run.total_mg += iv.rate_mg_per_min * o.update_min;
    iv.cumulative_mg = run.total_mg;
    run.peak_cp_ng_ml = std::max(run.peak_cp_ng_ml, iv.cp_end_ng_ml);
    run.peak_ce_ng_ml = std::max(run.peak_ce_ng_ml, iv.ce_end_ng_ml);
    run.intervals.push_back(iv);
  }
  run.total_ml = run.total_mg / o.syringe_mg_per_ml;
  return run;
}

}  // namespace kc::pharm
