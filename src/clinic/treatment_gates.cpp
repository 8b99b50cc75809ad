#include "clinic/treatment_gates.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace kc::clinic {
namespace {

struct GateName {
  Gate gate;
  std::string_view id;
};

constexpr std::array<GateName, 4> kGates = {{
    {Gate::adult, "adult"},
    {Gate::eligible_decision, "eligible_decision"},
    {Gate::no_open_urgent_flag, "no_open_urgent_flag"},
    {Gate::rems_enrolment, "rems_enrolment"},
}};

std::string unmet_message(const GateRule& rule, measures::Treatment treatment, const GateFacts& facts) {
  switch (rule.gate) {
    case Gate::adult:
      return fmt::format("the patient is {} on the visit's date; {} needs {} or older",
                         age_on(facts.date_of_birth, facts.visit_day), measures::to_string(treatment),
                         rule.minimum_age_years);
    case Gate::eligible_decision:
      return facts.latest_decision ? "the latest screening decision is 'not eligible'"
                                   : fmt::format("no prescriber has decided the patient eligible for {}; screen and "
                                                 "record the decision first",
                                                 measures::to_string(treatment));
    case Gate::no_open_urgent_flag:
      return fmt::format("{} urgent safety flag(s) open: a clinician acknowledges them after evaluating the patient",
                         facts.open_urgent_flags);
    case Gate::rems_enrolment:
      return "the patient is not enrolled in the SPRAVATO REMS; record the enrolment first";
  }
  return {};
}

bool met(const GateRule& rule, const GateFacts& facts) {
  switch (rule.gate) {
    case Gate::adult: return age_on(facts.date_of_birth, facts.visit_day) >= rule.minimum_age_years;
    case Gate::eligible_decision: return facts.latest_decision == measures::Decision::eligible;
    case Gate::no_open_urgent_flag: return facts.open_urgent_flags == 0;
    case Gate::rems_enrolment:
      return facts.rems_enrolled_on.has_value() &&
             date::sys_days{*facts.rems_enrolled_on} <= date::sys_days{facts.visit_day};
  }
  return false;
}

}  // namespace

std::string_view to_string(Gate gate) {
  for (const auto& g : kGates)
    if (g.gate == gate) return g.id;
  return "?";
}

std::optional<Gate> parse_gate(std::string_view text) {
  for (const auto& g : kGates)
    if (g.id == text) return g.gate;
  return std::nullopt;
}

Error gate_refusal(Gate gate, std::string message) {
  switch (gate) {
    case Gate::adult: return Error{ErrorCode::precondition_failed, "type", std::move(message), "under_minimum_age"};
    case Gate::eligible_decision:
      return Error{ErrorCode::precondition_failed, "type", std::move(message), "no_eligible_decision"};
    case Gate::no_open_urgent_flag:
      return Error{ErrorCode::precondition_failed, "type", std::move(message), "open_urgent_flag"};
    case Gate::rems_enrolment:
      return Error{ErrorCode::precondition_failed, "type", std::move(message), "rems_not_enrolled"};
  }
  return Error{ErrorCode::internal, "type", std::move(message)};
}

std::string refusal_code(Gate gate) { return gate_refusal(gate, "").reason; }

std::optional<measures::Treatment> TreatmentGates::treatment(const std::string& type) const {
  auto it = treatment_of_type.find(type);
  if (it == treatment_of_type.end()) return std::nullopt;
  return it->second;
}

int age_on(date::year_month_day born, date::year_month_day day) {
  int years = static_cast<int>(day.year()) - static_cast<int>(born.year());
  const auto birthday_passed = date::month_day{day.month(), day.day()} >= date::month_day{born.month(), born.day()};
  return birthday_passed ? years : years - 1;
}

std::vector<UnmetGate> unmet_gates(const TreatmentGates& gates, measures::Treatment treatment, const GateFacts& facts) {
  std::vector<UnmetGate> out;
  for (const auto& rule : gates.rules) {
    if (std::find(rule.treatments.begin(), rule.treatments.end(), treatment) == rule.treatments.end()) continue;
    if (met(rule, facts)) continue;
    out.push_back({rule.gate, unmet_message(rule, treatment, facts), rule.resolved_by, rule.source});
  }
  return out;
}

}  // namespace kc::clinic
