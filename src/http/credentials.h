#pragma once
// Credentials on the wire: the session cookie, bearer tokens, the CSRF header,
// and the security headers every response carries.
//
// The cookie is `kc_session=<secret>; Path=/; HttpOnly; SameSite=Strict`, plus
// `Secure` when the server speaks TLS. It carries no Max-Age: the browser
// forgets it when it closes, and the server ends it after idle or absolute
// expiry (auth/policy.h) whatever the browser keeps.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kc::http {

inline constexpr std::string_view kSessionCookie = "kc_session";

// The value of cookie `name` in a Cookie header ("a=1; kc_session=xyz"), or "".
std::string cookie_value(std::string_view header, std::string_view name);
// The token of "Authorization: Bearer <token>" (scheme case-insensitive), or "".
std::string bearer_token(std::string_view authorization);

std::string session_cookie(std::string_view secret, bool tls);
std::string cleared_session_cookie(bool tls);

// Content-Security-Policy (with frame-ancestors 'none'), X-Content-Type-Options,
// Referrer-Policy, X-Frame-Options, Cross-Origin-Opener-Policy; under /api/ and
// /healthz also Cache-Control: no-store (patient data must not sit in caches);
// with TLS, Strict-Transport-Security.
std::vector<std::pair<std::string_view, std::string_view>> security_headers(std::string_view path, bool tls);

}  // namespace kc::http
