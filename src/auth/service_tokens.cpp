// API tokens for integrations: scoped, expiring, revocable, stored as digests.
#include <fmt/format.h>

#include "auth/service.h"

namespace kc::auth {
namespace {

constexpr std::string_view kTokenPrefix = "kc_";
constexpr std::size_t kShownPrefix = 10;  // "kc_" and 7 characters: recognisable, useless to an attacker
constexpr std::size_t kMaxName = 100;

}  // namespace

Result<NewToken> AuthService::create_token(const Principal& owner, std::string name, PermissionSet scope,
                                           std::chrono::days lifetime) {
  if (name.empty() || name.size() > kMaxName)
    return fail(ErrorCode::invalid_argument, "name", "name: must be 1 to 100 characters (what the token is for)");
  const auto grantable = token_grantable(owner.permissions);
  if (scope.empty() || !grantable.contains(scope))
    return fail(ErrorCode::invalid_argument, "scope",
                "scope: name one or more permissions you hold yourself (not account_self or api_tokens)");
  if (lifetime < std::chrono::days(1) || lifetime > settings_.max_token_lifetime)
    return fail(ErrorCode::invalid_argument, "expires_in_days",
                fmt::format("expires_in_days: must be 1 to {}", settings_.max_token_lifetime.count()));
  NewToken out;
  out.secret = new_secret(random_, kTokenPrefix);
  const auto now = clock_.now();
  TokenRecord record{0, sha256_hex(out.secret), out.secret.substr(0, kShownPrefix), owner.account_id, std::move(name),
                     scope, now, now + lifetime, std::nullopt, std::nullopt};
  auto stored = store_.create_token(record);
  if (!stored) return std::unexpected(stored.error());
  out.record = std::move(*stored);
  return out;
}

Result<void> AuthService::revoke_token(const Principal& caller, clinic::Id token_id) {
  auto token = store_.token(token_id);
  if (!token) return std::unexpected(token.error());
  const bool mine = *token && (*token)->account_id == caller.account_id;
  if (!mine && !(*token && caller.permissions.has(Permission::admin_users)))
    return fail(ErrorCode::not_found, "id", fmt::format("id: no token {} of yours", token_id));
  if ((*token)->revoked_at) return {};
  return store_.revoke_token(token_id, clock_.now());
}

}  // namespace kc::auth
