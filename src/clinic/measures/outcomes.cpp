#include "clinic/measures/outcomes.h"

#include <fmt/format.h>

namespace kc::measures {
namespace {

Result<void> check_history(const Instrument& ins, const std::vector<ScorePoint>& history, std::size_t baseline) {
  if (!ins.scoring.total)
    return fail(ErrorCode::invalid_argument, "instrument", fmt::format("instrument: {} has no total score", ins.id));
  if (history.empty()) return fail(ErrorCode::invalid_argument, "history", "history: needs at least one score");
  if (baseline >= history.size())
    return fail(ErrorCode::invalid_argument, "baseline",
                fmt::format("baseline: index {} is past the {} scores", baseline, history.size()));
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (history[i].total < 0 || history[i].total > ins.max_total()) {
      const std::string field = fmt::format("history[{}].total", i);
      return fail(ErrorCode::invalid_argument, field,
                  fmt::format("{}: {} is outside 0-{}", field, history[i].total, ins.max_total()));
    }
    if (i > 0 && history[i].at < history[i - 1].at) {
      const std::string field = fmt::format("history[{}].at", i);
      return fail(ErrorCode::invalid_argument, field, fmt::format("{}: is earlier than the score before it", field));
    }
  }
  return {};
}

// Integer arithmetic for the percent rule so exactly 50 % counts (20 -> 10, §9.7 R1).
bool responded(const ResponseRule& rule, int baseline, int total) {
  const double reduction = baseline - total;
  if (rule.kind == ResponseKind::point_reduction) return reduction >= rule.at_least;
  return reduction * 100.0 >= rule.at_least * baseline;
}

OutcomePoint point_at(const OutcomeDefinition& def, const ScorePoint& p, int baseline, bool after_baseline) {
  OutcomePoint out{p.at, p.total, false, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  if (def.remission) out.remission = def.remission->threshold.holds(p.total);
  if (!after_baseline) return out;
  out.change = p.total - baseline;
  if (baseline > 0) out.percent_change = 100.0 * (p.total - baseline) / baseline;
  if (def.response && baseline > 0) out.response = responded(*def.response, baseline, p.total);
  return out;
}

}  // namespace

Result<OutcomeSeries> compute_outcomes(const Instrument& ins, const std::vector<ScorePoint>& history,
                                       std::size_t baseline_index) {
  if (auto ok = check_history(ins, history, baseline_index); !ok) return std::unexpected(ok.error());
  const OutcomeDefinition& def = ins.outcomes;
  OutcomeSeries series;
  series.instrument = ins.id;
  series.baseline_index = baseline_index;
  series.baseline_total = history[baseline_index].total;
  if (def.metric_baseline) series.in_metric_denominator = def.metric_baseline->threshold.holds(series.baseline_total);
  if (series.baseline_total == 0 && def.response)
    series.notes.push_back("response not computed: the baseline is 0");
  if (!def.response) series.notes.push_back(fmt::format("{} defines no response rule", ins.id));
  for (std::size_t i = 0; i < history.size(); ++i) {
    OutcomePoint p = point_at(def, history[i], series.baseline_total, i > baseline_index);
    if (i == baseline_index) {
      p.is_baseline = true;
      p.change = 0;
      if (series.baseline_total > 0) p.percent_change = 0.0;
    }
    series.points.push_back(std::move(p));
  }
  return series;
}

}  // namespace kc::measures
