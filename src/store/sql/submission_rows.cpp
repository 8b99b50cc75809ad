// Assignments and submissions (the questionnaire migration).
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/measures_json.h"
#include "store/sql/detail/measures_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

constexpr const char* kAssignmentColumns =
    "a.id, a.patient_id, a.instrument, a.due_s, a.reason, a.appointment_id, a.created_by_kind, a.created_by_id, "
    "a.created_at, (SELECT s.id FROM submissions s WHERE s.assignment_id = a.id ORDER BY s.version DESC LIMIT 1)";

constexpr const char* kSubmissionColumns =
    "id, assignment_id, patient_id, instrument, instrument_version, version, supersedes, entered_by, on_paper, "
    "actor_kind, actor_id, submitted_at, answered_at, correction_reason, score";

std::optional<Id> optional_id(Query& q, int column) {
  if (q.is_null(column)) return std::nullopt;
  return q.int64(column);
}

Assignment assignment_row(Query& q) {
  Assignment a;
  a.id = q.int64(0);
  a.patient_id = q.int64(1);
  a.instrument = q.text(2);
  if (!q.is_null(3)) a.due = instant(q.int64(3));
  a.reason = q.text(4) == "intake" ? AssignmentReason::intake : AssignmentReason::staff;
  a.appointment_id = optional_id(q, 5);
  a.created_by = {q.text(6), q.text(7)};
  a.created_at = instant(q.int64(8));
  a.current_submission = optional_id(q, 9);
  return a;
}

Result<Submission> submission_row(Query& q) {
  Submission s;
  s.id = q.int64(0);
  s.assignment_id = q.int64(1);
  s.patient_id = q.int64(2);
  s.instrument = q.text(3);
  s.instrument_version = q.text(4);
  s.version = static_cast<int>(q.int64(5));
  s.supersedes = optional_id(q, 6);
  s.entered_by = q.text(7) == "patient" ? EnteredBy::patient : EnteredBy::staff;
  s.on_paper = q.int64(8) != 0;
  s.actor = {q.text(9), q.text(10)};
  s.submitted_at = instant(q.int64(11));
  s.answered_at = instant(q.int64(12));
  s.correction_reason = q.text(13);
  auto score = parse_score(q.text(14));
  if (!score) return std::unexpected(score.error());
  s.score = std::move(*score);
  return s;
}

Result<void> read_answers(Connection& db, Submission& s) {
  auto q = db.query("SELECT link_id, value FROM submission_answers WHERE submission_id = ?1 ORDER BY position");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, s.id).each([&](Query& r) { s.answers.push_back({r.text(0), static_cast<int>(r.int64(1))}); });
}

Result<void> insert_answers(Connection& db, Id submission_id, const std::vector<measures::LinkedAnswer>& answers) {
  for (std::size_t i = 0; i < answers.size(); ++i) {
    auto q = db.query("INSERT INTO submission_answers (submission_id, position, link_id, value) VALUES (?1, ?2, ?3, ?4)");
    if (!q) return std::unexpected(q.error());
    q->bind(1, submission_id).bind(2, static_cast<std::int64_t>(i)).bind(3, answers[i].link_id);
    if (auto ok = q->bind(4, std::int64_t{answers[i].value.value_or(0)}).run(); !ok) return ok;
  }
  return {};
}

Result<std::vector<Id>> ids_of(Query& q) {
  std::vector<Id> ids;
  auto ok = q.each([&](Query& r) { ids.push_back(r.int64(0)); });
  if (!ok) return std::unexpected(ok.error());
  return ids;
}

Result<std::vector<Submission>> read_all(Connection& db, const std::vector<Id>& ids) {
  std::vector<Submission> out;
  for (Id id : ids) {
    auto s = read_submission(db, id);
    if (!s) return std::unexpected(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace

Result<std::optional<Id>> insert_assignment(Connection& db, const Assignment& a, bool skip_if_open) {
  auto q = db.query(
      "INSERT INTO assignments (patient_id, instrument, due_s, reason, appointment_id, created_by_kind, created_by_id, "
      "created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE ?9 = 0 OR NOT EXISTS (SELECT 1 FROM assignments a "
      "WHERE a.patient_id = ?1 AND a.instrument = ?2 AND NOT EXISTS (SELECT 1 FROM submissions s "
      "WHERE s.assignment_id = a.id))");
  if (!q) return std::unexpected(q.error());
  q->bind(1, a.patient_id).bind(2, a.instrument).bind(4, to_string(a.reason)).bind(5, a.appointment_id);
  if (a.due) q->bind(3, seconds(*a.due));
  q->bind(6, a.created_by.kind).bind(7, a.created_by.id).bind(8, seconds(a.created_at));
  if (auto ok = q->bind(9, std::int64_t{skip_if_open ? 1 : 0}).run(); !ok) return std::unexpected(ok.error());
  if (db.changes() == 0) return std::optional<Id>{};
  return std::optional<Id>{db.last_insert_id()};
}

Result<Assignment> read_assignment(Connection& db, Id id) {
  static const std::string sql = fmt::format("SELECT {} FROM assignments a WHERE a.id = ?1", kAssignmentColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no assignment {}", id));
  return assignment_row(*q);
}

Result<std::vector<Assignment>> read_assignments_of(Connection& db, Id patient_id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM assignments a WHERE a.patient_id = ?1 ORDER BY a.id", kAssignmentColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  std::vector<Assignment> out;
  auto ok = q->bind(1, patient_id).each([&](Query& r) { out.push_back(assignment_row(r)); });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<Id> insert_submission(Connection& db, const Submission& s) {
  auto q = db.query(
      "INSERT INTO submissions (assignment_id, patient_id, instrument, instrument_version, version, supersedes, "
      "entered_by, on_paper, actor_kind, actor_id, submitted_at, answered_at, correction_reason, total, band, score) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, s.assignment_id).bind(2, s.patient_id).bind(3, s.instrument).bind(4, s.instrument_version);
  q->bind(5, std::int64_t{s.version}).bind(6, s.supersedes).bind(7, to_string(s.entered_by));
  q->bind(8, std::int64_t{s.on_paper ? 1 : 0}).bind(9, s.actor.kind).bind(10, s.actor.id);
  q->bind(11, seconds(s.submitted_at)).bind(12, seconds(s.answered_at)).bind(13, s.correction_reason);
  if (s.score.total) q->bind(14, std::int64_t{*s.score.total});
  if (s.score.band) q->bind(15, s.score.band->id);
  // The unique keys refuse a second original, or a second correction of one version.
  if (s.supersedes) q->refusing("submission.correction", std::to_string(*s.supersedes));
  else q->refusing("submission.original", std::to_string(s.assignment_id));
  if (auto ok = q->bind(16, score_text(s.score)).run(); !ok) return std::unexpected(ok.error());
  const Id id = db.last_insert_id();
  if (auto ok = insert_answers(db, id, s.answers); !ok) return std::unexpected(ok.error());
  return id;
}

Result<Submission> read_submission(Connection& db, Id id) {
  static const std::string sql = fmt::format("SELECT {} FROM submissions WHERE id = ?1", kSubmissionColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no submission {}", id));
  auto s = submission_row(*q);
  if (!s) return s;
  if (auto ok = read_answers(db, *s); !ok) return std::unexpected(ok.error());
  return s;
}

Result<std::vector<Submission>> read_versions(Connection& db, Id assignment_id) {
  auto q = db.query("SELECT id FROM submissions WHERE assignment_id = ?1 ORDER BY version");
  if (!q) return std::unexpected(q.error());
  auto ids = ids_of(q->bind(1, assignment_id));
  if (!ids) return std::unexpected(ids.error());
  return read_all(db, *ids);
}

Result<std::vector<Submission>> read_current(Connection& db, Id patient_id, std::string_view instrument) {
  auto q = db.query("SELECT s.id FROM submissions s WHERE s.patient_id = ?1 AND s.instrument = ?2 AND NOT EXISTS "
                    "(SELECT 1 FROM submissions n WHERE n.supersedes = s.id) ORDER BY s.answered_at, s.assignment_id");
  if (!q) return std::unexpected(q.error());
  auto ids = ids_of(q->bind(1, patient_id).bind(2, instrument));
  if (!ids) return std::unexpected(ids.error());
  return read_all(db, *ids);
}

}  // namespace kc::store::sql::detail
