#pragma once
// Accounts, sessions, API tokens and audit entries as JSON. Instants are UTC
// ("2026-11-27T18:00:00Z"); locations appear by their codes. No function here
// ever writes a password hash or a token digest.
#include <nlohmann/json.hpp>

#include "auth/access.h"
#include "auth/audit.h"
#include "auth/ports.h"
#include "clinic/directory.h"

namespace kc::http {

std::string format_utc(clinic::Instant t);
nlohmann::json account_json(const clinic::Directory& d, const auth::Account& a);
// Who is logged in: the account, its kind and permissions, and the CSRF token
// to echo (null for API tokens, which need none).
nlohmann::json session_json(const clinic::Directory& d, const auth::Principal& p, const std::string& csrf_token);
nlohmann::json token_json(const auth::TokenRecord& t);
nlohmann::json audit_json(const auth::AuditEntry& e);

}  // namespace kc::http
