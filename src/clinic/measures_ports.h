#pragma once
// The store port of measurement-based care (records in measures_records.h).
// Same contract as ports.h: thread-safe, and every write applies all or
// nothing. The store, not a check in the core, has the last word on the rules
// that must hold under concurrency:
// - one original submission per assignment (conflict, reason "already_submitted");
// - one correction per version (conflict, reason "superseded": correct the latest);
// - submissions, answers and decisions are never updated or deleted;
// - a flag is acknowledged once (conflict, reason "already_acknowledged");
// - a screening is decided once (conflict, reason "already_decided").
#include <optional>
#include <string_view>
#include <vector>

#include "clinic/measures_records.h"

namespace kc::clinic {

struct NewSubmission {
  Submission submission;                     // id 0
  std::vector<measures::SafetyFlag> flags;   // raised on the patient with it
};

struct StoredSubmission {
  Submission submission;
  std::vector<Flag> flags;
};

struct FlagQuery {
  std::optional<std::vector<Id>> patients;  // only these patients; nullopt: all
  bool open_only = true;
};

class MeasuresStore {
 public:
  virtual ~MeasuresStore() = default;

  virtual Result<Assignment> insert_assignment(const Assignment& assignment) = 0;
  virtual Result<Assignment> assignment(Id id) = 0;                          // not_found
  virtual Result<std::vector<Assignment>> assignments_of(Id patient_id) = 0;  // oldest first

  virtual Result<StoredSubmission> insert_submission(const NewSubmission& submission) = 0;
  virtual Result<Submission> submission(Id id) = 0;                    // not_found
  virtual Result<std::vector<Submission>> versions(Id assignment_id) = 0;  // oldest first
  // The current (latest) version of every submitted assignment of `instrument`
  // for the patient, ordered by when it was answered.
  virtual Result<std::vector<Submission>> current_submissions(Id patient_id, std::string_view instrument) = 0;

  virtual Result<std::vector<Flag>> flags(const FlagQuery& query) = 0;  // oldest first
  virtual Result<Flag> flag(Id id) = 0;                                 // not_found
  virtual Result<Flag> acknowledge(Id flag_id, const Acknowledgement& acknowledgement) = 0;

  virtual Result<Screening> insert_screening(const Screening& screening) = 0;
  virtual Result<Screening> screening(Id id) = 0;                          // not_found
  virtual Result<std::vector<Screening>> screenings_of(Id patient_id) = 0;  // newest first
  virtual Result<Screening> decide(Id screening_id, const ScreeningDecision& decision) = 0;
};

}  // namespace kc::clinic
