// Accounts with their roles and locations.
#include <fmt/format.h>

#include "store/sql/constraint_reasons.h"
#include "store/sql/detail/auth_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using auth::Account;
using clinic::Id;

constexpr const char* kSelect =
    "SELECT id, email, display_name, password_hash, patient_id, disabled, created_at, updated_at, staff_code "
    "FROM accounts ";

// An empty code is stored as NULL: the unique index admits any number of
// unlinked accounts.
std::optional<std::string> code_or_null(const std::string& code) {
  return code.empty() ? std::nullopt : std::optional<std::string>(code);
}

Account account_row(Query& q) {
  Account a;
  a.id = q.int64(0);
  a.email = q.text(1);
  a.display_name = q.text(2);
  a.password_hash = q.text(3);
  if (!q.is_null(4)) a.patient_id = q.int64(4);
  a.disabled = q.int64(5) != 0;
  a.created_at = instant(q.int64(6));
  a.updated_at = instant(q.int64(7));
  if (!q.is_null(8)) a.staff_code = q.text(8);
  return a;
}

Result<void> read_grants(Connection& db, Account& a) {
  auto roles = db.query("SELECT role FROM account_roles WHERE account_id = ?1 ORDER BY role");
  if (!roles) return std::unexpected(roles.error());
  auto ok = roles->bind(1, a.id).each([&](Query& r) {
    if (auto role = auth::parse_role(r.text(0), "role")) a.roles.push_back(*role);  // CHECK keeps them valid
  });
  if (!ok) return ok;
  auto places = db.query("SELECT location_id FROM account_locations WHERE account_id = ?1 ORDER BY location_id");
  if (!places) return std::unexpected(places.error());
  return places->bind(1, a.id).each([&](Query& r) { a.location_ids.push_back(r.int64(0)); });
}

Result<void> write_grants(Connection& db, const Account& a) {
  auto clear = db.query("DELETE FROM account_roles WHERE account_id = ?1");
  if (!clear) return std::unexpected(clear.error());
  if (auto ok = clear->bind(1, a.id).run(); !ok) return ok;
  auto clear_places = db.query("DELETE FROM account_locations WHERE account_id = ?1");
  if (!clear_places) return std::unexpected(clear_places.error());
  if (auto ok = clear_places->bind(1, a.id).run(); !ok) return ok;
  for (auto role : a.roles) {
    auto q = db.query("INSERT INTO account_roles (account_id, role) VALUES (?1, ?2)");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, a.id).bind(2, auth::to_string(role)).run(); !ok) return ok;
  }
  for (Id location : a.location_ids) {
    auto q = db.query("INSERT INTO account_locations (account_id, location_id) VALUES (?1, ?2)");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->bind(1, a.id).bind(2, location).run(); !ok) return ok;
  }
  return {};
}

// A single-row account query with its grants.
Result<std::optional<Account>> one(Connection& db, Query& q) {
  auto row = q.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Account>{};
  auto a = account_row(q);
  if (auto ok = read_grants(db, a); !ok) return std::unexpected(ok.error());
  return std::optional<Account>{std::move(a)};
}

}  // namespace

Result<Account> insert_account(Connection& db, const Account& a) {
  auto q = db.query("INSERT INTO accounts (email, display_name, password_hash, patient_id, disabled, created_at, "
                    "updated_at, staff_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, a.email).bind(2, a.display_name).bind(3, a.password_hash).bind(4, a.patient_id);
  q->bind(5, std::int64_t{a.disabled}).bind(6, seconds(a.created_at)).bind(7, seconds(a.updated_at));
  q->bind(8, code_or_null(a.staff_code));
  if (auto ok = q->refusing("account.create").run(); !ok) return std::unexpected(ok.error());
  Account stored = a;
  stored.id = db.last_insert_id();
  if (auto ok = write_grants(db, stored); !ok) return std::unexpected(ok.error());
  return read_account(db, stored.id);
}

Result<std::optional<Account>> account_by_email(Connection& db, const std::string& email) {
  static const std::string sql = std::string(kSelect) + "WHERE email = ?1";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, email);
  return one(db, *q);
}

Result<Account> read_account(Connection& db, Id id) {
  static const std::string sql = std::string(kSelect) + "WHERE id = ?1";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, id);
  auto found = one(db, *q);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, "id", fmt::format("id: no account {}", id));
  return std::move(**found);
}

Result<std::vector<Account>> staff_accounts(Connection& db) {
  static const std::string sql = std::string(kSelect) + "WHERE patient_id IS NULL ORDER BY id";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  std::vector<Account> out;
  if (auto ok = q->each([&](Query& r) { out.push_back(account_row(r)); }); !ok) return std::unexpected(ok.error());
  for (auto& a : out)
    if (auto ok = read_grants(db, a); !ok) return std::unexpected(ok.error());
  return out;
}

Result<Account> write_account(Connection& db, const Account& a) {
  auto q = db.query(
      "UPDATE accounts SET display_name = ?1, disabled = ?2, updated_at = ?3, staff_code = ?5 WHERE id = ?4");
  if (!q) return std::unexpected(q.error());
  q->bind(1, a.display_name).bind(2, std::int64_t{a.disabled}).bind(3, seconds(a.updated_at)).bind(4, a.id);
  q->bind(5, code_or_null(a.staff_code));
  if (auto ok = q->refusing("account.update").run(); !ok) return std::unexpected(ok.error());
  if (db.changes() != 1) return fail(ErrorCode::not_found, "id", fmt::format("id: no account {}", a.id));
  if (auto ok = write_grants(db, a); !ok) return std::unexpected(ok.error());
  return read_account(db, a.id);
}

Result<void> write_password(Connection& db, Id account_id, const std::string& hash, clinic::Instant at) {
  auto q = db.query("UPDATE accounts SET password_hash = ?1, updated_at = ?2 WHERE id = ?3");
  if (!q) return std::unexpected(q.error());
  if (auto ok = q->bind(1, hash).bind(2, seconds(at)).bind(3, account_id).run(); !ok) return ok;
  if (db.changes() != 1) return fail(ErrorCode::not_found, "id", fmt::format("id: no account {}", account_id));
  return {};
}

}  // namespace kc::store::sql::detail
