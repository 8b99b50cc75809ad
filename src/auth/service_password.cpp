// A signed-in user's password change.
#include "auth/identity.h"
#include "auth/secrets.h"
#include "auth/service.h"

namespace kc::auth {
namespace {

LoginRefusal wrong_current() {
  return {Error{ErrorCode::invalid_argument, "current_password", "current_password: is not your current password",
                "wrong_password"},
          {}};
}

// The policy speaks of "password"; here the field is the new one.
LoginRefusal refused_new(Error e) {
  e.field = "new_password";
  if (e.message.starts_with("password")) e.message = "new_" + e.message;
  return {std::move(e), {}};
}

}  // namespace

std::expected<void, LoginRefusal> AuthService::change_password(const Principal& who, std::string_view session_secret,
                                                               std::string_view current, std::string_view next,
                                                               const std::string& client) {
  auto refuse = [](Error e) { return std::unexpected(LoginRefusal{std::move(e), {}}); };
  auto account = store_.account(who.account_id);
  if (!account) return refuse(account.error());
  const auto key = account_key(account->email);
  if (auto refused = throttle_check(key, client)) return std::unexpected(*refused);
  const bool ok = hasher_.verify(account->password_hash, current);
  if (auto r = store_.record_attempt(key, client, clock_.now(), ok); !r) return refuse(r.error());
  if (!ok) return std::unexpected(wrong_current());
  if (auto policy = check_new_password(next, account->email); !policy) return std::unexpected(refused_new(policy.error()));
  auto hash = hasher_.hash(next);
  if (!hash) return refuse(hash.error());
  if (auto stored = store_.set_password(account->id, *hash, clock_.now(), sha256_hex(session_secret)); !stored)
    return refuse(stored.error());
  return {};
}

}  // namespace kc::auth
