#include "pharm/detail/timeline.h"

#include <algorithm>
#include <cmath>

namespace kc::pharm::detail {
namespace {

int dt_slot(std::vector<double>& dts, double dt) {
  for (std::size_t i = 0; i < dts.size(); ++i)
    if (std::abs(dts[i] - dt) <= 1e-12 * std::max(dt, 1.0)) return static_cast<int>(i);
  dts.push_back(dt);
  return static_cast<int>(dts.size() - 1);
}

// Routes are indexed in the model's route order, the order of Individual::absorption.
int route_index(const ModelSpec& spec, Route route) {
  return static_cast<int>(std::distance(spec.routes.begin(), spec.routes.find(route)));
}

void fill_event(TimelinePoint& p, const Regimen& r, const ModelSpec& spec) {
  p.event = true;
  for (const auto& b : r.boluses)
    if (b.t_min == p.t) (b.per_kg ? p.bolus_scaled : p.bolus_fixed) += b.dose_mg;
  for (const auto& i : r.infusions) {
    if (i.start_min <= p.t && p.t < i.end_min()) (i.per_kg ? p.rate_scaled : p.rate_fixed) += i.rate_mg_per_min;
    if (i.end_min() == p.t) p.infusion_ends = true;
  }
  for (const auto& e : r.extravascular)
    if (e.t_min == p.t) (e.per_kg ? p.depot_scaled : p.depot_fixed).push_back({route_index(spec, e.route), e.dose_mg});
}

void add_bioavailable(Timeline& tl, const Regimen& r, const ModelSpec& spec) {
  auto add = [&](bool per_kg, double mg) { (per_kg ? tl.bioavailable_scaled_mg : tl.bioavailable_fixed_mg) += mg; };
  for (const auto& b : r.boluses) add(b.per_kg, b.dose_mg);
  for (const auto& i : r.infusions) add(i.per_kg, i.dose_mg());
  for (const auto& e : r.extravascular) add(e.per_kg, e.dose_mg * spec.routes.at(e.route).bioavailability.value);
}

void add_given_by_end(Timeline& tl, const ModelSpec& spec) {
  double rate_fixed = 0, rate_scaled = 0, prev = 0;
  for (const auto& p : tl.points) {
    tl.given_by_end_fixed_mg += rate_fixed * (p.t - prev);
    tl.given_by_end_scaled_mg += rate_scaled * (p.t - prev);
    prev = p.t;
    if (!p.event) continue;
    tl.given_by_end_fixed_mg += p.bolus_fixed;
    tl.given_by_end_scaled_mg += p.bolus_scaled;
    const auto f = [&](int route) { return std::next(spec.routes.begin(), route)->second.bioavailability.value; };
    for (auto [r, mg] : p.depot_fixed) tl.given_by_end_fixed_mg += mg * f(r);
    for (auto [r, mg] : p.depot_scaled) tl.given_by_end_scaled_mg += mg * f(r);
    rate_fixed = p.rate_fixed;
    rate_scaled = p.rate_scaled;
  }
}

}  // namespace

Timeline make_timeline(const Regimen& r, const ModelSpec& spec, const std::vector<double>& times) {
  const auto events = r.event_times();
  Timeline tl;
  std::size_t e = 0, o = 0;
  double prev = 0;
  while (o < times.size()) {
    TimelinePoint p;
    p.t = std::min(e < events.size() ? events[e] : INFINITY, times[o]);
    p.dt_index = p.t > prev ? dt_slot(tl.dts, p.t - prev) : -1;
    if (e < events.size() && events[e] == p.t) { fill_event(p, r, spec); ++e; }
    if (times[o] == p.t) p.output = static_cast<int>(o++);
    prev = p.t;
    tl.points.push_back(std::move(p));
  }
  add_bioavailable(tl, r, spec);
  add_given_by_end(tl, spec);
  return tl;
}

}  // namespace kc::pharm::detail
