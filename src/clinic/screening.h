#pragma once
// Eligibility screening of a patient before any infusion (issue 5): recorded
// facts plus the patient's latest medical-screening answers go through the
// rule set (measures/eligibility.h), which proposes eligible, needs review or
// not eligible with reasons. The tool never decides: a prescriber records the
// decision and a note, kept with the proposal, its reasons and the rule-set
// version. A screening is decided once; new facts mean a new screening.
//
// Facts the clinic already holds are not asked again: the age comes from the
// patient's date of birth on the clinic's current date (UTC).
#include <optional>
#include <string>
#include <vector>

#include "clinic/directory.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"

namespace kc::clinic {

struct ScreeningRequest {
  measures::Treatment treatment = measures::Treatment::iv_ketamine;
  std::optional<bool> pregnant;
  std::optional<int> systolic_mmhg, diastolic_mmhg;
  std::optional<std::vector<measures::Medication>> medications;  // nullopt: not recorded; empty: none
};

struct DecisionRequest {
  measures::Decision decision = measures::Decision::not_eligible;
  std::string prescriber;  // the signed-in account's staff record (signer.h); a prescriber
  std::string note;
};

class Screenings {
 public:
  // `screening` is the instrument whose answers the rules read (rules.screening_instrument).
  Screenings(measures::RuleSet rules, measures::Instrument screening, MeasuresStore& store, PatientStore& patients,
             const Directory& directory, const Clock& clock);

  const measures::RuleSet& rules() const { return rules_; }
  // not_found for an unknown patient; invalid_argument for malformed facts.
  Result<Screening> screen(Id patient_id, const ScreeningRequest& request, const Actor& actor);
  // forbidden when the signer is no prescriber (signer.h); invalid_argument
  // for no note ("note"); conflict "already_decided".
  Result<Screening> decide(Id screening_id, const DecisionRequest& request, const Actor& actor);
  Result<Screening> get(Id id) { return store_.screening(id); }
  Result<std::vector<Screening>> of_patient(Id patient_id);

 private:
  Result<std::optional<Id>> latest_answers(Id patient_id, measures::Answers& answers);
  Result<std::vector<std::string>> open_urgent_flags(Id patient_id);

  measures::RuleSet rules_;
  measures::Instrument screening_;
  MeasuresStore& store_;
  PatientStore& patients_;
  const Directory& directory_;
  const Clock& clock_;
};

// Whole years from `born` to `today`.
int age_years(date::year_month_day born, date::year_month_day today);

}  // namespace kc::clinic
