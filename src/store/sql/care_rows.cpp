// Where patients are in care (patient_care, migration 8): read and append.
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {

using namespace kc::clinic;

Result<std::vector<CareLocation>> care_of(Connection& db, Id patient_id) {
  auto q = db.query("SELECT patient_id, location_id, since_s, by_kind, by_id, reason FROM patient_care "
                    "WHERE patient_id = ?1 ORDER BY since_s, location_id");
  if (!q) return std::unexpected(q.error());
  std::vector<CareLocation> out;
  auto ok = q->bind(1, patient_id).each([&](Query& r) {
    out.push_back({r.int64(0), r.int64(1), instant(r.int64(2)), {r.text(3), r.text(4)}, r.text(5)});
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<CareLocation> insert_care(Connection& db, const CareLocation& c) {
  auto current = care_of(db, c.patient_id);
  if (!current) return std::unexpected(current.error());
  if (in_care_at(*current, c.location_id))
    return std::unexpected(sql::refusal("care.add"));
  auto q = db.query("INSERT INTO patient_care (patient_id, location_id, since_s, by_kind, by_id, reason) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, c.patient_id).bind(2, c.location_id).bind(3, seconds(c.since)).bind(4, c.by.kind).bind(5, c.by.id);
  if (auto ok = q->bind(6, c.reason).run(); !ok) return std::unexpected(ok.error());
  return c;
}

}  // namespace kc::store::sql::detail
