// propose() and record_decision(): evaluating a validated rule set on facts.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "clinic/measures/eligibility.h"

namespace kc::measures {
namespace {

enum class Truth { no, yes, unknown };

// A condition's truth and, when unknown, which inputs were not recorded.
struct Eval {
  Truth truth = Truth::no;
  std::vector<std::string> unknown;
};

Eval known(bool b) { return {b ? Truth::yes : Truth::no, {}}; }
Eval unknown(std::string input) { return {Truth::unknown, {std::move(input)}}; }

struct Evaluator {
  const RuleSet& rules;
  const Instrument& screening;
  const Facts& facts;
  const Answers& answers;

  Eval eval(const Condition& c) const {
    using K = Condition::Kind;
    switch (c.kind) {
      case K::any: return combine(c, Truth::yes);
      case K::all: return combine(c, Truth::no);
      case K::answer_yes:
        if (!answers[c.item]) return unknown(screening.items[c.item].link_id);
        return known(*answers[c.item] == 1);
      case K::fact_true:
        if (!facts.pregnant) return unknown(std::string(to_string(c.boolean_fact)));
        return known(*facts.pregnant);
      case K::fact_compare: return compare(c);
      case K::medication_class: return has_class(c.classes);
      case K::open_flag: return known(std::ranges::any_of(c.flag_kinds, [&](const std::string& k) {
        return std::ranges::find(facts.open_safety_flags, k) != facts.open_safety_flags.end();
      }));
    }
    return unknown("condition");
  }

  // any: one yes decides; all: one no decides. Otherwise unknown if a child is.
  Eval combine(const Condition& c, Truth decisive) const {
    Eval out{decisive == Truth::yes ? Truth::no : Truth::yes, {}};
    for (const Condition& child : c.children) {
      Eval e = eval(child);
      if (e.truth == decisive) return known(decisive == Truth::yes);
      if (e.truth == Truth::unknown) {
        out.truth = Truth::unknown;
        out.unknown.insert(out.unknown.end(), e.unknown.begin(), e.unknown.end());
      }
    }
    return out;
  }

  Eval compare(const Condition& c) const {
    const std::string name(to_string(c.numeric_fact));
    std::optional<double> value;
    switch (c.numeric_fact) {
      case NumericFact::age_years: if (facts.age_years) value = *facts.age_years; break;
      case NumericFact::systolic_mmhg: if (facts.systolic_mmhg) value = *facts.systolic_mmhg; break;
      case NumericFact::diastolic_mmhg: if (facts.diastolic_mmhg) value = *facts.diastolic_mmhg; break;
      case NumericFact::benzodiazepine_lorazepam_eq_mg_per_day: return benzodiazepine_load(c);
    }
    if (!value) return unknown(name);
    return known(Threshold{c.op, rules.settings.at(c.setting).value}.holds(*value));
  }

  // Sum of the recorded lorazepam equivalents of every benzodiazepine; unknown
  // if the list or one benzodiazepine's conversion is not recorded.
  Eval benzodiazepine_load(const Condition& c) const {
    if (!facts.medications) return unknown("medications");
    double total = 0;
    for (std::size_t i = 0; i < facts.medications->size(); ++i) {
      const Medication& m = (*facts.medications)[i];
      if (std::find(m.classes.begin(), m.classes.end(), MedicationClass::benzodiazepine) == m.classes.end()) continue;
      if (!m.lorazepam_eq_mg_per_day) return unknown(fmt::format("medications[{}].lorazepam_eq_mg_per_day", i));
      total += *m.lorazepam_eq_mg_per_day;
    }
    return known(Threshold{c.op, rules.settings.at(c.setting).value}.holds(total));
  }

  Eval has_class(const std::vector<MedicationClass>& classes) const {
    if (!facts.medications) return unknown("medications");
    for (const Medication& m : *facts.medications)
      for (MedicationClass c : m.classes)
        if (std::find(classes.begin(), classes.end(), c) != classes.end()) return known(true);
    return known(false);
  }
};

std::unexpected<Error> invalid(std::string field, std::string_view what) {
  std::string message = fmt::format("{}: {}", field, what);
  return fail(ErrorCode::invalid_argument, std::move(field), std::move(message));
}

Result<Answers> checked_screening(const Instrument& screening, const Facts& facts) {
  Answers answers = facts.screening.empty() ? Answers(screening.items.size()) : facts.screening;
  if (auto ok = check_answers(screening, answers, FieldStyle::link_id); !ok)
    return std::unexpected(nest(ok.error(), "screening"));
  return answers;
}

Result<void> check_facts(const Facts& f) {
  if (f.age_years && *f.age_years < 0) return invalid("age_years", "must not be negative");
  if (f.systolic_mmhg && *f.systolic_mmhg <= 0) return invalid("systolic_mmhg", "must be positive");
  if (f.diastolic_mmhg && *f.diastolic_mmhg <= 0) return invalid("diastolic_mmhg", "must be positive");
  if (!f.medications) return {};
  for (std::size_t i = 0; i < f.medications->size(); ++i) {
    const Medication& m = (*f.medications)[i];
    if (m.name.empty()) return invalid(fmt::format("medications[{}].name", i), "is required");
    if (m.lorazepam_eq_mg_per_day && *m.lorazepam_eq_mg_per_day < 0)
      return invalid(fmt::format("medications[{}].lorazepam_eq_mg_per_day", i), "must not be negative");
  }
  return {};
}

bool applies(const Rule& rule, Treatment t) {
  return std::find(rule.applies_to.begin(), rule.applies_to.end(), t) != rule.applies_to.end();
}

Proposal overall(const std::vector<Reason>& reasons) {
  if (reasons.empty()) return Proposal::eligible;
  return reasons.front().kind == ReasonKind::absolute ? Proposal::not_eligible : Proposal::needs_review;
}

}  // namespace

Result<EligibilityProposal> propose(const RuleSet& rules, const Instrument& screening, const Facts& facts) {
  auto answers = checked_screening(screening, facts);
  if (!answers) return std::unexpected(answers.error());
  if (auto ok = check_facts(facts); !ok) return std::unexpected(ok.error());
  const Evaluator ev{rules, screening, facts, *answers};
  EligibilityProposal out;
  out.rule_set_version = rules.version;
  for (const Rule& rule : rules.rules) {
    if (!applies(rule, facts.treatment)) continue;
    Eval e = ev.eval(rule.when);
    if (e.truth == Truth::no) continue;
    const ReasonKind kind = e.truth == Truth::unknown              ? ReasonKind::missing_information
                            : rule.outcome == RuleOutcome::not_eligible ? ReasonKind::absolute
                                                                        : ReasonKind::relative;
    out.reasons.push_back(Reason{rule.id, kind, rule.reason, rule.source, std::move(e.unknown)});
  }
  std::stable_sort(out.reasons.begin(), out.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.kind < b.kind; });
  out.outcome = overall(out.reasons);
  return out;
}

Result<EligibilityDecision> record_decision(EligibilityProposal proposal, Decision decision,
                                            std::string prescriber_id, std::string note,
                                            std::chrono::sys_seconds decided_at) {
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(prescriber_id)) return invalid("prescriber_id", "is required: only a prescriber decides");
  if (blank(note)) return invalid("note", "is required: the prescriber records why");
  const bool overrides = (proposal.outcome == Proposal::eligible && decision == Decision::not_eligible) ||
                         (proposal.outcome == Proposal::not_eligible && decision == Decision::eligible);
  return EligibilityDecision{std::move(proposal), decision, std::move(prescriber_id), std::move(note), decided_at,
                             overrides};
}

}  // namespace kc::measures
