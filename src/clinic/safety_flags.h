#pragma once
// Safety flags on patients (raised by submissions, questionnaires.h) and their
// acknowledgement by a clinician: who (a prescriber or nurse of the
// directory), when (the clock), and the action taken (required text). A flag
// is acknowledged once; the record is then final.
//
// Two views: a patient's flags with their reasons (clinical), and which
// patients have an open flag (the day board, front desk), which says that a
// flag exists and nothing about the answers.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "clinic/directory.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"

namespace kc::clinic {

struct AcknowledgeRequest {
  std::string staff;         // the signed-in account's staff record (signer.h)
  std::string action_taken;  // required
};

struct FlagBoardQuery {
  std::string location;                        // empty: every patient
  std::optional<date::year_month_day> date;    // with a location: that local day (default today)
  bool open_only = true;
};

class SafetyFlags {
 public:
  SafetyFlags(MeasuresStore& store, ClinicStore& clinic, const Directory& directory, const Clock& clock)
      : store_(store), clinic_(clinic), directory_(directory), clock_(clock) {}

  // not_found for an unknown patient.
  Result<std::vector<Flag>> of_patient(Id patient_id, bool open_only);
  // Flags of the patients with an appointment (not cancelled) at the location
  // on the day; not_found for an unknown location ("location").
  Result<std::vector<Flag>> board(const FlagBoardQuery& query);
  // Which of `patients` have an open flag.
  Result<std::set<Id>> flagged(const std::vector<Id>& patients);
  // invalid_argument for a missing action ("action_taken"); forbidden when the
  // signer is no prescriber or nurse (signer.h); conflict "already_acknowledged".
  Result<Flag> acknowledge(Id flag_id, const AcknowledgeRequest& request, const Actor& actor);

 private:
  Result<std::vector<Id>> patients_at(const std::string& location, std::optional<date::year_month_day> date);

  MeasuresStore& store_;
  ClinicStore& clinic_;
  const Directory& directory_;
  const Clock& clock_;
};

}  // namespace kc::clinic
