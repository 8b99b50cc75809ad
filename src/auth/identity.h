#pragma once
// Emails as login names, and the principal an account stands for.
#include <string>
#include <string_view>

#include "auth/access.h"
#include "auth/ports.h"

namespace kc::auth {

// Trimmed and lower-cased (ASCII). Login, sign-up and the stores all use this form.
std::string normalize_email(std::string_view email);
// invalid_argument on `field` unless a plausible address: 3 to 254 characters,
// one '@' with text on both sides and a dot in the domain, no spaces or controls.
Result<void> check_email(std::string_view normalized, std::string_view field);
// What login throttling counts failures under: the SHA-256 of the normalised
// email, so that a password typed into the email field is never stored.
std::string account_key(std::string_view normalized_email);

// The principal of an account logged in with a session (all its roles'
// permissions) or, with `token`, of an API token (the token's scope, narrowed
// to what the account's roles still grant, so demoting a user shrinks their tokens).
Principal principal_for(const Account& account);
Principal principal_for(const Account& account, const TokenRecord& token);

}  // namespace kc::auth
