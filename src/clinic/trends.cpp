// Questionnaires::trend: score history, change from baseline, response, remission.
#include <fmt/format.h>

#include "clinic/questionnaires.h"

namespace kc::clinic {

Result<Trend> Questionnaires::trend(Id patient_id, std::string_view instrument_id) {
  auto ins = instrument(instrument_id, "instrument");
  if (!ins) return std::unexpected(ins.error());
  if (!(*ins)->scoring.total)
    return fail(ErrorCode::invalid_argument, "instrument",
                fmt::format("instrument: {} has no total score to trend", instrument_id));
  if (auto p = patients_.patient(patient_id); !p) return std::unexpected(p.error());
  auto current = store_.current_submissions(patient_id, (*ins)->id);
  if (!current) return std::unexpected(current.error());
  Trend trend;
  trend.instrument = *ins;
  std::vector<measures::ScorePoint> history;
  std::vector<const Submission*> scored;
  for (const auto& s : *current) {
    if (!s.score.total) {
      trend.notes.push_back(fmt::format("submission {} is incomplete and has no total", s.id));
      continue;
    }
    history.push_back({s.answered_at, *s.score.total});
    scored.push_back(&s);
  }
  if (history.empty()) return trend;
  // The baseline is the first submission with a total: the intake, before treatment.
  auto series = measures::compute_outcomes(**ins, history, 0);
  if (!series) return std::unexpected(series.error());
  trend.baseline_submission = scored.front()->id;
  trend.in_metric_denominator = series->in_metric_denominator;
  trend.notes.insert(trend.notes.end(), series->notes.begin(), series->notes.end());
  for (std::size_t i = 0; i < scored.size(); ++i)
    trend.points.push_back({scored[i]->id, scored[i]->score.band, series->points[i]});
  return trend;
}

}  // namespace kc::clinic
