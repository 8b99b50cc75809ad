#pragma once
// Trends and outcomes of one patient on one instrument: change from baseline,
// response and remission at every point of the score history, per the
// instrument's definitions (in its data file).
//
// The baseline is chosen explicitly (by default the first score, the first
// pre-treatment score of the reference's implementation notes) and returned
// with the series so it can be stored. Response is not computed when the
// baseline is 0. Remission depends on the score alone and is
// given at every point, the baseline included.
//
// Fails (ErrorCode::invalid_argument) on an empty or unordered history
// ("history[3].at"), a total outside the instrument's range
// ("history[3].total") or a baseline index past the end ("baseline").
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clinic/measures/instrument.h"
#include "core/error.h"

namespace kc::measures {

struct ScorePoint {
  std::chrono::sys_seconds at;
  int total = 0;
};

struct OutcomePoint {
  std::chrono::sys_seconds at;
  int total = 0;
  bool is_baseline = false;
  std::optional<int> change;             // total - baseline; absent before the baseline
  std::optional<double> percent_change;  // 100 * change / baseline; absent when baseline = 0
  std::optional<bool> response;          // absent at/before the baseline, when baseline = 0, or undefined
  std::optional<bool> remission;         // absent when the instrument defines none
};

struct OutcomeSeries {
  std::string instrument;
  std::size_t baseline_index = 0;
  int baseline_total = 0;
  // Whether the baseline enters the instrument's quality-measure denominator
  // (PHQ-9: baseline > 9, MNCM/NCQA); absent when the instrument has no such rule.
  std::optional<bool> in_metric_denominator;
  std::vector<OutcomePoint> points;
  std::vector<std::string> notes;
};

Result<OutcomeSeries> compute_outcomes(const Instrument& instrument, const std::vector<ScorePoint>& history,
                                       std::size_t baseline_index = 0);

}  // namespace kc::measures
