#include "pharm/solver.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pharm/detail/step.h"

namespace kc::pharm {
namespace {

using detail::ModalState;
using detail::Step;

constexpr double kNgPerMlPerMgPerL = 1000.0;

// Exact steps for the few interval lengths a walk meets (the grid step and the
// pieces cut by dose events), so a uniform grid computes its exponentials once.
class StepCache {
 public:
  explicit StepCache(const Individual& ind) : ind_(ind) {}
  const Step& get(double dt) {
    if (last_ != nullptr && last_->dt_min() == dt) return *last_;
    for (const auto& s : steps_)
      if (std::abs(s.dt_min() - dt) <= 1e-12 * std::max(dt, 1.0)) return *(last_ = &s);
    if (steps_.size() == 4) steps_.erase(steps_.begin());
    steps_.emplace_back(ind_, dt);
    return *(last_ = &steps_.back());
  }

 private:
  const Individual& ind_;
  std::vector<Step> steps_;
  const Step* last_ = nullptr;
};

struct Segment {  // the state at the start of an interval with constant input
  double t_min = 0;
  ModalState state;
  double rate_mg_per_min = 0;
};

ModalState state_at(const Individual& ind, const Segment& seg, double t) {
  ModalState s = seg.state;
  if (t > seg.t_min) Step(ind, t - seg.t_min).advance(s, seg.rate_mg_per_min);
  return s;
}

double value_at(const Individual& ind, const Segment& seg, double t, bool effect) {
  const ModalState s = state_at(ind, seg, t);
  return effect ? detail::ce_mg_per_l(ind.disposition, s) : detail::cp_mg_per_l(ind.disposition, s);
}

// Time derivative of Cp (or Ce): every mode obeys dz/dt = -rate z + input.
double slope_at(const Individual& ind, const Segment& seg, double t, bool effect) {
  const ModalState s = state_at(ind, seg, t);
  double input = seg.rate_mg_per_min;
  for (std::size_t r = 0; r < ind.absorption.size(); ++r)
    input += ind.absorption[r].ka_per_min * s.depot_mg[r];
  std::array<double, detail::kMaxStates> dz{};
  for (int i = 0; i < detail::kMaxStates; ++i) dz[i] = input - detail::rate_of(ind, i) * s.z[i];
  ModalState ds;
  ds.z = dz;
  return effect ? detail::ce_mg_per_l(ind.disposition, ds) : detail::cp_mg_per_l(ind.disposition, ds);
}

// The maximum of a smooth stretch [a, b] whose slope falls from + to -: the
// root of the slope by the Illinois (modified regula falsi) method.
std::optional<std::pair<double, double>> smooth_max(const Individual& ind, const Segment& seg,
                                                    double a, double b, bool effect) {
  double fa = slope_at(ind, seg, a, effect), fb = slope_at(ind, seg, b, effect);
  if (!(fa > 0 && fb < 0)) return std::nullopt;
  int side = 0;
  for (int it = 0; it < 100 && b - a > 1e-10; ++it) {
    const double c = (a * fb - b * fa) / (fb - fa);
    const double fc = slope_at(ind, seg, c, effect);
    if (fc == 0) { a = b = c; break; }
    if (fc > 0) { a = c; fa = fc; if (side == 1) fb /= 2; side = 1; }
    else { b = c; fb = fc; if (side == -1) fa /= 2; side = -1; }
  }
  const double t = (a + b) / 2;
  return std::pair{t, value_at(ind, seg, t, effect)};
}

// Tracks the largest value over the evaluated points; a maximum that falls
// between two points of one smooth stretch is then refined exactly.
class PeakTracker {
 public:
  PeakTracker(const Individual& ind, bool effect) : ind_(ind), effect_(effect) {}
  void observe(double t, double value, bool at_event, const Segment& before) {
    if (awaiting_next_) { next_t_ = t; awaiting_next_ = false; }
    if (value > best_) {
      best_ = value; best_t_ = t; at_event_ = at_event; seg_ = before;
      awaiting_next_ = true; next_t_.reset();
    }
  }
  std::pair<double, double> result() const {  // (t_min, mg/L)
    if (at_event_ || !next_t_ || seg_.t_min >= best_t_) return {best_t_, best_};
    auto refined = smooth_max(ind_, seg_, seg_.t_min, *next_t_, effect_);
    return refined && refined->second > best_ ? *refined : std::pair{best_t_, best_};
  }

 private:
  const Individual& ind_;
  bool effect_;
  double best_ = -1, best_t_ = 0;
  bool at_event_ = true, awaiting_next_ = false;
  std::optional<double> next_t_;
  Segment seg_;
};

double crossing(const Individual& ind, const Segment& seg, double a, double b, double level) {
  const bool rising = value_at(ind, seg, a, false) < level;
  for (int it = 0; it < 60; ++it) {
    const double m = (a + b) / 2;
    ((value_at(ind, seg, m, false) < level) == rising ? a : b) = m;
  }
  return (a + b) / 2;
}

double rate_at(const Regimen& r, double t) {  // input on [t, next event)
  double rate = 0;
  for (const auto& i : r.infusions)
    if (i.start_min <= t && t < i.end_min()) rate += i.rate_mg_per_min;
  return rate;
}

void apply_doses_at(const Individual& ind, const Regimen& r, double t, ModalState& s) {
  for (const auto& b : r.boluses)
    if (b.t_min == t) detail::add_bolus(s, b.dose_mg);
  for (const auto& e : r.extravascular) {
    if (e.t_min != t) continue;
    const int k = ind.depot_index(e.route);
    if (k >= 0) s.depot_mg[k] += e.dose_mg * ind.absorption[k].bioavailability;
  }
}

double bioavailable_dose_mg(const Individual& ind, const Regimen& r) {
  double sum = 0;
  for (const auto& b : r.boluses) sum += b.dose_mg;
  for (const auto& i : r.infusions) sum += i.dose_mg();
  for (const auto& e : r.extravascular) {
    const int k = ind.depot_index(e.route);
    if (k >= 0) sum += e.dose_mg * ind.absorption[k].bioavailability;
  }
  return sum;
}

void allocate(Series& out, std::size_t n, bool effect) {
  for (auto* column : {&out.t_min, &out.cp_ng_ml, &out.central_mg, &out.peripheral2_mg,
                       &out.peripheral3_mg, &out.depot_mg, &out.eliminated_mg})
    column->resize(n);
  if (effect) out.ce_ng_ml.resize(n);
}

// The walk over the union of output times and event times.
class Walk {
 public:
  Walk(const Individual& ind, const Regimen& r, const SimulateOptions& o)
      : ind_(ind), reg_(r), opt_(o), steps_(ind), cp_peak_(ind, false), ce_peak_(ind, true) {}

  Simulation run(const std::vector<double>& times) {
    const auto events = reg_.event_times();
    allocate(out_.series, times.size(), has_effect_);
    std::size_t e = 0, o = 0;
    while (o < times.size()) {
      const double next_event = e < events.size() ? events[e] : INFINITY;
      const double t = std::min(next_event, times[o]);
      advance_to(t);
      const bool is_event = t == next_event;
      if (is_event) { on_event(t); ++e; }
      const double cp = detail::cp_mg_per_l(ind_.disposition, cur().state);
      const double ce = has_effect_ ? detail::ce_mg_per_l(ind_.disposition, cur().state) : 0;
      observe(t, is_event, cp, ce);
      if (t == times[o]) { record(o, t, cp, ce); ++o; }
    }
    finish();
    return std::move(out_);
  }

 private:
  // The two segments alternate roles so the previous one is kept without a copy.
  Segment& cur() { return seg_[cur_]; }
  const Segment& prev() const { return seg_[cur_ ^ 1]; }

  void advance_to(double t) {
    const Segment& from = seg_[cur_];
    Segment& to = seg_[cur_ ^ 1];
    to.rate_mg_per_min = from.rate_mg_per_min;
    to.t_min = t;
    if (t > from.t_min) auc_ += steps_.get(t - from.t_min).advance(from.state, to.state, from.rate_mg_per_min);
    else to.state = from.state;
    cur_ ^= 1;
    if (opt_.threshold_ng_ml)
      accumulate_time_above(detail::cp_mg_per_l(ind_.disposition, cur().state) * kNgPerMlPerMgPerL);
  }

  void on_event(double t) {
    apply_doses_at(ind_, reg_, t, cur().state);
    cur().rate_mg_per_min = rate_at(reg_, t);
    const double cp = detail::cp_mg_per_l(ind_.disposition, cur().state);
    for (const auto& inf : reg_.infusions)
      if (inf.end_min() == t) out_.summary.infusion_ends.push_back({t, cp * kNgPerMlPerMgPerL});
  }

  void observe(double t, bool is_event, double cp, double ce) {
    cp_peak_.observe(t, cp, is_event, prev());
    if (has_effect_) ce_peak_.observe(t, ce, is_event, prev());
    last_cp_ng_ml_ = cp * kNgPerMlPerMgPerL;
  }

  void record(std::size_t k, double t, double cp, double ce) {
    const auto& d = ind_.disposition;
    const auto& z = cur().state.z;
    auto& out = out_.series;
    out.t_min[k] = t;
    out.cp_ng_ml[k] = cp * kNgPerMlPerMgPerL;
    if (has_effect_) out.ce_ng_ml[k] = ce * kNgPerMlPerMgPerL;
    out.central_mg[k] = d.amount_coef[0][0] * z[0] + d.amount_coef[0][1] * z[1] + d.amount_coef[0][2] * z[2];
    out.peripheral2_mg[k] = d.amount_coef[1][0] * z[0] + d.amount_coef[1][1] * z[1] + d.amount_coef[1][2] * z[2];
    out.peripheral3_mg[k] = d.amount_coef[2][0] * z[0] + d.amount_coef[2][1] * z[1] + d.amount_coef[2][2] * z[2];
    double depot = 0;
    for (double a : cur().state.depot_mg) depot += a;
    out.depot_mg[k] = depot;
    out.eliminated_mg[k] = d.cl_l_per_min * auc_;
  }

  // Between two evaluated points the input is constant, so a crossing of the
  // threshold is located exactly by bisection on the closed-form solution.
  void accumulate_time_above(double cp_end_ng_ml) {
    if (!opt_.threshold_ng_ml || cur().t_min <= prev().t_min) return;
    const double level = *opt_.threshold_ng_ml;
    const bool a = last_cp_ng_ml_ >= level, b = cp_end_ng_ml >= level;
    const double lo = prev().t_min, hi = cur().t_min;
    if (a && b) time_above_ += hi - lo;
    else if (a != b) {
      const double x = crossing(ind_, prev(), lo, hi, level / kNgPerMlPerMgPerL);
      time_above_ += a ? x - lo : hi - x;
    }
  }

  void finish() {
    auto& s = out_.summary;
    auto [tmax, cmax] = cp_peak_.result();
    s.cmax_ng_ml = cmax * kNgPerMlPerMgPerL;
    s.tmax_min = tmax;
    if (ind_.disposition.ke0_per_min) s.ce_max_ng_ml = ce_peak_.result().second * kNgPerMlPerMgPerL;
    s.auc_0_t_ng_h_ml = auc_ * kNgPerMlPerMgPerL / 60;
    s.auc_inf_ng_h_ml = bioavailable_dose_mg(ind_, reg_) / ind_.disposition.cl_l_per_min *
                        kNgPerMlPerMgPerL / 60;
    if (opt_.threshold_ng_ml) { s.threshold_ng_ml = opt_.threshold_ng_ml; s.time_above_min = time_above_; }
  }

  const Individual& ind_;
  const Regimen& reg_;
  const SimulateOptions& opt_;
  const bool has_effect_ = ind_.disposition.ke0_per_min.has_value();
  StepCache steps_;
  Segment seg_[2];
  int cur_ = 0;
  double auc_ = 0;  // mg*min/L
  double time_above_ = 0;
  double last_cp_ng_ml_ = 0;
  PeakTracker cp_peak_, ce_peak_;
  Simulation out_;
};

}  // namespace

Result<Simulation> simulate(const Individual& ind, const Regimen& regimen,
                            const std::vector<double>& times_min, const SimulateOptions& options) {
  if (times_min.empty())
    return fail(ErrorCode::invalid_argument, "times", "times: at least one output time is needed");
  for (std::size_t i = 0; i < times_min.size(); ++i) {
    const double t = times_min[i];
    if (!std::isfinite(t) || t < 0 || (i > 0 && t <= times_min[i - 1]))
      return fail(ErrorCode::invalid_argument, "times",
                  "times: output times must be finite, >= 0 and strictly increasing");
  }
  return Walk(ind, regimen, options).run(times_min);
}

Result<std::vector<double>> uniform_grid(double until_min, double step_min) {
  if (!(step_min > 0) || !std::isfinite(step_min))
    return fail(ErrorCode::invalid_argument, "step", "step: must be a positive duration");
  if (!(until_min > 0) || !std::isfinite(until_min))
    return fail(ErrorCode::invalid_argument, "until", "until: must be a positive duration");
  const double n = std::floor(until_min / step_min + 1e-9);
  if (n > 1e6)
    return fail(ErrorCode::invalid_argument, "step",
                fmt::format("step: {:.0f} output points are too many (at most 1,000,000)", n));
  std::vector<double> grid;
  grid.reserve(static_cast<std::size_t>(n) + 2);
  for (std::size_t k = 0; k <= static_cast<std::size_t>(n); ++k) grid.push_back(static_cast<double>(k) * step_min);
  if (until_min - grid.back() > 1e-9 * until_min) grid.push_back(until_min);
  return grid;
}

}  // namespace kc::pharm
