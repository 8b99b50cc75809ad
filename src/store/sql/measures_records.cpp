// The MeasuresStore over the engine: one write job per submission with its flags.
#include "store/sql/detail/measures_rows.h"
#include "store/sql/measures_records.h"

namespace kc::store::sql {

using namespace kc::clinic;

namespace {

// Stores the submission and raises its flags; the flags carry its id and time.
Result<StoredSubmission> write_submission(Connection& db, const NewSubmission& n) {
  auto id = detail::insert_submission(db, n.submission);
  if (!id) return std::unexpected(id.error());
  auto stored = detail::read_submission(db, *id);
  if (!stored) return std::unexpected(stored.error());
  StoredSubmission out{std::move(*stored), {}};
  for (const auto& f : n.flags) {
    auto flag_id = detail::insert_flag(db, out.submission, f);
    if (!flag_id) return std::unexpected(flag_id.error());
    auto flag = detail::read_flag(db, *flag_id);
    if (!flag) return std::unexpected(flag.error());
    out.flags.push_back(std::move(*flag));
  }
  return out;
}

}  // namespace

Result<Assignment> MeasuresRecords::insert_assignment(const Assignment& assignment) {
  return engine_.write<Assignment>([&](Connection& db) -> Result<Assignment> {
    auto id = detail::insert_assignment(db, assignment, false);
    if (!id) return std::unexpected(id.error());
    return detail::read_assignment(db, id->value_or(0));
  });
}

Result<Assignment> MeasuresRecords::assignment(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_assignment(db, id); });
}

Result<std::vector<Assignment>> MeasuresRecords::assignments_of(Id patient_id) {
  return engine_.read([&](Connection& db) { return detail::read_assignments_of(db, patient_id); });
}

Result<StoredSubmission> MeasuresRecords::insert_submission(const NewSubmission& submission) {
  return engine_.write<StoredSubmission>([&](Connection& db) { return write_submission(db, submission); });
}

Result<Submission> MeasuresRecords::submission(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_submission(db, id); });
}

Result<std::vector<Submission>> MeasuresRecords::versions(Id assignment_id) {
  return engine_.read([&](Connection& db) { return detail::read_versions(db, assignment_id); });
}

Result<std::vector<Submission>> MeasuresRecords::current_submissions(Id patient_id, std::string_view instrument) {
  return engine_.read([&](Connection& db) { return detail::read_current(db, patient_id, instrument); });
}

Result<std::vector<Flag>> MeasuresRecords::flags(const FlagQuery& query) {
  return engine_.read([&](Connection& db) { return detail::read_flags(db, query); });
}

Result<Flag> MeasuresRecords::flag(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_flag(db, id); });
}

Result<Flag> MeasuresRecords::acknowledge(Id flag_id, const Acknowledgement& acknowledgement) {
  return engine_.write<Flag>([&](Connection& db) -> Result<Flag> {
    if (auto ok = detail::write_acknowledgement(db, flag_id, acknowledgement); !ok) return std::unexpected(ok.error());
    return detail::read_flag(db, flag_id);
  });
}

Result<Screening> MeasuresRecords::insert_screening(const Screening& screening) {
  return engine_.write<Screening>([&](Connection& db) -> Result<Screening> {
    auto id = detail::insert_screening(db, screening);
    if (!id) return std::unexpected(id.error());
    return detail::read_screening(db, *id);
  });
}

Result<Screening> MeasuresRecords::screening(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_screening(db, id); });
}

Result<std::vector<Screening>> MeasuresRecords::screenings_of(Id patient_id) {
  return engine_.read([&](Connection& db) { return detail::read_screenings_of(db, patient_id); });
}

Result<Screening> MeasuresRecords::decide(Id screening_id, const ScreeningDecision& decision) {
  return engine_.write<Screening>([&](Connection& db) -> Result<Screening> {
    if (auto ok = detail::insert_decision(db, screening_id, decision); !ok) return std::unexpected(ok.error());
    return detail::read_screening(db, screening_id);
  });
}

}  // namespace kc::store::sql
