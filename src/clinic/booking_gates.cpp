#include "clinic/booking_gates.h"

#include <fmt/format.h>

#include <algorithm>

#include "clinic/time.h"

namespace kc::clinic {
namespace {

std::optional<measures::Decision> latest_decision(const std::vector<Screening>& newest_first,
                                                  measures::Treatment treatment) {
  for (const auto& s : newest_first)
    if (s.decision && s.facts.treatment == treatment) return s.decision->decision;
  return std::nullopt;
}

Error refusal_of(const UnmetGate& first, std::size_t count) {
  const auto more = count > 1 ? fmt::format(" (and {} more unmet)", count - 1) : std::string();
  return gate_refusal(first.gate, fmt::format("type: {}{}", first.message, more));
}

}  // namespace

Result<GateFacts> BookingGates::facts(const BookingRequest& request, measures::Treatment treatment) const {
  auto patient = patients_.patient(request.patient_id);
  if (!patient) return std::unexpected(Error{patient.error().code, "patient_id", patient.error().message});
  auto location = directory_.find_location(request.location, "location");
  if (!location) return std::unexpected(location.error());
  auto screenings = measures_.screenings_of(request.patient_id);
  if (!screenings) return std::unexpected(screenings.error());
  auto open = measures_.flags({.patients = std::vector<Id>{request.patient_id}, .open_only = true});
  if (!open) return std::unexpected(open.error());
  GateFacts f;
  f.date_of_birth = patient->date_of_birth;
  f.visit_day = date::year_month_day{local_day(request.start, (*location)->zone)};
  f.latest_decision = latest_decision(*screenings, treatment);
  f.open_urgent_flags = static_cast<int>(std::count_if(
      open->begin(), open->end(), [](const Flag& g) { return g.raised.severity == measures::Severity::urgent; }));
  f.rems_enrolled_on = patient->rems_enrolled_on;
  return f;
}

Result<GateCheck> BookingGates::check(const BookingRequest& request) const {
  GateCheck out;
  const auto treatment = gates_.treatment(request.type);
  if (!treatment) return out;
  auto facts_now = facts(request, *treatment);
  if (!facts_now) return std::unexpected(facts_now.error());
  out.unmet = unmet_gates(gates_, *treatment, *facts_now);
  if (!out.unmet.empty()) out.refusal = refusal_of(out.unmet.front(), out.unmet.size());
  return out;
}

}  // namespace kc::clinic
