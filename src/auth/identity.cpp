#include "auth/identity.h"

#include <fmt/format.h>

#include <algorithm>

#include "auth/secrets.h"

namespace kc::auth {

std::string normalize_email(std::string_view email) {
  const auto begin = email.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  email = email.substr(begin, email.find_last_not_of(" \t\r\n") - begin + 1);
  std::string out(email);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

Result<void> check_email(std::string_view e, std::string_view field) {
  const auto at = e.find('@');
  const bool plain = std::none_of(e.begin(), e.end(), [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
  const bool shaped = at != std::string_view::npos && at > 0 && e.find('@', at + 1) == std::string_view::npos &&
                      e.find('.', at + 2) != std::string_view::npos && e.back() != '.';
  if (e.size() < 3 || e.size() > 254 || !plain || !shaped)
    return fail(ErrorCode::invalid_argument, std::string(field), fmt::format("{}: is not an email address", field));
  return {};
}

std::string account_key(std::string_view normalized_email) { return sha256_hex(normalized_email); }

Principal principal_for(const Account& a) {
  Principal p;
  p.kind = a.is_patient() ? Principal::Kind::patient : Principal::Kind::staff;
  p.via = Principal::Via::session;
  p.account_id = a.id;
  p.email = a.email;
  p.display_name = a.display_name;
  p.roles = a.roles;
  p.location_ids = a.location_ids;
  p.patient_id = a.patient_id;
  p.staff_code = a.staff_code;
  p.permissions = permissions_of(a.roles);
  return p;
}

Principal principal_for(const Account& a, const TokenRecord& token) {
  auto p = principal_for(a);
  p.via = Principal::Via::token;
  p.token_id = token.id;
  p.permissions = token.scope & token_grantable(p.permissions);
  return p;
}

}  // namespace kc::auth
