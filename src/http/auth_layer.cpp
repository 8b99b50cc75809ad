#include "http/auth_layer.h"

#include <spdlog/spdlog.h>

#include "core/text.h"
#include "http/credentials.h"
#include "http/problem.h"

namespace kc::http {
namespace {

ApiResponse refuse(Error error, bool clear_cookie, bool tls) {
  auto response = problem(error);
  if (error.code == ErrorCode::unauthorized) response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ketaclinic\"");
  if (clear_cookie) response.headers.emplace_back("Set-Cookie", cleared_session_cookie(tls));
  return response;
}

Error forbidden(std::string message, std::string reason = "forbidden") {
  return Error{ErrorCode::forbidden, "", std::move(message), std::move(reason)};
}

std::string_view action_of(const Route& route) {
  if (!route.access.action.empty()) return route.access.action;
  switch (route.method) {
    case Method::get: return "read";
    case Method::post: return "create";
    case Method::patch:
    case Method::put: return "update";
    case Method::del: return "delete";
  }
  return "read";
}

bool audited(const Route& route) { return route.access.permission != Permission::public_ || !route.access.resource.empty(); }

// The id the request was about: the handler's word, else the path's {id}, else
// ?location=. The last two are client text, kept in the trail escaped
// (log_safe) so that no entry carries control, bidi or invalid bytes.
std::string resource_id_of(const ApiRequest& r, const ApiResponse& response) {
  if (!response.audit.resource_id.empty()) return response.audit.resource_id;
  if (auto id = r.param("id")) return log_safe(*id, 64);
  return log_safe(r.query_param("location").value_or(""), 64);
}

}  // namespace

ApiResponse AuthLayer::handle(ApiRequest& request) const {
  ApiResponse miss;
  const Route* route = router_.match(request, miss);
  if (route == nullptr) return miss;
  Trace trace;
  auto response = guarded(*route, request, trace);
  if (!audited(*route)) return response;
  if (auto ok = record(*route, request, trace, response); !ok) {
    spdlog::error("audit: cannot record {} {}: {}", to_string(request.method), route->path, log_safe(ok.error().message));
    return problem(Error{ErrorCode::unavailable, "", "the audit trail cannot be written; nothing was shown",
                         "audit_unavailable"});
  }
  return response;
}

Result<auth::Principal> AuthLayer::authenticate(const ApiRequest& r) const {
  if (!r.bearer_token.empty()) return auth_.from_token(r.bearer_token);
  if (!r.session_cookie.empty()) return auth_.from_session(r.session_cookie);
  return auth::Principal{};
}

// Double submit bound to the session: the header must carry the token derived
// from this very cookie. Bearer tokens are exempt (a browser never sends them
// on its own, so a cross-site page cannot ride on them).
bool AuthLayer::csrf_ok(const ApiRequest& r) const {
  if (r.method == Method::get || r.principal.via != auth::Principal::Via::session) return true;
  return !r.csrf_token.empty() && auth::same_secret(r.csrf_token, auth::csrf_token_for(r.session_cookie));
}

ApiResponse AuthLayer::guarded(const Route& route, ApiRequest& r, Trace& trace) const {
  const auto& access = route.access;
  auto who = authenticate(r);
  if (access.permission == Permission::public_) {
    r.principal = who.value_or(auth::Principal{});
    r.actor = r.principal.actor();
    return route.handler(r);
  }
  const bool stale_cookie = !r.session_cookie.empty() && r.bearer_token.empty();
  if (!who) return refuse(who.error(), stale_cookie && who.error().code == ErrorCode::unauthorized, tls_);
  if (!who->authenticated())
    return refuse(Error{ErrorCode::unauthorized, "", "log in first (or send an API token)", "unauthenticated"}, false,
                  tls_);
  r.principal = std::move(*who);
  r.actor = r.principal.actor();
  if (!csrf_ok(r))
    return refuse(forbidden("send the X-CSRF-Token header with the token from your session", "csrf_failed"), false, tls_);
  if (!auth::may_attempt(r.principal, access.rule())) return refuse(forbidden("your role may not do this"), false, tls_);
  auto scope = resolver_.resolve(*access.scope, r);
  if (!scope) return problem(scope.error());
  trace.scope = std::move(*scope);
  if (auth::authorize(r.principal, access.rule(), trace.scope) != auth::Verdict::allow) {
    trace.denied = true;
    // A record the caller may not see is answered as if it did not exist.
    if (access.scope->names_patient()) return problem(no_record(access.scope->patient_field));
    return refuse(forbidden("this record is not one you may access"), false, tls_);
  }
  return route.handler(r);
}

// The patient a refused request was after, when refusal came before the scope
// was resolved (401, CSRF, role): the audit trail should say whose record it was.
std::optional<clinic::Id> AuthLayer::patient_of(const Route& route, const ApiRequest& r, const Trace& trace) const {
  if (trace.scope.patient_id) return trace.scope.patient_id;
  const ScopeRule& rule = *route.access.scope;
  if (!rule.names_patient() || rule.from_body) return std::nullopt;
  auto scope = resolver_.resolve(rule, r);
  return scope ? scope->patient_id : std::nullopt;
}

Result<void> AuthLayer::record(const Route& route, const ApiRequest& r, const Trace& trace,
                               const ApiResponse& response) const {
  const auto& who = response.audit.subject ? *response.audit.subject : r.principal;
  auth::AuditEntry e;
  e.actor_kind = !who.authenticated() ? "anonymous"
                 : who.via == auth::Principal::Via::token ? fmt::format("token:{}", who.token_id)
                                                          : who.actor().kind;
  e.actor_id = who.authenticated() ? fmt::format("{}", who.account_id) : "";
  e.actor_roles = who.role_names();
  e.client = r.client;
  e.action = response.audit.action.empty() ? std::string(action_of(route)) : response.audit.action;
  e.resource_kind = route.access.resource;
  e.resource_id = resource_id_of(r, response);
  e.patient_id = response.audit.patient_id ? response.audit.patient_id : patient_of(route, r, trace);
  e.operation = route.operation_id;
  e.status = response.status;
  e.outcome = trace.denied ? auth::Outcome::denied : auth::outcome_for_status(response.status);
  auto stored = auth_.audit(std::move(e));
  if (!stored) return std::unexpected(stored.error());
  return {};
}

}  // namespace kc::http
