#pragma once
// The merged sequence of output times and dose events that every virtual
// patient of a population walks through. Amounts are split into a fixed part
// and a per-kg part (for the typical weight) that scales with each patient's
// weight.
#include <utility>
#include <vector>

#include "pharm/model.h"
#include "pharm/regimen.h"

namespace kc::pharm::detail {

struct TimelinePoint {
  double t = 0;
  int dt_index = -1;   // step from the previous point (index into Timeline::dts); -1 at t = 0
  int output = -1;     // index into the output times, or -1 for an event-only point
  bool event = false;
  double rate_fixed = 0, rate_scaled = 0;   // mg/min on [t, next point), set at events
  double bolus_fixed = 0, bolus_scaled = 0;
  std::vector<std::pair<int, double>> depot_fixed, depot_scaled;  // (route index, mg before F)
  bool infusion_ends = false;
};

struct Timeline {
  std::vector<TimelinePoint> points;
  std::vector<double> dts;
  double bioavailable_fixed_mg = 0, bioavailable_scaled_mg = 0;  // AUC(0-inf) = F dose / CL
  // Bioavailable drug given up to the last output time; with the amount still in
  // the body and the depots then, it yields AUC(0-t) by mass balance.
  double given_by_end_fixed_mg = 0, given_by_end_scaled_mg = 0;
};

Timeline make_timeline(const Regimen& r, const ModelSpec& spec, const std::vector<double>& times);

}  // namespace kc::pharm::detail
