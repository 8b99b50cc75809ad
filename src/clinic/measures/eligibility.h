#pragma once
// Eligibility screening: rules as data (data/eligibility/rules.json) that map the
// medical-screening answers and recorded facts to a proposal — eligible, needs
// clinician review (relative contraindications) or not eligible (absolute ones)
// — each with its reasons and sources (data/eligibility/rules.json).
//
// The engine never decides. It proposes; a prescriber records the decision and
// a note with record_decision(), which keeps the proposal, its reasons and the
// rule-set version together with the decision.
//
// Missing information is never read as "no": a rule that cannot be evaluated
// because an answer or fact is not recorded adds a `missing_information` reason
// and the proposal is at best `needs_review`. Conditions use three-valued logic
// (any: yes if one is yes; all: no if one is no; otherwise unknown).
//
// Every numeric threshold is a named setting of the rule set with its unit and
// source, so the medical director changes a number in one place.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/measures/answers.h"
#include "clinic/measures/instrument.h"
#include "clinic/measures/threshold.h"
#include "core/error.h"

namespace kc::measures {

enum class Treatment { iv_ketamine, esketamine };
// The concomitant-medication classes of the Spravato REMS monitoring form [@spravato_rems_form].
enum class MedicationClass { benzodiazepine, sedative_hypnotic, psychostimulant, maoi, opioid };
enum class NumericFact { age_years, systolic_mmhg, diastolic_mmhg, benzodiazepine_lorazepam_eq_mg_per_day };
enum class BooleanFact { pregnant };

std::string_view to_string(Treatment t);
std::string_view to_string(MedicationClass c);
std::string_view to_string(NumericFact f);
std::string_view to_string(BooleanFact f);
std::optional<Treatment> parse_treatment(std::string_view text);
std::optional<MedicationClass> parse_medication_class(std::string_view text);
std::optional<NumericFact> parse_numeric_fact(std::string_view text);
std::optional<BooleanFact> parse_boolean_fact(std::string_view text);

struct Medication {
  std::string name;
  std::vector<MedicationClass> classes;
  std::optional<double> lorazepam_eq_mg_per_day;  // benzodiazepines: the clinician's conversion
};

struct Facts {
  Treatment treatment = Treatment::iv_ketamine;
  std::optional<int> age_years;
  std::optional<bool> pregnant;  // false also for "not applicable"; absent = not recorded
  std::optional<int> systolic_mmhg, diastolic_mmhg;
  std::optional<std::vector<Medication>> medications;  // absent = not recorded; empty = none
  Answers screening;  // medical-screening answers in item order; empty = none recorded
  // Kinds of the patient's open urgent safety flags ("cssrs_high", "phq9_item9"), read by
  // the screening from the flag store: open until a clinician acknowledges the flag with
  // the action taken (for C-SSRS high risk, the psychiatric evaluation).
  std::vector<std::string> open_safety_flags;
};

struct Condition {
  enum class Kind { any, all, answer_yes, fact_true, fact_compare, medication_class, open_flag };
  Kind kind = Kind::all;
  std::vector<Condition> children;  // any, all
  std::size_t item = 0;             // answer_yes: the screening item
  BooleanFact boolean_fact = BooleanFact::pregnant;
  NumericFact numeric_fact = NumericFact::age_years;
  Compare op = Compare::less;
  std::string setting;                   // fact_compare: the threshold's setting name
  std::vector<MedicationClass> classes;  // medication_class: any current medication in one of them
  std::vector<std::string> flag_kinds;   // open_flag: any open urgent safety flag of these kinds
};

enum class RuleOutcome { not_eligible, needs_review };
std::string_view to_string(RuleOutcome o);

struct Setting {
  double value = 0;
  std::string unit, source;
};

struct Rule {
  std::string id;
  std::vector<Treatment> applies_to;
  Condition when;
  RuleOutcome outcome = RuleOutcome::needs_review;
  std::string reason, source;
};

struct RuleSet {
  std::string version;
  std::string screening_instrument;  // id of the instrument whose answers `answer_yes` reads
  std::map<std::string, Setting> settings;
  std::vector<Rule> rules;
};

// Checks settings references, screening items (yes/no items of `screening`) and unique ids.
Result<void> validate(const RuleSet& rules, const Instrument& screening);

enum class Proposal { eligible, needs_review, not_eligible };
enum class ReasonKind { absolute, relative, missing_information };
std::string_view to_string(Proposal p);
std::string_view to_string(ReasonKind k);

struct Reason {
  std::string rule_id;
  ReasonKind kind = ReasonKind::relative;
  std::string reason, source;
  std::vector<std::string> unknown;  // missing_information: the answers/facts not recorded
};

struct EligibilityProposal {
  Proposal outcome = Proposal::needs_review;
  std::vector<Reason> reasons;  // absolute first, then relative, then missing information
  std::string rule_set_version;
};

// Fails (invalid_argument) on malformed facts: screening answers out of range
// ("screening.answers.<link id>"), negative numbers ("age_years",
// "medications[1].lorazepam_eq_mg_per_day"), a medication without a name.
Result<EligibilityProposal> propose(const RuleSet& rules, const Instrument& screening, const Facts& facts);

enum class Decision { eligible, not_eligible };
std::string_view to_string(Decision d);

struct EligibilityDecision {
  EligibilityProposal proposal;
  Decision decision = Decision::not_eligible;
  std::string prescriber_id, note;
  std::chrono::sys_seconds decided_at;
  bool overrides_proposal = false;  // the decision differs from a definite proposal
};

// Fails (invalid_argument) without a prescriber ("prescriber_id") or a note ("note").
Result<EligibilityDecision> record_decision(EligibilityProposal proposal, Decision decision,
                                            std::string prescriber_id, std::string note,
                                            std::chrono::sys_seconds decided_at);

}  // namespace kc::measures
