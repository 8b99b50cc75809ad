#include "clinic/measures/scoring.h"

#include <fmt/format.h>

#include "clinic/measures/detail/risk.h"

namespace kc::measures {

std::optional<BandResult> band_for(const Instrument& ins, int total) {
  for (const Band& b : ins.scoring.bands)
    if (total >= b.min && total <= b.max) return BandResult{b.id, b.label};
  return std::nullopt;
}

namespace {

struct TotalParts {
  int sum = 0;  // of the answered total items
  std::vector<std::size_t> missing;
};

TotalParts sum_total(const Instrument& ins, const Answers& answers) {
  TotalParts parts;
  for (std::size_t i : ins.scoring.total->items) {
    if (answers[i]) parts.sum += *answers[i];
    else parts.missing.push_back(i);
  }
  return parts;
}

// Mean substitution rounded half up, in integers: round(sum * n / answered).
int prorate(int sum, int n, int answered) { return (2 * sum * n + answered) / (2 * answered); }

std::vector<std::size_t> missing_items(const Instrument& ins, const Answers& answers, int answered_sum,
                                       std::vector<std::string>& notes) {
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < ins.items.size(); ++i)
    if (!answers[i] && ins.items[i].required && is_enabled(ins, answers, i)) missing.push_back(i);
  for (const auto& req : ins.scoring.conditionally_required) {
    if (answers[req.item] || answered_sum <= req.when_total_above) continue;
    missing.push_back(req.item);
    notes.push_back(fmt::format("{} is required because the total is above {}", ins.items[req.item].link_id,
                                req.when_total_above));
  }
  return missing;
}

// The first missing scored item that a flag rule watches: such an item is
// never imputed, since a prorated total would stand in for an unasked suicide
// question (issue 11; the flag for the blank answer is raised instead).
const Item* missing_safety_item(const Instrument& ins, const std::vector<std::size_t>& missing) {
  for (std::size_t i : missing)
    for (const ItemFlagRule& rule : ins.scoring.flags)
      if (rule.item == i) return &ins.items[i];
  return nullptr;
}

// Reports the total when every scored item is answered — also when only an
// unscored item is blank (PHQ-9 item 10: the form is incomplete, but hiding a
// high total is unsafe, test vector P13) — or prorated when the rule allows it.
void fill_total(const Instrument& ins, const TotalParts& parts, ScoreResult& out) {
  const int n = static_cast<int>(ins.scoring.total->items.size());
  const int n_missing = static_cast<int>(parts.missing.size());
  if (n_missing == 0) {
    out.total = parts.sum;
    if (!out.complete) out.notes.push_back("form incomplete: the total of the scored items is reported");
    return;
  }
  const auto& rule = ins.scoring.missing;
  if (rule.rule != MissingRule::prorate) {
    out.notes.push_back("total not reported: the questionnaire is incomplete");
    return;
  }
  if (const Item* safety = missing_safety_item(ins, parts.missing)) {
    out.notes.push_back(fmt::format("total not reported: {} is a safety item and is never imputed", safety->link_id));
    return;
  }
  if (n_missing > rule.proration->max_missing) {
    out.notes.push_back(fmt::format("total not reported: more than {} items missing", rule.proration->max_missing));
    return;
  }
  out.total = prorate(parts.sum, n, n - n_missing);
  out.prorated = true;
  out.notes.push_back(fmt::format("total prorated from {} of {} items: mean of the answered items, rounded half up",
                                  n - n_missing, n));
}

// Decided only when every item of every group is answered, whatever the group order.
std::optional<bool> count_met(const SymptomCount& rule, const Answers& answers) {
  for (const auto& g : rule.groups)
    for (std::size_t i : g.items)
      if (!answers[i]) return std::nullopt;
  for (const auto& g : rule.groups) {
    int endorsed = 0;
    for (std::size_t i : g.items) endorsed += *answers[i] >= rule.endorsement_level(i) ? 1 : 0;
    if (endorsed < g.min || (g.max && endorsed > *g.max)) return false;
  }
  return true;
}

// Cut-points are decided on a reported total; a symptom count (the PHQ-9's
// diagnostic algorithm) only on a complete form: an incomplete PHQ-9 has no
// algorithm result (test vector P13), and a prorated one only its cut-points.
void fill_criteria(const Instrument& ins, const Answers& answers, ScoreResult& out) {
  for (const Criterion& c : ins.scoring.criteria) {
    CriterionResult r{c.id, c.label, c.source, std::nullopt};
    if (out.total) {
      if (const auto* cut = std::get_if<CutPoint>(&c.rule)) r.met = *out.total >= cut->total_at_least;
      else if (out.complete) r.met = count_met(std::get<SymptomCount>(c.rule), answers);
    }
    out.criteria.push_back(std::move(r));
  }
}

void fill_subscales(const Instrument& ins, const Answers& answers, ScoreResult& out) {
  for (const Subscale& s : ins.scoring.subscales) {
    SubscaleResult r{s.id, s.label, 0, 0};
    for (std::size_t i : s.items) {
      r.max += ins.items[i].max_value;
      if (!answers[i]) r.score.reset();
      else if (r.score) *r.score += *answers[i];
    }
    out.subscales.push_back(std::move(r));
  }
}

void fill_flags(const Instrument& ins, const Answers& answers, ScoreResult& out) {
  for (const ItemFlagRule& rule : ins.scoring.flags) {
    if (rule.raised_by(answers[rule.item], is_enabled(ins, answers, rule.item)))
      out.flags.push_back(raise(rule.flag, ins.items[rule.item].link_id));
  }
}

}  // namespace

Result<ScoreResult> score(const Instrument& ins, const Answers& answers, FieldStyle style) {
  if (auto ok = check_answers(ins, answers, style); !ok) return std::unexpected(ok.error());
  ScoreResult out;
  out.instrument = ins.id;
  out.max_total = ins.max_total();
  TotalParts parts;
  if (ins.scoring.total) parts = sum_total(ins, answers);
  const auto missing = missing_items(ins, answers, parts.sum, out.notes);
  for (std::size_t i : missing) out.missing.push_back(ins.items[i].link_id);
  out.complete = missing.empty();
  if (ins.scoring.total) {
    fill_total(ins, parts, out);
    if (out.total) out.band = band_for(ins, *out.total);
  }
  fill_subscales(ins, answers, out);
  fill_criteria(ins, answers, out);
  fill_flags(ins, answers, out);
  if (ins.scoring.risk) detail::assess_risk(ins, answers, out);
  return out;
}

}  // namespace kc::measures
