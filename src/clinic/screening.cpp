#include "clinic/screening.h"

#include <fmt/format.h>

#include "clinic/signer.h"

namespace kc::clinic {

int age_years(date::year_month_day born, date::year_month_day today) {
  int years = static_cast<int>(today.year()) - static_cast<int>(born.year());
  if (date::month_day{today.month(), today.day()} < date::month_day{born.month(), born.day()}) --years;
  return years;
}

Screenings::Screenings(measures::RuleSet rules, measures::Instrument screening, MeasuresStore& store,
                       PatientStore& patients, const Directory& directory, const Clock& clock)
    : rules_(std::move(rules)), screening_(std::move(screening)), store_(store), patients_(patients),
      directory_(directory), clock_(clock) {}

// The current version of the latest submitted medical screening, if any.
Result<std::optional<Id>> Screenings::latest_answers(Id patient_id, measures::Answers& answers) {
  auto submitted = store_.current_submissions(patient_id, screening_.id);
  if (!submitted) return std::unexpected(submitted.error());
  if (submitted->empty()) return std::optional<Id>{};
  const Submission& latest = submitted->back();
  auto ordered = measures::answers_from_linked(screening_, latest.answers);
  if (!ordered) return std::unexpected(Error{ErrorCode::internal, "", ordered.error().message});
  answers = std::move(*ordered);
  return std::optional<Id>{latest.id};
}

// Kinds of the patient's open urgent flags: what the gate rules read (Facts::open_safety_flags).
Result<std::vector<std::string>> Screenings::open_urgent_flags(Id patient_id) {
  auto flags = store_.flags({.patients = std::vector<Id>{patient_id}, .open_only = true});
  if (!flags) return std::unexpected(flags.error());
  std::vector<std::string> kinds;
  for (const Flag& f : *flags)
    if (f.raised.severity == measures::Severity::urgent) kinds.push_back(f.raised.kind);
  return kinds;
}

Result<Screening> Screenings::screen(Id patient_id, const ScreeningRequest& request, const Actor& actor) {
  auto patient = patients_.patient(patient_id);
  if (!patient) return std::unexpected(patient.error());
  const Instant now = clock_.now();
  Screening s;
  s.patient_id = patient_id;
  s.facts.treatment = request.treatment;
  s.facts.age_years = age_years(patient->date_of_birth, date::year_month_day{std::chrono::floor<date::days>(now)});
  s.facts.pregnant = request.pregnant;
  s.facts.systolic_mmhg = request.systolic_mmhg;
  s.facts.diastolic_mmhg = request.diastolic_mmhg;
  s.facts.medications = request.medications;
  KC_TRY(s.facts.open_safety_flags, open_urgent_flags(patient_id));
  auto source = latest_answers(patient_id, s.facts.screening);
  if (!source) return std::unexpected(source.error());
  s.screening_submission = *source;
  auto proposal = measures::propose(rules_, screening_, s.facts);
  if (!proposal) return std::unexpected(proposal.error());
  s.proposal = std::move(*proposal);
  s.created_by = actor;
  s.created_at = now;
  return store_.insert_screening(s);
}

Result<Screening> Screenings::decide(Id screening_id, const DecisionRequest& request, const Actor& actor) {
  auto signer = signing_staff(directory_, request.prescriber, {Role::prescriber});
  if (!signer) return std::unexpected(signer.error());
  const StaffMember* prescriber = *signer;
  auto screening = store_.screening(screening_id);
  if (!screening) return std::unexpected(Error{screening.error().code, "id", screening.error().message});
  auto record = measures::record_decision(screening->proposal, request.decision, prescriber->code, request.note,
                                          clock_.now());
  if (!record) return std::unexpected(record.error());
  ScreeningDecision d{record->decision, prescriber->code, record->note, record->overrides_proposal, actor,
                      record->decided_at};
  return store_.decide(screening_id, d);
}

Result<std::vector<Screening>> Screenings::of_patient(Id patient_id) {
  if (auto p = patients_.patient(patient_id); !p) return std::unexpected(p.error());
  return store_.screenings_of(patient_id);
}

}  // namespace kc::clinic
