#include "clinic/measures/eligibility.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace kc::measures {
namespace {

template <class E, std::size_t N>
std::optional<E> parse_enum(std::string_view text, const std::array<E, N>& values) {
  for (E v : values)
    if (to_string(v) == text) return v;
  return std::nullopt;
}

constexpr std::array kTreatments{Treatment::iv_ketamine, Treatment::esketamine};
constexpr std::array kClasses{MedicationClass::benzodiazepine, MedicationClass::sedative_hypnotic,
                              MedicationClass::psychostimulant, MedicationClass::maoi, MedicationClass::opioid};
constexpr std::array kNumericFacts{NumericFact::age_years, NumericFact::systolic_mmhg, NumericFact::diastolic_mmhg,
                                   NumericFact::benzodiazepine_lorazepam_eq_mg_per_day};
constexpr std::array kBooleanFacts{BooleanFact::pregnant};

std::unexpected<Error> invalid(std::string field, std::string_view what) {
  std::string message = fmt::format("{}: {}", field, what);
  return fail(ErrorCode::invalid_argument, std::move(field), std::move(message));
}

}  // namespace

std::string_view to_string(Treatment t) { return t == Treatment::iv_ketamine ? "iv_ketamine" : "esketamine"; }

std::string_view to_string(MedicationClass c) {
  switch (c) {
    case MedicationClass::benzodiazepine: return "benzodiazepine";
    case MedicationClass::sedative_hypnotic: return "sedative_hypnotic";
    case MedicationClass::psychostimulant: return "psychostimulant";
    case MedicationClass::maoi: return "maoi";
    case MedicationClass::opioid: return "opioid";
  }
  return "opioid";
}

std::string_view to_string(NumericFact f) {
  switch (f) {
    case NumericFact::age_years: return "age_years";
    case NumericFact::systolic_mmhg: return "systolic_mmhg";
    case NumericFact::diastolic_mmhg: return "diastolic_mmhg";
    case NumericFact::benzodiazepine_lorazepam_eq_mg_per_day: return "benzodiazepine_lorazepam_eq_mg_per_day";
  }
  return "age_years";
}

std::string_view to_string(BooleanFact) { return "pregnant"; }

std::optional<Treatment> parse_treatment(std::string_view t) { return parse_enum(t, kTreatments); }
std::optional<MedicationClass> parse_medication_class(std::string_view t) { return parse_enum(t, kClasses); }
std::optional<NumericFact> parse_numeric_fact(std::string_view t) { return parse_enum(t, kNumericFacts); }
std::optional<BooleanFact> parse_boolean_fact(std::string_view t) { return parse_enum(t, kBooleanFacts); }

std::string_view to_string(RuleOutcome o) { return o == RuleOutcome::not_eligible ? "not_eligible" : "needs_review"; }

std::string_view to_string(Proposal p) {
  switch (p) {
    case Proposal::eligible: return "eligible";
    case Proposal::needs_review: return "needs_review";
    case Proposal::not_eligible: return "not_eligible";
  }
  return "needs_review";
}

std::string_view to_string(ReasonKind k) {
  switch (k) {
    case ReasonKind::absolute: return "absolute";
    case ReasonKind::relative: return "relative";
    case ReasonKind::missing_information: return "missing_information";
  }
  return "missing_information";
}

std::string_view to_string(Decision d) { return d == Decision::eligible ? "eligible" : "not_eligible"; }

namespace {

Result<void> check_condition(const Condition& c, const RuleSet& rules, const Instrument& screening,
                             const std::string& at) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::any:
    case K::all:
      if (c.children.empty()) return invalid(at, "needs at least one condition");
      for (std::size_t i = 0; i < c.children.size(); ++i)
        if (auto ok = check_condition(c.children[i], rules, screening,
                                      fmt::format("{}.{}[{}]", at, c.kind == K::any ? "any" : "all", i));
            !ok)
          return ok;
      return {};
    case K::answer_yes:
      if (c.item >= screening.items.size() || screening.items[c.item].type != ItemType::boolean)
        return invalid(at + ".answer", fmt::format("must name a yes/no item of {}", screening.id));
      return {};
    case K::fact_compare:
      if (!rules.settings.contains(c.setting))
        return invalid(at + ".setting", fmt::format("'{}' is not defined in settings", c.setting));
      return {};
    case K::open_flag:
      if (c.flag_kinds.empty()) return invalid(at + ".open_flag", "needs at least one flag kind");
      return {};
    case K::medication_class:
      if (c.classes.empty()) return invalid(at + ".medication_class", "needs at least one medication class");
      return {};
    case K::fact_true: return {};
  }
  return {};
}

}  // namespace

Result<void> validate(const RuleSet& rules, const Instrument& screening) {
  if (rules.version.empty()) return invalid("version", "is required");
  if (rules.rules.empty()) return invalid("rules", "must list at least one rule");
  std::set<std::string> ids;
  for (std::size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = rules.rules[r];
    const std::string at = fmt::format("rules[{}]", r);
    if (rule.id.empty() || !ids.insert(rule.id).second) return invalid(at + ".id", "must be present and unique");
    if (rule.applies_to.empty()) return invalid(at + ".applies_to", "must name at least one treatment");
    if (rule.reason.empty() || rule.source.empty()) return invalid(at, "needs a reason and a source");
    if (auto ok = check_condition(rule.when, rules, screening, at + ".when"); !ok) return ok;
  }
  return {};
}

}  // namespace kc::measures
