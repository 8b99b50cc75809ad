#pragma once
// Scores one submission of an instrument exactly per its rules (its data file).
//
// Completeness: an enabled required item left blank, or a conditionally
// required item (PHQ-9 item 10 once the total is > 0), makes the result
// incomplete. An incomplete result reports no total, band or criteria unless
// the instrument's missing-item rule is `prorate` and only total items are
// missing, no more than its limit. Subscales are reported when all their own
// items are answered.
//
// Safety flags and risk are computed from the answered items whatever the
// completeness: a risk tier found on a partial screener is a lower bound.
//
// Fails (ErrorCode::invalid_argument, field naming the item) only on bad
// answers; see answers.h.
#include <optional>
#include <string>
#include <vector>

#include "clinic/measures/answers.h"
#include "clinic/measures/instrument.h"
#include "clinic/measures/safety.h"

namespace kc::measures {

struct BandResult {
  std::string id, label;
};

struct SubscaleResult {
  std::string id, label;
  std::optional<int> score;  // absent when one of its items is unanswered
  int max = 0;
};

struct CriterionResult {
  std::string id, label, source;
  std::optional<bool> met;  // absent when it cannot be decided (missing items)
};

struct RiskResult {
  std::string id, label, action;
  bool lower_bound = false;  // items were unanswered and a higher tier exists: the true tier may be higher
};

struct ScoreResult {
  std::string instrument;
  bool complete = false;
  std::optional<int> total;
  int max_total = 0;
  bool prorated = false;
  std::optional<BandResult> band;
  std::vector<SubscaleResult> subscales;
  std::vector<CriterionResult> criteria;
  std::optional<RiskResult> risk;
  std::vector<SafetyFlag> flags;
  std::vector<std::string> missing;  // link ids of items that should have been answered
  std::vector<std::string> notes;    // why something was not reported
};

Result<ScoreResult> score(const Instrument& instrument, const Answers& answers,
                          FieldStyle style = FieldStyle::position);

// The band containing `total`, if the instrument has bands and total is in range.
std::optional<BandResult> band_for(const Instrument& instrument, int total);

}  // namespace kc::measures
