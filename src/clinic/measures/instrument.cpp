#include "clinic/measures/instrument.h"

#include <fmt/format.h>

#include <set>

namespace kc::measures {

int SymptomCount::endorsement_level(std::size_t item) const {
  for (const auto& [i, level] : overrides)
    if (i == item) return level;
  return endorsed_at_least;
}

std::optional<std::size_t> Instrument::index_of(std::string_view link_id) const {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].link_id == link_id) return i;
  return std::nullopt;
}

int Instrument::max_total() const {
  if (!scoring.total) return 0;
  int sum = 0;
  for (std::size_t i : scoring.total->items) sum += items[i].max_value;
  return sum;
}

namespace {

std::unexpected<Error> invalid(std::string field, std::string_view what) {
  std::string message = fmt::format("{}: {}", field, what);
  return fail(ErrorCode::invalid_argument, std::move(field), std::move(message));
}

Result<void> check_item(const Instrument& ins, std::size_t i) {
  const Item& item = ins.items[i];
  const std::string at = fmt::format("item[{}]", i);
  if (item.link_id.empty()) return invalid(at + ".linkId", "is required");
  if (item.min_value > item.max_value) return invalid(at, "has an empty answer range");
  if (!item.text.empty() && !ins.licence.item_text_shipped)
    return invalid(at + ".text", "must be absent: the licence does not allow shipping this instrument's item text");
  if (item.type == ItemType::choice && item.options.empty()) return invalid(at + ".answerOption", "is required for a choice item");
  if (item.type != ItemType::choice && !item.options.empty())
    return invalid(at + ".answerOption", "is only allowed on choice items");
  if (item.enable_when) {
    const EnableWhen& w = *item.enable_when;
    if (w.question >= i) return invalid(at + ".enableWhen", "must refer to an earlier item");
    const Item& q = ins.items[w.question];
    if (w.equals < q.min_value || w.equals > q.max_value) return invalid(at + ".enableWhen", "answer is outside the question's range");
  }
  return {};
}

Result<void> check_items(const Instrument& ins) {
  if (ins.items.empty()) return invalid("item", "must list at least one item");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ins.items.size(); ++i) {
    if (auto ok = check_item(ins, i); !ok) return ok;
    if (!seen.insert(ins.items[i].link_id).second)
      return invalid(fmt::format("item[{}].linkId", i), fmt::format("'{}' is used twice", ins.items[i].link_id));
  }
  return {};
}

// Bands must tile 0..max total with no gap or overlap, so every total has exactly one.
Result<void> check_bands(const Instrument& ins) {
  const auto& bands = ins.scoring.bands;
  if (bands.empty()) return {};
  if (!ins.scoring.total) return invalid("scoring.bands", "needs a total");
  int next = 0;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    if (bands[b].min != next || bands[b].max < bands[b].min)
      return invalid(fmt::format("scoring.bands.ranges[{}]", b), fmt::format("must start at {} and not be empty", next));
    next = bands[b].max + 1;
  }
  if (next != ins.max_total() + 1)
    return invalid("scoring.bands.ranges", fmt::format("must end at the maximum total {}", ins.max_total()));
  return {};
}

Result<void> check_criteria(const Instrument& ins) {
  for (std::size_t c = 0; c < ins.scoring.criteria.size(); ++c) {
    const std::string at = fmt::format("scoring.criteria[{}]", c);
    const auto& rule = ins.scoring.criteria[c].rule;
    if (const auto* cut = std::get_if<CutPoint>(&rule)) {
      if (!ins.scoring.total) return invalid(at, "a cut-point needs a total");
      if (cut->total_at_least < 0 || cut->total_at_least > ins.max_total()) return invalid(at, "cut-point is outside the total's range");
      continue;
    }
    const auto& count = std::get<SymptomCount>(rule);
    if (count.groups.empty()) return invalid(at + ".groups", "must list at least one group");
    for (std::size_t g = 0; g < count.groups.size(); ++g) {
      const auto& group = count.groups[g];
      const int size = static_cast<int>(group.items.size());
      if (size == 0 || group.min < 0 || group.min > size || (group.max && (*group.max < group.min || *group.max > size)))
        return invalid(fmt::format("{}.groups[{}]", at, g), "needs items and 0 <= min <= max <= number of items");
    }
  }
  return {};
}

Result<void> check_flags_and_risk(const Instrument& ins) {
  for (std::size_t f = 0; f < ins.scoring.flags.size(); ++f) {
    const auto& rule = ins.scoring.flags[f];
    const Item& item = ins.items[rule.item];
    if (rule.at_least < item.min_value || rule.at_least > item.max_value)
      return invalid(fmt::format("scoring.flags[{}].at_least", f), "is outside the item's range");
    if (rule.below && (*rule.below <= rule.at_least || *rule.below > item.max_value))
      return invalid(fmt::format("scoring.flags[{}].below", f), "must be above at_least and within the item's range");
  }
  if (!ins.scoring.risk) return {};
  if (ins.scoring.risk->tiers.empty()) return invalid("scoring.risk.tiers", "must list at least one tier");
  for (std::size_t t = 0; t < ins.scoring.risk->tiers.size(); ++t)
    for (std::size_t i : ins.scoring.risk->tiers[t].when_any_yes)
      if (ins.items[i].type != ItemType::boolean)
        return invalid(fmt::format("scoring.risk.tiers[{}].when_any_yes", t), fmt::format("'{}' is not a yes/no item", ins.items[i].link_id));
  return {};
}

Result<void> check_missing_rule(const Instrument& ins) {
  const auto& m = ins.scoring.missing;
  if (m.rule == MissingRule::prorate && !m.proration) return invalid("scoring.missing_items.proration", "is required for rule prorate");
  if (m.proration && ins.scoring.total) {
    const int n = static_cast<int>(ins.scoring.total->items.size());
    if (m.proration->max_missing < 1 || m.proration->max_missing >= n)
      return invalid("scoring.missing_items.proration.max_missing", "must be at least 1 and leave one item answered");
  }
  for (std::size_t r = 0; r < ins.scoring.conditionally_required.size(); ++r) {
    const std::string at = fmt::format("scoring.conditionally_required[{}]", r);
    if (!ins.scoring.total) return invalid(at, "needs a total");
    const std::size_t item = ins.scoring.conditionally_required[r].item;
    if (ins.items[item].required) return invalid(at, "refers to an item that is always required");
    for (std::size_t i : ins.scoring.total->items)
      if (i == item) return invalid(at, "refers to an item of the total");
  }
  return {};
}

Result<void> check_outcomes(const Instrument& ins) {
  const auto& o = ins.outcomes;
  if ((o.response || o.remission || o.metric_baseline) && !ins.scoring.total) return invalid("outcomes", "need a total");
  if (o.response && !(o.response->at_least > 0)) return invalid("outcomes.response.at_least", "must be positive");
  return {};
}

// Rules address items by position; an instrument built in code must not point past the end.
Result<void> check_indices(const Instrument& ins) {
  std::vector<std::pair<std::string, std::size_t>> refs;
  const Scoring& s = ins.scoring;
  if (s.total)
    for (std::size_t i : s.total->items) refs.emplace_back("scoring.total.items", i);
  for (const auto& sub : s.subscales)
    for (std::size_t i : sub.items) refs.emplace_back("scoring.subscales", i);
  for (const auto& c : s.criteria)
    if (const auto* count = std::get_if<SymptomCount>(&c.rule)) {
      for (const auto& g : count->groups)
        for (std::size_t i : g.items) refs.emplace_back("scoring.criteria", i);
      for (const auto& [i, level] : count->overrides) refs.emplace_back("scoring.criteria", i);
    }
  for (const auto& f : s.flags) refs.emplace_back("scoring.flags", f.item);
  for (const auto& r : s.conditionally_required) refs.emplace_back("scoring.conditionally_required", r.item);
  if (s.risk)
    for (const auto& t : s.risk->tiers)
      for (std::size_t i : t.when_any_yes) refs.emplace_back("scoring.risk", i);
  for (const auto& [where, i] : refs)
    if (i >= ins.items.size()) return invalid(where, fmt::format("refers to item {} of {}", i, ins.items.size()));
  return {};
}

}  // namespace

Result<void> validate(const Instrument& ins) {
  if (ins.id.empty()) return invalid("id", "is required");
  if (auto ok = check_items(ins); !ok) return ok;
  if (auto ok = check_indices(ins); !ok) return ok;
  if (ins.scoring.total) {
    if (ins.scoring.total->items.empty()) return invalid("scoring.total.items", "must list items");
    for (std::size_t i : ins.scoring.total->items)
      if (!ins.items[i].required || ins.items[i].enable_when)
        return invalid("scoring.total.items", fmt::format("'{}' must be a required item without skip logic", ins.items[i].link_id));
  }
  for (auto check : {check_bands, check_criteria, check_flags_and_risk, check_missing_rule, check_outcomes})
    if (auto ok = check(ins); !ok) return ok;
  return {};
}

}  // namespace kc::measures
