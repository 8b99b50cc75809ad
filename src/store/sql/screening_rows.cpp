// Eligibility screenings and the prescriber's decision (the screening migration).
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/measures_json.h"
#include "store/sql/detail/measures_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

measures::Proposal proposal_of(const std::string& text) {
  for (auto p : {measures::Proposal::eligible, measures::Proposal::needs_review, measures::Proposal::not_eligible})
    if (measures::to_string(p) == text) return p;
  return measures::Proposal::needs_review;
}

Result<Screening> screening_row(Query& q) {
  Screening s;
  s.id = q.int64(0);
  s.patient_id = q.int64(1);
  auto facts = parse_facts(q.text(2));
  if (!facts) return std::unexpected(facts.error());
  s.facts = std::move(*facts);
  if (!q.is_null(3)) s.screening_submission = q.int64(3);
  s.proposal.outcome = proposal_of(q.text(4));
  auto reasons = parse_reasons(q.text(5));
  if (!reasons) return std::unexpected(reasons.error());
  s.proposal.reasons = std::move(*reasons);
  s.proposal.rule_set_version = q.text(6);
  s.created_by = {q.text(7), q.text(8)};
  s.created_at = instant(q.int64(9));
  if (q.is_null(10)) return s;
  const auto decision = q.text(10) == "eligible" ? measures::Decision::eligible : measures::Decision::not_eligible;
  s.decision = ScreeningDecision{decision, q.text(11), q.text(12), q.int64(13) != 0, {q.text(14), q.text(15)},
                                 instant(q.int64(16))};
  return s;
}

constexpr const char* kSelect =
    "SELECT s.id, s.patient_id, s.facts, s.screening_submission_id, s.proposal, s.reasons, s.rule_set_version, "
    "s.created_by_kind, s.created_by_id, s.created_at, d.decision, d.prescriber, d.note, d.overrides_proposal, "
    "d.actor_kind, d.actor_id, d.decided_at FROM screenings s LEFT JOIN screening_decisions d ON d.screening_id = s.id ";

}  // namespace

Result<Id> insert_screening(Connection& db, const Screening& s) {
  auto q = db.query("INSERT INTO screenings (patient_id, treatment, facts, screening_submission_id, proposal, reasons, "
                    "rule_set_version, created_by_kind, created_by_id, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, s.patient_id).bind(2, measures::to_string(s.facts.treatment)).bind(3, facts_text(s.facts));
  q->bind(4, s.screening_submission).bind(5, measures::to_string(s.proposal.outcome));
  q->bind(6, reasons_text(s.proposal.reasons)).bind(7, s.proposal.rule_set_version);
  q->bind(8, s.created_by.kind).bind(9, s.created_by.id).bind(10, seconds(s.created_at));
  if (auto ok = q->run(); !ok) return std::unexpected(ok.error());
  return db.last_insert_id();
}

Result<Screening> read_screening(Connection& db, Id id) {
  static const std::string sql = std::string(kSelect) + "WHERE s.id = ?1";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no screening {}", id));
  return screening_row(*q);
}

Result<std::vector<Screening>> read_screenings_of(Connection& db, Id patient_id) {
  static const std::string sql = std::string(kSelect) + "WHERE s.patient_id = ?1 ORDER BY s.id DESC";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  std::vector<Screening> out;
  std::optional<Error> broken;
  auto ok = q->bind(1, patient_id).each([&](Query& r) {
    auto s = screening_row(r);
    if (s) out.push_back(std::move(*s));
    else if (!broken) broken = s.error();
  });
  if (!ok) return std::unexpected(ok.error());
  if (broken) return std::unexpected(*broken);
  return out;
}

Result<void> insert_decision(Connection& db, Id screening_id, const ScreeningDecision& d) {
  auto q = db.query("INSERT INTO screening_decisions (screening_id, decision, prescriber, note, overrides_proposal, "
                    "actor_kind, actor_id, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, screening_id).bind(2, measures::to_string(d.decision)).bind(3, d.prescriber).bind(4, d.note);
  q->bind(5, std::int64_t{d.overrides_proposal ? 1 : 0}).bind(6, d.actor.kind).bind(7, d.actor.id);
  q->refusing("screening.decision", std::to_string(screening_id));
  return q->bind(8, seconds(d.decided_at)).run();
}

}  // namespace kc::store::sql::detail
