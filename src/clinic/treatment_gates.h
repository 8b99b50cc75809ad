#pragma once
// What booking a treatment visit (IV ketamine, esketamine) requires, as data
// (data/clinic/treatment_gates.json): an adult on the visit's date, a recorded
// "eligible" decision, no open urgent safety flag, REMS enrolment for
// esketamine. Pure: the facts come in, the unmet gates go out; the booking
// use case (booking_gates.h) gathers the facts.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "clinic/measures/eligibility.h"

namespace kc::clinic {

enum class Gate { adult, eligible_decision, no_open_urgent_flag, rems_enrolment };
std::string_view to_string(Gate gate);
std::optional<Gate> parse_gate(std::string_view text);
// The refusal of a booking whose first unmet gate is `gate`: precondition_failed
// on field "type" with the gate's code ("under_minimum_age", "no_eligible_decision", ...).
Error gate_refusal(Gate gate, std::string message);
std::string refusal_code(Gate gate);

struct GateRule {
  Gate gate = Gate::adult;
  std::vector<measures::Treatment> treatments;
  // The authenticated clinical action that meets the gate (a prescriber's
  // decision, a clinician's acknowledgement), or why nothing can: the front
  // desk booking the visit never overrides a gate itself.
  std::string resolved_by;
  int minimum_age_years = 18;  // the adult gate's setting
  std::string source;
};

struct TreatmentGates {
  std::map<std::string, measures::Treatment> treatment_of_type;  // appointment type code -> treatment
  std::vector<GateRule> rules;
  // The treatment a type delivers; nullopt for a consultation or follow-up.
  std::optional<measures::Treatment> treatment(const std::string& type) const;
};

struct GateFacts {
  date::year_month_day date_of_birth;
  date::year_month_day visit_day;  // the first visit's local date
  std::optional<measures::Decision> latest_decision;  // of the latest decided screening for the treatment
  int open_urgent_flags = 0;
  std::optional<date::year_month_day> rems_enrolled_on;
};

struct UnmetGate {
  Gate gate = Gate::adult;
  std::string message;  // for the person booking: what is missing
  std::string resolved_by;
  std::string source;
};

// Age in whole years on `day` (a birthday on 29 February counts from 1 March
// in other years).
int age_on(date::year_month_day born, date::year_month_day day);

// The gates of `treatment` the facts do not meet, in the rule file's order.
std::vector<UnmetGate> unmet_gates(const TreatmentGates& gates, measures::Treatment treatment, const GateFacts& facts);

}  // namespace kc::clinic
