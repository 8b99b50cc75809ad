// SqliteStore as the MeasuresStore: reads on pooled readers, writes through the writer.
#include "store/sqlite/detail/measures_rows.h"
#include "store/sqlite/detail/pool.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store::sqlite {

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

Result<Assignment> SqliteStore::insert_assignment(const Assignment& assignment) {
  return writer_->write<Assignment>([&](Connection& db) -> Result<Assignment> {
    auto id = detail::insert_assignment(db, assignment, false);
    if (!id) return std::unexpected(id.error());
    return detail::read_assignment(db, id->value_or(0));
  });
}

Result<Assignment> SqliteStore::assignment(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_assignment(db, id); });
}

Result<std::vector<Assignment>> SqliteStore::assignments_of(Id patient_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_assignments_of(db, patient_id); });
}

Result<StoredSubmission> SqliteStore::insert_submission(const NewSubmission& submission) {
  return writer_->write<StoredSubmission>([&](Connection& db) { return write_submission(db, submission); });
}

Result<Submission> SqliteStore::submission(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_submission(db, id); });
}

Result<std::vector<Submission>> SqliteStore::versions(Id assignment_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_versions(db, assignment_id); });
}

Result<std::vector<Submission>> SqliteStore::current_submissions(Id patient_id, std::string_view instrument) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_current(db, patient_id, instrument); });
}

Result<std::vector<Flag>> SqliteStore::flags(const FlagQuery& query) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_flags(db, query); });
}

Result<Flag> SqliteStore::flag(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_flag(db, id); });
}

Result<Flag> SqliteStore::acknowledge(Id flag_id, const Acknowledgement& acknowledgement) {
  return writer_->write<Flag>([&](Connection& db) -> Result<Flag> {
    if (auto ok = detail::write_acknowledgement(db, flag_id, acknowledgement); !ok) return std::unexpected(ok.error());
    return detail::read_flag(db, flag_id);
  });
}

Result<Screening> SqliteStore::insert_screening(const Screening& screening) {
  return writer_->write<Screening>([&](Connection& db) -> Result<Screening> {
    auto id = detail::insert_screening(db, screening);
    if (!id) return std::unexpected(id.error());
    return detail::read_screening(db, *id);
  });
}

Result<Screening> SqliteStore::screening(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_screening(db, id); });
}

Result<std::vector<Screening>> SqliteStore::screenings_of(Id patient_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_screenings_of(db, patient_id); });
}

Result<Screening> SqliteStore::decide(Id screening_id, const ScreeningDecision& decision) {
  return writer_->write<Screening>([&](Connection& db) -> Result<Screening> {
    if (auto ok = detail::insert_decision(db, screening_id, decision); !ok) return std::unexpected(ok.error());
    return detail::read_screening(db, screening_id);
  });
}

}  // namespace kc::store::sqlite
