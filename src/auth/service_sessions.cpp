// Login, logout, sessions, bearer tokens and throttling.
#include <fmt/format.h>

#include <algorithm>

#include "auth/identity.h"
#include "auth/service.h"

namespace kc::auth {
namespace {

LoginRefusal invalid_credentials() {
  return {Error{ErrorCode::unauthorized, "", "the email or the password is wrong", "invalid_credentials"}, {}};
}

std::unexpected<Error> expired() {
  return fail(ErrorCode::unauthorized, "", "the session has ended; log in again", "session_expired");
}

std::unexpected<Error> invalid_token() {
  return fail(ErrorCode::unauthorized, "", "the API token is unknown, revoked or expired", "invalid_token");
}

}  // namespace

AuthService::AuthService(AuthStore& store, const clinic::Clock& clock, Random& random, const PasswordHasher& hasher,
                         Blocklist blocklist, AuthSettings settings, const clinic::Directory* staff_records)
    : store_(store), clock_(clock), random_(random), hasher_(hasher), blocklist_(std::move(blocklist)),
      settings_(settings), staff_records_(staff_records) {}

std::optional<LoginRefusal> AuthService::throttle_check(const std::string& key, const std::string& client) {
  const auto now = clock_.now();
  const int limit = std::max(settings_.throttle.account_failures, settings_.throttle.client_failures);
  auto recent = store_.recent_failures(key, client, now - settings_.throttle.window, limit);
  if (!recent) return LoginRefusal{recent.error(), {}};
  auto wait = throttled({recent->first, recent->second}, now, settings_.throttle);
  if (!wait) return std::nullopt;
  const auto minutes = (wait->count() + 59) / 60;
  return LoginRefusal{Error{ErrorCode::rate_limited, "",
                            fmt::format("too many failed attempts; try again in {} minute{}", minutes,
                                        minutes == 1 ? "" : "s"),
                            "too_many_attempts"},
                      *wait};
}

std::expected<NewSession, LoginRefusal> AuthService::login(std::string_view email, std::string_view password,
                                                           const std::string& client) {
  const auto normalized = normalize_email(email);
  const auto key = account_key(normalized);
  if (auto refused = throttle_check(key, client)) return std::unexpected(*refused);
  auto found = store_.account_by_email(normalized);
  if (!found) return std::unexpected(LoginRefusal{found.error(), {}});
  bool ok = false;
  if (*found && !(*found)->disabled) ok = hasher_.verify((*found)->password_hash, password);
  else hasher_.verify_dummy(password);  // the same effort for unknown and disabled accounts
  if (auto r = store_.record_attempt(key, client, clock_.now(), ok); !r) return std::unexpected(LoginRefusal{r.error(), {}});
  if (!ok) return std::unexpected(invalid_credentials());
  auto session = open_session(**found, client);
  if (!session) return std::unexpected(LoginRefusal{session.error(), {}});
  return std::move(*session);
}

Result<NewSession> AuthService::open_session(const Account& account, const std::string& client) {
  NewSession s{new_secret(random_), {}, principal_for(account)};
  s.csrf_token = csrf_token_for(s.secret);
  const auto now = clock_.now();
  if (auto ok = store_.create_session({sha256_hex(s.secret), account.id, now, now, client}); !ok)
    return std::unexpected(ok.error());
  return s;
}

Result<Principal> AuthService::from_session(std::string_view secret) {
  const auto hash = sha256_hex(secret);
  auto record = store_.session(hash);
  if (!record) return std::unexpected(record.error());
  if (!*record) return expired();
  auto account = store_.account((*record)->account_id);
  if (!account) return std::unexpected(account.error());
  const auto now = clock_.now();
  const auto state = session_state((*record)->created_at, (*record)->last_seen_at, account->is_patient(), now,
                                   settings_.session);
  if (state != SessionState::active || account->disabled) {
    if (auto gone = store_.delete_session(hash); !gone) return std::unexpected(gone.error());
    return expired();
  }
  if (needs_touch((*record)->last_seen_at, now, settings_.session))
    if (auto ok = store_.touch_session(hash, now); !ok) return std::unexpected(ok.error());
  return principal_for(*account);
}

Result<Principal> AuthService::from_token(std::string_view token) {
  auto record = store_.token_by_hash(sha256_hex(token));
  if (!record) return std::unexpected(record.error());
  const auto now = clock_.now();
  if (!*record || (*record)->revoked_at || ((*record)->expires_at && *(*record)->expires_at <= now)) return invalid_token();
  auto account = store_.account((*record)->account_id);
  if (!account) return std::unexpected(account.error());
  if (account->disabled) return invalid_token();
  if (!(*record)->last_used_at || needs_touch(*(*record)->last_used_at, now, settings_.session))
    if (auto ok = store_.touch_token((*record)->id, now); !ok) return std::unexpected(ok.error());
  return principal_for(*account, **record);
}

Result<void> AuthService::logout(std::string_view secret) { return store_.delete_session(sha256_hex(secret)); }

Result<AuditEntry> AuthService::audit(AuditEntry entry) {
  entry.at = clock_.now();
  return store_.append_audit(entry);
}

}  // namespace kc::auth
