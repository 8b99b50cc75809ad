#include "http/credentials.h"

#include <fmt/format.h>

namespace kc::http {
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// The web app's bundle is served from the same origin; nothing else is loaded,
// and no page may frame ours (clickjacking).
constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    const auto pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::string bearer_token(std::string_view authorization) {
  authorization = trim(authorization);
  if (authorization.size() < 7 || !iequals(authorization.substr(0, 7), "bearer ")) return {};
  return std::string(trim(authorization.substr(7)));
}

std::string session_cookie(std::string_view secret, bool tls) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie, secret, tls ? "; Secure" : "");
}

std::string cleared_session_cookie(bool tls) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}", kSessionCookie, tls ? "; Secure" : "");
}

std::vector<std::pair<std::string_view, std::string_view>> security_headers(std::string_view path, bool tls) {
  std::vector<std::pair<std::string_view, std::string_view>> out{
      {"Content-Security-Policy", kCsp},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (path.starts_with("/api/") || path == "/healthz") out.emplace_back("Cache-Control", "no-store");
  if (tls) out.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return out;
}

}  // namespace kc::http
