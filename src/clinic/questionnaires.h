#pragma once
// Questionnaire use cases: assignments, submissions with their scores and
// safety flags, corrections as new versions, and score trends per instrument.
// No I/O: the instruments and crisis resources are given (read from data/ by
// src/catalog), records go through MeasuresStore.
//
// Who may submit: the patient the assignment belongs to (self-report
// instruments only), or staff — a clinician rating a clinician-administered
// instrument, or anyone transcribing the patient's paper form, which must be
// marked `on_paper`. A patient submitting another patient's assignment is
// refused (forbidden, reason "not_your_assignment") before anything is read
// from the answers. Bad answers (out of range, unknown link id, an answer to
// an item the skip logic disables) are invalid_argument naming the item
// ("answers.phq9_9"); nothing is stored.
//
// Thread-safe as long as the store is.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/measures/outcomes.h"
#include "clinic/measures/safety.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"

namespace kc::clinic {

struct AssignRequest {
  Id patient_id = 0;
  std::string instrument;
  std::optional<Instant> due;
};

// Who records a submission; the HTTP edge fills it from the session.
struct Submitter {
  std::optional<Id> patient;  // the patient acting for themself; nullopt: staff
  bool on_paper = false;      // staff transcribing the patient's paper form
  Actor actor;
};

struct CorrectionRequest {
  std::vector<measures::LinkedAnswer> answers;  // the whole corrected questionnaire
  std::string reason;                           // required
};

struct SubmitOutcome {
  StoredSubmission stored;
  // Set when a flag of the score is urgent: shown to the patient at once.
  const measures::CrisisResources* crisis = nullptr;
};

// One point of a score trend: a submission's current version with a total.
struct TrendPoint {
  Id submission_id = 0;
  std::optional<measures::BandResult> band;
  measures::OutcomePoint outcome;
};

struct Trend {
  const measures::Instrument* instrument = nullptr;
  std::optional<Id> baseline_submission;  // the first complete score (the intake)
  std::optional<bool> in_metric_denominator;
  std::vector<TrendPoint> points;         // in the order answered
  std::vector<std::string> notes;         // e.g. why a submission has no point
};

class Questionnaires {
 public:
  Questionnaires(std::vector<measures::Instrument> instruments, measures::CrisisResources crisis,
                 MeasuresStore& store, PatientStore& patients, const Clock& clock);

  const std::vector<measures::Instrument>& instruments() const { return instruments_; }
  // not_found naming `field` for an unknown id.
  Result<const measures::Instrument*> instrument(std::string_view id, std::string_view field = "id") const;

  // Staff assigns one more questionnaire (reason staff). not_found for an
  // unknown patient ("patient_id") or instrument ("instrument").
  Result<Assignment> assign(const AssignRequest& request, const Actor& actor);
  Result<std::vector<Assignment>> assignments(Id patient_id);
  Result<Assignment> assignment(Id id) { return store_.assignment(id); }

  // conflict "already_submitted" when the assignment has a submission (correct it instead).
  Result<SubmitOutcome> submit(Id assignment_id, const std::vector<measures::LinkedAnswer>& answers,
                               const Submitter& who);
  // A new version of the latest version `submission_id` (conflict "superseded"
  // otherwise), by staff. Raises only the flags of kinds no earlier version raised:
  // those already reached a clinician.
  Result<SubmitOutcome> correct(Id submission_id, const CorrectionRequest& request, const Actor& actor);
  Result<Submission> submission(Id id) { return store_.submission(id); }
  Result<std::vector<Submission>> versions(Id assignment_id) { return store_.versions(assignment_id); }

  // History of one instrument's totals with change from baseline, response and
  // remission at every point (from the instrument's data).
  // invalid_argument ("instrument") for an instrument without a total.
  Result<Trend> trend(Id patient_id, std::string_view instrument);

 private:
  Result<void> check_submitter(const Assignment& a, const measures::Instrument& ins, const Submitter& who) const;
  SubmitOutcome outcome(StoredSubmission stored) const;
  Result<std::vector<measures::SafetyFlag>> new_kinds(const Submission& previous,
                                                      const std::vector<measures::SafetyFlag>& flags);

  std::vector<measures::Instrument> instruments_;
  measures::CrisisResources crisis_;
  MeasuresStore& store_;
  PatientStore& patients_;
  const Clock& clock_;
};

}  // namespace kc::clinic
