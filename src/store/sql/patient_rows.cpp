// Patients: insert, read, optimistic update, search.
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using namespace kc::clinic;

constexpr const char* kColumns =
    "id, given_name, family_name, date_of_birth, sex, email, phone, weight_kg, created_at, updated_at, version, "
    "rems_enrolled_on";

Patient patient_row(Query& q) {
  Patient p;
  p.id = q.int64(0);
  p.given_name = q.text(1);
  p.family_name = q.text(2);
  // Columns written by this store from validated values; defaults only satisfy the types.
  p.date_of_birth = parse_date(q.text(3), "date_of_birth").value_or(date::year_month_day{});
  p.sex = parse_sex(q.text(4), "sex").value_or(Sex::unknown);
  p.email = q.text(5);
  p.phone = q.text(6);
  if (!q.is_null(7)) p.weight_kg = q.real(7);
  p.created_at = instant(q.int64(8));
  p.updated_at = instant(q.int64(9));
  p.version = q.int64(10);
  if (!q.is_null(11)) p.rems_enrolled_on = parse_date(q.text(11), "rems_enrolled_on").value_or(date::year_month_day{});
  return p;
}

void bind_fields(Query& q, const Patient& p) {
  q.bind(1, p.given_name).bind(2, p.family_name).bind(3, format_date(p.date_of_birth)).bind(4, to_string(p.sex));
  q.bind(5, p.email).bind(6, p.phone).bind(7, p.weight_kg).bind(8, seconds(p.updated_at));
  q.bind(11, p.rems_enrolled_on ? std::optional<std::string>(format_date(*p.rems_enrolled_on)) : std::nullopt);
}

// LIKE treats % and _ as wildcards; a name typed by a user is literal text.
std::string like_prefix(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + '%';
}

// A JSON array of ids, read back by json_each in SQL.
std::string location_list(const std::vector<Id>& ids) {
  std::string out = "[";
  for (Id id : ids) out += fmt::format("{}{}", out.size() > 1 ? "," : "", id);
  return out + "]";
}

}  // namespace

std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }
Instant instant(std::int64_t s) { return Instant{std::chrono::seconds(s)}; }

Result<Patient> insert_patient(Connection& db, const Patient& p) {
  auto q = db.query("INSERT INTO patients (given_name, family_name, date_of_birth, sex, email, phone, weight_kg, "
                    "updated_at, created_at, version, rems_enrolled_on) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?11)");
  if (!q) return std::unexpected(q.error());
  bind_fields(*q, p);
  if (auto ok = q->bind(9, seconds(p.created_at)).run(); !ok) return std::unexpected(ok.error());
  return read_patient(db, db.last_insert_id());
}

Result<Patient> read_patient(Connection& db, Id id) {
  static const std::string sql = fmt::format("SELECT {} FROM patients WHERE id = ?1", kColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "id", fmt::format("id: no patient {}", id));
  return patient_row(*q);
}

Result<Patient> write_patient(Connection& db, const Patient& p) {
  auto q = db.query("UPDATE patients SET given_name = ?1, family_name = ?2, date_of_birth = ?3, sex = ?4, "
                    "email = ?5, phone = ?6, weight_kg = ?7, updated_at = ?8, rems_enrolled_on = ?11, version = version + 1 "
                    "WHERE id = ?9 AND version = ?10");
  if (!q) return std::unexpected(q.error());
  bind_fields(*q, p);
  if (auto ok = q->bind(9, p.id).bind(10, p.version).run(); !ok) return std::unexpected(ok.error());
  if (db.changes() == 1) return read_patient(db, p.id);
  auto current = read_patient(db, p.id);
  if (!current) return current;
  return std::unexpected(sql::refusal("patient.update", p.id, current->version));
}

Result<std::vector<Patient>> search_patients(Connection& db, const PatientQuery& query) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM patients WHERE (?1 IS NULL OR given_name LIKE ?1 ESCAPE '\\' OR family_name LIKE ?1 ESCAPE '\\') "
      "AND (?2 IS NULL OR date_of_birth = ?2) "
      "AND (?4 IS NULL OR NOT EXISTS (SELECT 1 FROM patient_care c WHERE c.patient_id = patients.id) "
      "     OR EXISTS (SELECT 1 FROM patient_care c WHERE c.patient_id = patients.id "
      "                AND c.location_id IN (SELECT value FROM json_each(?4)))) "
      "ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id LIMIT ?3",
      kColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  if (!query.name.empty()) q->bind(1, like_prefix(query.name));
  if (query.date_of_birth) q->bind(2, format_date(*query.date_of_birth));
  q->bind(3, std::int64_t{query.limit});
  if (query.location_ids) q->bind(4, location_list(*query.location_ids));
  std::vector<Patient> out;
  auto ok = q->each([&](Query& r) { out.push_back(patient_row(r)); });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace kc::store::sql::detail
