// Patient sign-up, patient logins and staff accounts.
#include <fmt/format.h>

#include <algorithm>

#include "auth/identity.h"
#include "auth/service.h"
#include "auth/staff_link.h"

namespace kc::auth {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kGeneratedBytes = 15;  // 20 characters of base64: 120 bits

bool has_role(const Account& a, Role role) { return std::find(a.roles.begin(), a.roles.end(), role) != a.roles.end(); }

Account new_account(std::string email, std::string display_name, std::vector<Role> roles, clinic::Instant now) {
  Account a;
  a.email = std::move(email);
  a.display_name = std::move(display_name);
  a.roles = std::move(roles);
  a.created_at = a.updated_at = now;
  return a;
}

}  // namespace

Result<void> AuthService::check_new_password(std::string_view password, std::string_view email) const {
  return check_password(password, normalize_email(email), settings_.password, blocklist_);
}

Result<std::string> AuthService::new_password_hash(std::string_view password, std::string_view email) {
  if (auto ok = check_new_password(password, email); !ok) return std::unexpected(ok.error());
  return hasher_.hash(password);
}

std::string AuthService::generate_password() {
  // A 43-character secret cut to 20: random, so no blocklist check is needed.
  return new_secret(random_).substr(0, kGeneratedBytes * 4 / 3);
}

std::expected<std::pair<clinic::Patient, NewSession>, LoginRefusal> AuthService::sign_up(clinic::Patient patient,
                                                                                         std::string_view email,
                                                                                         std::string_view password,
                                                                                         const std::string& client) {
  auto refuse = [](Error e) { return std::unexpected(LoginRefusal{std::move(e), {}}); };
  const auto normalized = normalize_email(email);
  if (auto refused = throttle_check(account_key(normalized), client)) return std::unexpected(*refused);
  if (auto ok = check_email(normalized, "email"); !ok) return refuse(ok.error());
  auto hash = new_password_hash(password, normalized);
  if (!hash) return refuse(hash.error());
  const auto now = clock_.now();
  patient.email = normalized;
  patient.created_at = patient.updated_at = now;
  Account account = new_account(normalized, patient.display_name(), {Role::patient}, now);
  account.password_hash = *hash;
  auto created = store_.create_patient_account(patient, account);
  if (!created) {
    // A taken email counts as a failure of the address, so probing for
    // registered emails through sign-up is throttled like guessing passwords.
    if (created.error().reason == "email_taken") (void)store_.record_attempt(account_key(normalized), client, now, false);
    return refuse(created.error());
  }
  auto session = open_session(created->second, client);
  if (!session) return refuse(session.error());
  return std::pair{std::move(created->first), std::move(*session)};
}

Result<Account> AuthService::add_patient_login(clinic::Id patient_id, std::string_view email,
                                               std::string_view display_name, std::string_view password) {
  const auto normalized = normalize_email(email);
  if (auto ok = check_email(normalized, "email"); !ok) return std::unexpected(ok.error());
  auto hash = new_password_hash(password, normalized);
  if (!hash) return std::unexpected(hash.error());
  const auto now = clock_.now();
  Account account = new_account(normalized, std::string(display_name), {Role::patient}, now);
  account.password_hash = *hash;
  account.patient_id = patient_id;
  return store_.create_account(account);
}

Result<void> AuthService::check_staff(const Account& a) const {
  if (auto ok = check_email(a.email, "email"); !ok) return ok;
  if (a.display_name.empty() || a.display_name.size() > kMaxName)
    return fail(ErrorCode::invalid_argument, "name", "name: must be 1 to 200 characters");
  if (a.roles.empty() || has_role(a, Role::patient))
    return fail(ErrorCode::invalid_argument, "roles",
                "roles: a staff account needs one or more of front_desk, nurse, prescriber, admin");
  const bool needs = std::any_of(a.roles.begin(), a.roles.end(), needs_location);
  if (needs && a.location_ids.empty())
    return fail(ErrorCode::invalid_argument, "locations",
                "locations: front desk, nurses and prescribers work at one or more locations; name them");
  if (a.staff_code.empty()) return {};
  if (staff_records_ == nullptr)
    return fail(ErrorCode::invalid_argument, "staff_code", "staff_code: this server has no staff directory to link to");
  return check_staff_link(a, *staff_records_);
}

Result<NewStaff> AuthService::add_staff(StaffSpec spec) {
  const auto now = clock_.now();
  Account account = new_account(normalize_email(spec.email), spec.display_name, spec.roles, now);
  account.location_ids = spec.location_ids;
  account.staff_code = spec.staff_code;
  if (auto ok = check_staff(account); !ok) return std::unexpected(ok.error());
  NewStaff out;
  if (spec.password.empty()) spec.password = out.generated_password = generate_password();
  auto hash = out.generated_password.empty() ? new_password_hash(spec.password, account.email)
                                             : hasher_.hash(spec.password);
  if (!hash) return std::unexpected(hash.error());
  account.password_hash = *hash;
  auto stored = store_.create_account(account);
  if (!stored) return std::unexpected(stored.error());
  out.account = std::move(*stored);
  return out;
}

namespace {

template <class T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// What an account may not change on itself: the roles, locations and disabled
// flag that decide what it can read (an administrator granting themselves a
// clinical role would read patients' answers).
bool grants_differ(const Account& before, const Account& after) {
  return sorted(before.roles) != sorted(after.roles) || sorted(before.location_ids) != sorted(after.location_ids) ||
         before.disabled != after.disabled || before.staff_code != after.staff_code;
}

}  // namespace

bool roles_differ(const Account& before, const Account& after) { return sorted(before.roles) != sorted(after.roles); }

Result<Account> AuthService::update_staff(Account account, const Principal& by) {
  if (account.is_patient()) return fail(ErrorCode::not_found, "id", fmt::format("id: no staff account {}", account.id));
  if (by.account_id == account.id) {
    auto before = store_.account(account.id);
    if (!before) return std::unexpected(before.error());
    if (grants_differ(*before, account))
      return std::unexpected(Error{ErrorCode::forbidden, "id",
                                   "id: your own roles, locations and access are changed by another administrator",
                                   "own_account"});
  }
  if (auto ok = check_staff(account); !ok) return std::unexpected(ok.error());
  account.updated_at = clock_.now();
  auto stored = store_.update_account(account);
  if (!stored) return stored;
  if (stored->disabled)
    if (auto ok = store_.delete_sessions_of(stored->id); !ok) return std::unexpected(ok.error());
  return stored;
}

}  // namespace kc::auth
