#include "clinic/measures/detail/risk.h"

#include <fmt/format.h>

namespace kc::measures::detail {
namespace {

bool any_yes(const RiskTier& tier, const Answers& answers) {
  for (std::size_t i : tier.when_any_yes)
    if (answers[i] && *answers[i] == 1) return true;
  return false;
}

}  // namespace

void assess_risk(const Instrument& ins, const Answers& answers, ScoreResult& out) {
  const RiskTiers& risk = *ins.scoring.risk;
  for (const RiskTier& tier : risk.tiers) {
    if (!any_yes(tier, answers)) continue;
    // Unanswered items can only raise the tier, and nothing is above the first.
    const bool lower_bound = !out.complete && &tier != &risk.tiers.front();
    out.risk = RiskResult{tier.id, tier.label, tier.action, lower_bound};
    if (tier.flag) out.flags.push_back(raise(*tier.flag, tier.id));
    if (lower_bound) out.notes.push_back(fmt::format("risk is at least '{}': some items are unanswered", tier.id));
    return;
  }
  if (out.complete) out.risk = RiskResult{risk.none_id, risk.none_label, "", false};
  else out.notes.push_back("risk not assessed: the screener is incomplete");
}

}  // namespace kc::measures::detail
