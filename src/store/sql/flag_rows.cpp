// Safety flags and their acknowledgement (the questionnaire migration).
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/measures_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

constexpr const char* kFlagColumns =
    "id, patient_id, submission_id, instrument, kind, severity, reason, source, trigger_item, raised_at, "
    "acknowledged_by, ack_actor_kind, ack_actor_id, acknowledged_at, action_taken";

Flag flag_row(Query& q) {
  Flag f;
  f.id = q.int64(0);
  f.patient_id = q.int64(1);
  f.submission_id = q.int64(2);
  f.instrument = q.text(3);
  f.raised.kind = q.text(4);
  f.raised.severity = q.text(5) == "urgent" ? measures::Severity::urgent : measures::Severity::review;
  f.raised.reason = q.text(6);
  f.raised.source = q.text(7);
  f.raised.trigger = q.text(8);
  f.raised_at = instant(q.int64(9));
  if (!q.is_null(13))
    f.acknowledgement = Acknowledgement{q.text(10), {q.text(11), q.text(12)}, instant(q.int64(13)), q.text(14)};
  return f;
}

// The JSON array of ids for `json_each`, so one prepared statement serves any list.
std::string id_list(const std::vector<Id>& ids) {
  std::string out = "[";
  for (Id id : ids) out += fmt::format("{}{}", out.size() > 1 ? "," : "", id);
  return out + "]";
}

}  // namespace

Result<Id> insert_flag(Connection& db, const Submission& s, const measures::SafetyFlag& f) {
  auto q = db.query("INSERT INTO safety_flags (patient_id, submission_id, instrument, kind, severity, reason, source, "
                    "trigger_item, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, s.patient_id).bind(2, s.id).bind(3, s.instrument).bind(4, f.kind).bind(5, measures::to_string(f.severity));
  q->bind(6, f.reason).bind(7, f.source).bind(8, f.trigger).bind(9, seconds(s.submitted_at));
  if (auto ok = q->run(); !ok) return std::unexpected(ok.error());
  return db.last_insert_id();
}

Result<Flag> read_flag(Connection& db, Id id) {
  static const std::string sql = fmt::format("SELECT {} FROM safety_flags WHERE id = ?1", kFlagColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no safety flag {}", id));
  return flag_row(*q);
}

Result<std::vector<Flag>> read_flags(Connection& db, const FlagQuery& query) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM safety_flags WHERE (?1 IS NULL OR patient_id IN (SELECT value FROM json_each(?1))) "
      "AND (?2 = 0 OR acknowledged_at IS NULL) ORDER BY id",
      kFlagColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  if (query.patients) q->bind(1, id_list(*query.patients));
  q->bind(2, std::int64_t{query.open_only ? 1 : 0});
  std::vector<Flag> out;
  auto ok = q->each([&](Query& r) { out.push_back(flag_row(r)); });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<void> write_acknowledgement(Connection& db, Id flag_id, const Acknowledgement& a) {
  auto q = db.query("UPDATE safety_flags SET acknowledged_by = ?1, ack_actor_kind = ?2, ack_actor_id = ?3, "
                    "acknowledged_at = ?4, action_taken = ?5 WHERE id = ?6 AND acknowledged_at IS NULL");
  if (!q) return std::unexpected(q.error());
  q->bind(1, a.staff).bind(2, a.actor.kind).bind(3, a.actor.id).bind(4, seconds(a.at)).bind(5, a.action_taken);
  if (auto ok = q->bind(6, flag_id).run(); !ok) return ok;
  if (db.changes() == 1) return {};
  return std::unexpected(sql::refusal("flag.acknowledgement", flag_id));
}

}  // namespace kc::store::sql::detail
