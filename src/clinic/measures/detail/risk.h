#pragma once
// Categorical risk from yes/no items (C-SSRS screener tiers,
// docs/sources.md#cssrs), shared by scoring.cpp.
#include "clinic/measures/answers.h"
#include "clinic/measures/instrument.h"
#include "clinic/measures/scoring.h"

namespace kc::measures::detail {

// Sets out.risk and appends the tier's flag. The first tier (highest first) with
// a "yes" among its items applies (a lower bound if items are unanswered and a
// higher tier exists). When no tier applies the risk is the
// instrument's "none" only if the screener is complete; otherwise it is unknown.
void assess_risk(const Instrument& instrument, const Answers& answers, ScoreResult& out);

}  // namespace kc::measures::detail
