#pragma once
// A batch of virtual patients ("lanes") walked through the timeline together,
// time point by time point, with every per-patient quantity stored as a
// structure of arrays. The lane loops vectorise (in single precision: the
// population's percentiles are read at 0.54 % resolution, far above float's
// 1e-7), and the histogram row of each output time stays in cache while all
// lanes add to it. AUC(0-t) comes from mass balance at the end, so the walk
// itself only updates the modal states.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "pharm/detail/histogram.h"
#include "pharm/detail/step.h"
#include "pharm/detail/timeline.h"

namespace kc::pharm::detail {

inline constexpr int kLaneMetrics = 6;  // cmax, tmax, auc 0-t, auc 0-inf, c at end of infusion, time above
using LaneMetrics = std::array<double, kLaneMetrics>;

class Lanes {
 public:
  static constexpr std::size_t kCapacity = 2048;
  // Padded so that columns do not start a multiple of 4 KiB apart, where the
  // many streams of a lane loop would share cache sets and evict each other.
  using Column = std::array<float, kCapacity + 16>;

  Lanes(const Timeline& tl, bool effect, int depots, std::optional<double> threshold_ng_ml);

  void add(const Individual& ind, double weight_scale);
  std::size_t size() const { return n_; }
  // Walks all lanes, adds Cp (and Ce) at every output time to the histograms,
  // appends each lane's metrics to `out` in the order added, and empties the batch.
  void run(LogHistogram& cp, LogHistogram* ce, std::vector<LaneMetrics>& out);

  struct StepColumns {  // one per distinct interval length of the timeline
    std::array<Column, kMaxStates> decay, rate_gain;
    std::array<Column, kMaxDepots> depot_decay;
    std::array<std::array<Column, kMaxStates>, kMaxDepots> depot_gain;
  };
  struct State {
    std::array<Column, kMaxStates> z;
    std::array<Column, kMaxDepots> depot;
    Column rate, cp, cmax, tmax, c_end, above, prev_cp;
  };

 private:
  void reset_state();
  void apply_event(const TimelinePoint& p);
  void observe(const TimelinePoint& p, double prev_t, LogHistogram& cp, LogHistogram* ce);
  LaneMetrics metrics(std::size_t j) const;

  const Timeline& tl_;
  bool effect_;
  int depots_;
  std::optional<double> threshold_;
  std::size_t n_ = 0;
  std::vector<StepColumns> steps_;
  std::array<Column, kMaxModes> cp_coef_, body_coef_;
  std::array<Column, kMaxStates> ce_coef_;
  std::array<double, kMaxDepots> bioavailability_{};
  Column scale_, cl_;
  State s_;
  Column ce_now_;
  std::array<std::int32_t, Column().size()> bins_;
};

}  // namespace kc::pharm::detail
