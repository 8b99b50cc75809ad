// Our extension of the questionnaire: the `scoring` and `outcomes` blocks.
// Every rule refers to items by link id; they are resolved to positions here.
#include <fmt/format.h>

#include "catalog/detail/instrument_parts.h"
#include "catalog/detail/json_arrays.h"

namespace kc::catalog::detail {
namespace {

using namespace kc::measures;

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<std::string> source_of(const Fields& f) { return f.string("source"); }

Result<void> read_total(const Fields& s, Instrument& ins) {
  auto f = s.optional_object("total");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"rule", "items", "code", "source"}); !ok) return ok;
  if (auto rule = one_of(**f, "rule", {"sum"}); !rule) return err(rule);
  Total total;
  auto items = item_refs(**f, "items", ins);
  if (!items) return err(items);
  total.items = *items;
  if ((*f)->has("code")) {
    auto code = (*f)->object("code");
    if (!code) return err(code);
    auto coding = read_coding(*code);
    if (!coding) return err(coding);
    total.code = *coding;
  }
  auto source = source_of(**f);
  if (!source) return err(source);
  total.source = *source;
  ins.scoring.total = std::move(total);
  return {};
}

Result<void> read_bands(const Fields& s, Instrument& ins) {
  auto f = s.optional_object("bands");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"source", "ranges"}); !ok) return ok;
  auto source = source_of(**f);
  if (!source) return err(source);
  ins.scoring.bands_source = *source;
  auto ranges = objects(**f, "ranges");
  if (!ranges) return err(ranges);
  for (const Fields& r : *ranges) {
    if (auto ok = r.only({"min", "max", "id", "label"}); !ok) return ok;
    auto lo = integer(r, "min");
    auto hi = integer(r, "max");
    auto id = r.string("id");
    auto label = r.string("label");
    if (!lo) return err(lo);
    if (!hi) return err(hi);
    if (!id) return err(id);
    if (!label) return err(label);
    ins.scoring.bands.push_back(Band{*lo, *hi, *id, *label});
  }
  return {};
}

Result<void> read_subscales(const Fields& s, Instrument& ins) {
  auto f = s.optional_object("subscales");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"source", "groups"}); !ok) return ok;
  auto source = source_of(**f);
  if (!source) return err(source);
  ins.scoring.subscales_source = *source;
  auto groups = objects(**f, "groups");
  if (!groups) return err(groups);
  for (const Fields& g : *groups) {
    if (auto ok = g.only({"id", "label", "items"}); !ok) return ok;
    auto id = g.string("id");
    auto label = g.string("label");
    auto items = item_refs(g, "items", ins);
    if (!id) return err(id);
    if (!label) return err(label);
    if (!items) return err(items);
    ins.scoring.subscales.push_back(Subscale{*id, *label, *items});
  }
  return {};
}

Result<void> read_missing(const Fields& s, Instrument& ins) {
  auto f = s.object("missing_items");
  if (!f) return err(f);
  if (auto ok = f->only({"rule", "source", "proration"}); !ok) return ok;
  auto rule = one_of(*f, "rule", {"incomplete", "prorate"});
  if (!rule) return err(rule);
  auto source = source_of(*f);
  if (!source) return err(source);
  MissingItems m{*rule == "prorate" ? MissingRule::prorate : MissingRule::incomplete, std::nullopt, *source};
  auto p = f->optional_object("proration");
  if (!p) return err(p);
  if (*p) {
    if (auto ok = (*p)->only({"max_missing", "rounding", "source"}); !ok) return ok;
    auto max = integer(**p, "max_missing");
    if (!max) return err(max);
    if (auto r = one_of(**p, "rounding", {"half_up"}); !r) return err(r);
    auto psource = source_of(**p);
    if (!psource) return err(psource);
    m.proration = Proration{*max, *psource};
  }
  ins.scoring.missing = std::move(m);
  return {};
}

Result<void> read_conditional(const Fields& s, Instrument& ins) {
  auto list = optional_objects(s, "conditionally_required");
  if (!list) return err(list);
  for (const Fields& f : *list) {
    if (auto ok = f.only({"item", "when_total_above", "source"}); !ok) return ok;
    auto item = item_ref(f, "item", ins);
    auto above = integer(f, "when_total_above");
    auto source = source_of(f);
    if (!item) return err(item);
    if (!above) return err(above);
    if (!source) return err(source);
    ins.scoring.conditionally_required.push_back(ConditionalRequirement{*item, *above, *source});
  }
  return {};
}

Result<SymptomCount> read_symptom_count(const Fields& f, const Instrument& ins) {
  SymptomCount count;
  auto level = integer(f, "endorsed_at_least");
  if (!level) return err(level);
  count.endorsed_at_least = *level;
  auto overrides = f.optional_object("endorsed_overrides");
  if (!overrides) return err(overrides);
  if (*overrides)
    for (const auto& [link, node] : (*overrides)->node().items()) {
      auto i = ins.index_of(link);
      if (!i) return std::unexpected((*overrides)->error(link, "is not an item of this instrument"));
      auto n = integer(**overrides, link);
      if (!n) return err(n);
      count.overrides.emplace_back(*i, *n);
    }
  auto groups = objects(f, "groups");
  if (!groups) return err(groups);
  for (const Fields& g : *groups) {
    if (auto ok = g.only({"items", "min", "max"}); !ok) return err(ok);
    auto items = item_refs(g, "items", ins);
    auto min = integer(g, "min");
    auto max = optional_integer(g, "max");
    if (!items) return err(items);
    if (!min) return err(min);
    if (!max) return err(max);
    count.groups.push_back(CountGroup{*items, *min, *max});
  }
  return count;
}

Result<void> read_criteria(const Fields& s, Instrument& ins) {
  auto list = optional_objects(s, "criteria");
  if (!list) return err(list);
  for (const Fields& f : *list) {
    if (auto ok = f.only({"id", "label", "source", "total_at_least", "endorsed_at_least", "endorsed_overrides", "groups"});
        !ok)
      return ok;
    auto id = f.string("id");
    auto label = f.string("label");
    auto source = source_of(f);
    if (!id) return err(id);
    if (!label) return err(label);
    if (!source) return err(source);
    Criterion c{*id, *label, *source, CutPoint{}};
    if (f.has("total_at_least") == f.has("groups"))
      return std::unexpected(f.error("", "needs either total_at_least or groups"));
    if (f.has("total_at_least")) {
      auto cut = integer(f, "total_at_least");
      if (!cut) return err(cut);
      c.rule = CutPoint{*cut};
    } else {
      auto count = read_symptom_count(f, ins);
      if (!count) return err(count);
      c.rule = std::move(*count);
    }
    ins.scoring.criteria.push_back(std::move(c));
  }
  return {};
}

}  // namespace

Result<FlagSpec> read_flag_spec(const Fields& f) {
  auto kind = f.string("kind");
  auto severity = one_of(f, "severity", {"urgent", "review"});
  auto reason = f.string("reason");
  auto source = source_of(f);
  if (!kind) return err(kind);
  if (!severity) return err(severity);
  if (!reason) return err(reason);
  if (!source) return err(source);
  return FlagSpec{*kind, *severity == "urgent" ? Severity::urgent : Severity::review, *reason, *source};
}

namespace {

// A threshold rule ("at_least", optional "below") or a blank-answer rule ("when_blank": true, no threshold).
Result<ItemFlagRule> read_flag_rule(const Fields& f, const Instrument& ins) {
  auto when_blank = f.boolean("when_blank", false);
  if (!when_blank) return err(when_blank);
  auto allowed = *when_blank ? f.only({"kind", "item", "when_blank", "severity", "reason", "source"})
                             : f.only({"kind", "item", "at_least", "below", "severity", "reason", "source"});
  if (!allowed) return err(allowed);
  auto item = item_ref(f, "item", ins);
  if (!item) return err(item);
  ItemFlagRule rule;
  rule.item = *item;
  rule.when_blank = *when_blank;
  if (!rule.when_blank) {
    auto at_least = integer(f, "at_least");
    auto below = optional_integer(f, "below");
    if (!at_least) return err(at_least);
    if (!below) return err(below);
    rule.at_least = *at_least;
    rule.below = *below;
  }
  auto spec = read_flag_spec(f);
  if (!spec) return err(spec);
  rule.flag = std::move(*spec);
  return rule;
}

Result<void> read_flags(const Fields& s, Instrument& ins) {
  auto list = optional_objects(s, "flags");
  if (!list) return err(list);
  for (const Fields& f : *list) {
    auto rule = read_flag_rule(f, ins);
    if (!rule) return err(rule);
    ins.scoring.flags.push_back(std::move(*rule));
  }
  return {};
}

}  // namespace

Result<void> read_scoring(const Fields& root, Instrument& ins) {
  auto s = root.object("scoring");
  if (!s) return err(s);
  if (auto ok = s->only({"total", "bands", "subscales", "missing_items", "conditionally_required", "criteria", "flags",
                         "risk"});
      !ok)
    return ok;
  for (auto step : {read_total, read_bands, read_subscales, read_missing, read_conditional, read_criteria,
                    read_flags, read_risk})
    if (auto ok = step(*s, ins); !ok) return ok;
  return {};
}

}  // namespace kc::catalog::detail
