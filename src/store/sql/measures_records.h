#pragma once
// Measurement-based care's port (clinic/measures_ports.h) over any SQL
// engine: assignments, submissions with their answers and flags (one write
// job each), acknowledgements, screenings and decisions. The schema's unique
// keys and triggers keep submissions, answers, acknowledged flags and
// decisions from ever changing; constraint_reasons.h names the refusals.
#include "clinic/measures_ports.h"
#include "store/sql/engine.h"

namespace kc::store::sql {

class MeasuresRecords : public clinic::MeasuresStore {
 public:
  explicit MeasuresRecords(Engine& engine) : engine_(engine) {}

  Result<clinic::Assignment> insert_assignment(const clinic::Assignment& assignment) override;
  Result<clinic::Assignment> assignment(clinic::Id id) override;
  Result<std::vector<clinic::Assignment>> assignments_of(clinic::Id patient_id) override;
  Result<clinic::StoredSubmission> insert_submission(const clinic::NewSubmission& submission) override;
  Result<clinic::Submission> submission(clinic::Id id) override;
  Result<std::vector<clinic::Submission>> versions(clinic::Id assignment_id) override;
  Result<std::vector<clinic::Submission>> current_submissions(clinic::Id patient_id, std::string_view instrument) override;
  Result<std::vector<clinic::Flag>> flags(const clinic::FlagQuery& query) override;
  Result<clinic::Flag> flag(clinic::Id id) override;
  Result<clinic::Flag> acknowledge(clinic::Id flag_id, const clinic::Acknowledgement& acknowledgement) override;
  Result<clinic::Screening> insert_screening(const clinic::Screening& screening) override;
  Result<clinic::Screening> screening(clinic::Id id) override;
  Result<std::vector<clinic::Screening>> screenings_of(clinic::Id patient_id) override;
  Result<clinic::Screening> decide(clinic::Id screening_id, const clinic::ScreeningDecision& decision) override;

 private:
  Engine& engine_;
};

}  // namespace kc::store::sql
