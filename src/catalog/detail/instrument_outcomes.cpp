// scoring.risk (categorical tiers) and the outcomes block (response, remission).
#include <fmt/format.h>

#include "catalog/detail/instrument_parts.h"
#include "catalog/detail/json_arrays.h"

namespace kc::catalog::detail {
namespace {

using namespace kc::measures;

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<RiskTier> read_tier(const Fields& f, const Instrument& ins) {
  if (auto ok = f.only({"id", "label", "action", "when_any_yes", "source", "flag"}); !ok) return err(ok);
  auto id = f.string("id");
  auto label = f.string("label");
  auto action = f.optional_string("action");
  auto items = item_refs(f, "when_any_yes", ins);
  auto source = f.string("source");
  if (!id) return err(id);
  if (!label) return err(label);
  if (!action) return err(action);
  if (!items) return err(items);
  if (!source) return err(source);
  RiskTier tier{*id, *label, action->value_or(""), *source, *items, std::nullopt};
  auto flag = f.optional_object("flag");
  if (!flag) return err(flag);
  if (*flag) {
    if (auto ok = (*flag)->only({"kind", "severity", "reason", "source"}); !ok) return err(ok);
    auto spec = read_flag_spec(**flag);
    if (!spec) return err(spec);
    tier.flag = *spec;
  }
  return tier;
}

Result<Threshold> read_threshold(const Fields& f) {
  auto op = one_of(f, "operator", {"<", "<=", ">", ">="});
  if (!op) return err(op);
  auto value = f.number("threshold");
  if (!value) return err(value);
  return Threshold{*parse_compare(*op), *value};
}

Result<void> read_response(const Fields& o, OutcomeDefinition& def) {
  auto f = o.optional_object("response");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"kind", "at_least", "source"}); !ok) return ok;
  auto kind = one_of(**f, "kind", {"percent_reduction", "point_reduction"});
  auto at_least = (*f)->number("at_least");
  auto source = (*f)->string("source");
  if (!kind) return err(kind);
  if (!at_least) return err(at_least);
  if (!source) return err(source);
  def.response = ResponseRule{*kind == "percent_reduction" ? ResponseKind::percent_reduction
                                                           : ResponseKind::point_reduction,
                              *at_least, *source};
  return {};
}

Result<void> read_remission(const Fields& o, OutcomeDefinition& def) {
  auto f = o.optional_object("remission");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"operator", "threshold", "source"}); !ok) return ok;
  auto threshold = read_threshold(**f);
  auto source = (*f)->string("source");
  if (!threshold) return err(threshold);
  if (!source) return err(source);
  def.remission = RemissionRule{*threshold, *source};
  return {};
}

Result<void> read_metric_baseline(const Fields& o, OutcomeDefinition& def) {
  auto f = o.optional_object("metric_baseline");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"operator", "threshold", "label", "source"}); !ok) return ok;
  auto threshold = read_threshold(**f);
  auto label = (*f)->string("label");
  auto source = (*f)->string("source");
  if (!threshold) return err(threshold);
  if (!label) return err(label);
  if (!source) return err(source);
  def.metric_baseline = MetricBaseline{*threshold, *label, *source};
  return {};
}

}  // namespace

Result<void> read_risk(const Fields& s, Instrument& ins) {
  auto f = s.optional_object("risk");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"code", "source", "none", "tiers"}); !ok) return ok;
  RiskTiers risk;
  auto source = (*f)->string("source");
  if (!source) return err(source);
  risk.source = *source;
  if ((*f)->has("code")) {
    auto code = (*f)->object("code");
    if (!code) return err(code);
    auto coding = read_coding(*code);
    if (!coding) return err(coding);
    risk.code = *coding;
  }
  auto none = (*f)->object("none");
  if (!none) return err(none);
  if (auto ok = none->only({"id", "label"}); !ok) return ok;
  auto none_id = none->string("id");
  auto none_label = none->string("label");
  if (!none_id) return err(none_id);
  if (!none_label) return err(none_label);
  risk.none_id = *none_id;
  risk.none_label = *none_label;
  auto tiers = objects(**f, "tiers");
  if (!tiers) return err(tiers);
  for (const Fields& t : *tiers) {
    auto tier = read_tier(t, ins);
    if (!tier) return err(tier);
    risk.tiers.push_back(std::move(*tier));
  }
  ins.scoring.risk = std::move(risk);
  return {};
}

Result<void> read_outcomes(const Fields& root, Instrument& ins) {
  auto o = root.optional_object("outcomes");
  if (!o) return err(o);
  if (!*o) return {};
  if (auto ok = (*o)->only({"response", "remission", "metric_baseline"}); !ok) return ok;
  for (auto step : {read_response, read_remission, read_metric_baseline})
    if (auto ok = step(**o, ins.outcomes); !ok) return ok;
  return {};
}

}  // namespace kc::catalog::detail
