#pragma once
// The records of measurement-based care (issue 5), as plain values: a
// questionnaire assigned to a patient, its submissions (immutable; a
// correction is a new version that supersedes the previous one, which is
// kept), the safety flags a submission raises and their acknowledgement, and
// eligibility screenings with the prescriber's decision. Scoring, flags and
// eligibility rules themselves live in the pure core src/clinic/measures/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/measures/eligibility.h"
#include "clinic/measures/scoring.h"
#include "clinic/model.h"

namespace kc::clinic {

// Which bookings assign which questionnaires automatically (data/clinic/intake_set.json).
struct IntakeSet {
  std::vector<std::string> appointment_types;  // type codes, e.g. "consultation"
  std::vector<std::string> instruments;        // instrument ids, in the order a client shows them
  std::string source;
  bool applies_to(std::string_view type_code) const;
};

enum class AssignmentReason { intake, staff };
std::string_view to_string(AssignmentReason reason);

struct Assignment {
  Id id = 0;
  Id patient_id = 0;
  std::string instrument;
  std::optional<Instant> due;  // intake: the start of the consultation that assigned it
  AssignmentReason reason = AssignmentReason::staff;
  std::optional<Id> appointment_id;  // intake: that consultation
  Actor created_by;
  Instant created_at;
  std::optional<Id> current_submission;  // filled by the store: the latest version, once submitted
};

enum class EnteredBy { patient, staff };
std::string_view to_string(EnteredBy by);

struct Submission {
  Id id = 0;
  Id assignment_id = 0;
  Id patient_id = 0;
  std::string instrument, instrument_version;
  int version = 1;                  // 1 for the original; a correction is previous + 1
  std::optional<Id> supersedes;     // the version this one corrects
  std::vector<measures::LinkedAnswer> answers;  // answered items only, in item order
  EnteredBy entered_by = EnteredBy::patient;
  bool on_paper = false;  // staff transcribed the patient's paper form
  Actor actor;
  Instant submitted_at;  // when this version was recorded
  Instant answered_at;   // when the questionnaire was answered: the original's submitted_at
  std::string correction_reason;  // versions after the first
  measures::ScoreResult score;    // scored when recorded, kept as recorded
};

struct Acknowledgement {
  std::string staff;  // code of the clinician who acknowledged
  Actor actor;
  Instant at;
  std::string action_taken;
};

struct Flag {
  Id id = 0;
  Id patient_id = 0;
  Id submission_id = 0;
  std::string instrument;
  measures::SafetyFlag raised;
  Instant raised_at;
  std::optional<Acknowledgement> acknowledgement;
  bool open() const { return !acknowledgement.has_value(); }
};

struct ScreeningDecision {
  measures::Decision decision = measures::Decision::not_eligible;
  std::string prescriber;  // staff code of the prescriber who decided
  std::string note;
  bool overrides_proposal = false;
  Actor actor;
  Instant decided_at;
};

struct Screening {
  Id id = 0;
  Id patient_id = 0;
  measures::Facts facts;
  std::optional<Id> screening_submission;  // the medical-screening answers the engine read, if any
  measures::EligibilityProposal proposal;
  Actor created_by;
  Instant created_at;
  std::optional<ScreeningDecision> decision;
};

}  // namespace kc::clinic
