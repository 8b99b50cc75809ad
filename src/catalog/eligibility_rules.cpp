#include "catalog/eligibility_rules.h"

#include <fmt/format.h>

#include "catalog/detail/json_arrays.h"
#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

using namespace kc::measures;

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<Condition> read_condition(const Fields& f, const Instrument& screening);

Result<Condition> read_group(const Fields& f, const Instrument& screening, std::string_view key) {
  if (auto ok = f.only({key}); !ok) return err(ok);
  auto children = detail::objects(f, key);
  if (!children) return err(children);
  Condition c;
  c.kind = key == "any" ? Condition::Kind::any : Condition::Kind::all;
  for (const Fields& child : *children) {
    auto sub = read_condition(child, screening);
    if (!sub) return err(sub);
    c.children.push_back(std::move(*sub));
  }
  return c;
}

Result<Condition> read_answer(const Fields& f, const Instrument& screening) {
  if (auto ok = f.only({"answer"}); !ok) return err(ok);
  auto link = f.string("answer");
  if (!link) return err(link);
  auto i = screening.index_of(*link);
  if (!i) return std::unexpected(f.error("answer", fmt::format("'{}' is not an item of {}", *link, screening.id)));
  Condition c;
  c.kind = Condition::Kind::answer_yes;
  c.item = *i;
  return c;
}

// {"fact": "pregnant"} is a yes/no fact; {"fact": "age_years", "operator": "<", "setting": "..."} a comparison.
Result<Condition> read_fact(const Fields& f) {
  auto name = f.string("fact");
  if (!name) return err(name);
  Condition c;
  if (!f.has("operator")) {
    if (auto ok = f.only({"fact"}); !ok) return err(ok);
    auto b = parse_boolean_fact(*name);
    if (!b) return std::unexpected(f.error("fact", fmt::format("'{}' is not a yes/no fact (pregnant)", *name)));
    c.kind = Condition::Kind::fact_true;
    c.boolean_fact = *b;
    return c;
  }
  if (auto ok = f.only({"fact", "operator", "setting"}); !ok) return err(ok);
  auto n = parse_numeric_fact(*name);
  if (!n)
    return std::unexpected(f.error("fact", fmt::format("'{}' is not a numeric fact (age_years, systolic_mmhg, "
                                                       "diastolic_mmhg, benzodiazepine_lorazepam_eq_mg_per_day)", *name)));
  auto op = detail::one_of(f, "operator", {"<", "<=", ">", ">="});
  auto setting = f.string("setting");
  if (!op) return err(op);
  if (!setting) return err(setting);
  c.kind = Condition::Kind::fact_compare;
  c.numeric_fact = *n;
  c.op = *parse_compare(*op);
  c.setting = *setting;
  return c;
}

Result<Condition> read_medication(const Fields& f) {
  if (auto ok = f.only({"medication_class"}); !ok) return err(ok);
  auto names = detail::strings(f, "medication_class");
  if (!names) return err(names);
  Condition c;
  c.kind = Condition::Kind::medication_class;
  for (std::size_t i = 0; i < names->size(); ++i) {
    auto cls = parse_medication_class((*names)[i]);
    if (!cls)
      return std::unexpected(f.error(fmt::format("medication_class[{}]", i),
                                     "must be benzodiazepine, sedative_hypnotic, psychostimulant, maoi or opioid"));
    c.classes.push_back(*cls);
  }
  return c;
}

// {"open_flag": ["cssrs_high"]}: the patient has an open urgent safety flag of one of these kinds.
Result<Condition> read_open_flag(const Fields& f) {
  if (auto ok = f.only({"open_flag"}); !ok) return err(ok);
  auto kinds = detail::strings(f, "open_flag");
  if (!kinds) return err(kinds);
  if (kinds->empty()) return std::unexpected(f.error("open_flag", "must name at least one flag kind"));
  Condition c;
  c.kind = Condition::Kind::open_flag;
  c.flag_kinds = std::move(*kinds);
  return c;
}

Result<Condition> read_condition(const Fields& f, const Instrument& screening) {
  if (f.has("any")) return read_group(f, screening, "any");
  if (f.has("all")) return read_group(f, screening, "all");
  if (f.has("answer")) return read_answer(f, screening);
  if (f.has("fact")) return read_fact(f);
  if (f.has("medication_class")) return read_medication(f);
  if (f.has("open_flag")) return read_open_flag(f);
  return std::unexpected(f.error("", "must be one of any, all, answer, fact, medication_class, open_flag"));
}

Result<Rule> read_rule(const Fields& f, const Instrument& screening) {
  if (auto ok = f.only({"id", "applies_to", "when", "outcome", "reason", "source"}); !ok) return err(ok);
  Rule rule;
  for (auto [key, target] : {std::pair{"id", &rule.id}, std::pair{"reason", &rule.reason},
                             std::pair{"source", &rule.source}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  auto treatments = detail::strings(f, "applies_to");
  if (!treatments) return err(treatments);
  for (std::size_t i = 0; i < treatments->size(); ++i) {
    auto t = parse_treatment((*treatments)[i]);
    if (!t) return std::unexpected(f.error(fmt::format("applies_to[{}]", i), "must be iv_ketamine or esketamine"));
    rule.applies_to.push_back(*t);
  }
  auto outcome = detail::one_of(f, "outcome", {"not_eligible", "needs_review"});
  if (!outcome) return err(outcome);
  rule.outcome = *outcome == "not_eligible" ? RuleOutcome::not_eligible : RuleOutcome::needs_review;
  auto when = f.object("when");
  if (!when) return err(when);
  auto condition = read_condition(*when, screening);
  if (!condition) return err(condition);
  rule.when = std::move(*condition);
  return rule;
}

Result<void> read_settings(const Fields& root, RuleSet& set) {
  auto f = root.object("settings");
  if (!f) return err(f);
  for (const auto& [name, node] : f->node().items()) {
    Fields s = f->child(node, name);
    if (auto ok = s.only({"value", "unit", "source"}); !ok) return ok;
    auto value = s.number("value");
    auto unit = s.string("unit");
    auto source = s.string("source");
    if (!value) return err(value);
    if (!unit) return err(unit);
    if (!source) return err(source);
    set.settings.emplace(name, Setting{*value, *unit, *source});
  }
  return {};
}

}  // namespace

Result<RuleSet> parse_rule_set(const nlohmann::json& doc, const std::string& file_label,
                               const InstrumentCatalog& instruments) {
  Fields f(doc, file_label, "");
  if (auto ok = f.only({"version", "screening_instrument", "basis", "approval", "settings", "rules"}); !ok) return err(ok);
  for (auto key : {"basis", "approval"})
    if (auto note = f.string(key); !note) return err(note);
  RuleSet set;
  auto version = f.string("version");
  auto screening_id = f.string("screening_instrument");
  if (!version) return err(version);
  if (!screening_id) return err(screening_id);
  set.version = *version;
  set.screening_instrument = *screening_id;
  auto screening = instruments.find(*screening_id);
  if (!screening) return std::unexpected(f.error("screening_instrument", screening.error().message));
  if (auto ok = read_settings(f, set); !ok) return err(ok);
  auto rules = detail::objects(f, "rules");
  if (!rules) return err(rules);
  for (const Fields& r : *rules) {
    auto rule = read_rule(r, **screening);
    if (!rule) return err(rule);
    set.rules.push_back(std::move(*rule));
  }
  if (auto ok = validate(set, **screening); !ok) {
    Error e = ok.error();
    e.message = file_label + ": " + e.message;  // the core message already names the field
    return std::unexpected(std::move(e));
  }
  return set;
}

Result<RuleSet> load_eligibility_rules(const std::filesystem::path& data_dir, const InstrumentCatalog& instruments) {
  const auto file = data_dir / "eligibility" / "rules.json";
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  return parse_rule_set(*doc, file.string(), instruments);
}

}  // namespace kc::catalog
