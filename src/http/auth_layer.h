#pragma once
// Enforcement around the route table, for every request:
//   match route -> authenticate (bearer token, else session cookie)
//   -> public? run it : 401 unless authenticated
//   -> CSRF (session-authenticated POST/PATCH/PUT/DELETE must echo X-CSRF-Token)
//   -> may the principal try this route at all? else 403
//   -> resolve the scope (400 for a bad id or unreadable body, 404 no_record
//      for an unknown record; scope.h)
//   -> authorize against ownership and location, else the same 404 no_record
//      for a patient's record (existence is not revealed), 403 otherwise
//   -> the handler
//   -> one audit entry for every non-public route and for account events,
//      whatever the outcome (denied attempts included).
// If the audit entry cannot be written the response is replaced by a 503: no
// patient data leaves unaudited (a write may have been applied; clients retry
// bookings with their Idempotency-Key).
//
// Refusals are problem+json: 401 `unauthenticated`, `session_expired` or
// `invalid_token` (with a cleared cookie when a stale one was sent), 403
// `forbidden` or `csrf_failed`. Thread-safe.
#include "auth/service.h"
#include "http/router.h"
#include "http/scope.h"

namespace kc::http {

class AuthLayer {
 public:
  AuthLayer(Router router, ScopeResolver resolver, auth::AuthService& auth, bool tls)
      : router_(std::move(router)), resolver_(resolver), auth_(auth), tls_(tls) {}

  ApiResponse handle(ApiRequest& request) const;
  const Router& router() const { return router_; }
  bool tls() const { return tls_; }

 private:
  struct Trace {
    auth::Scope scope;
    bool denied = false;  // refused by ownership or location (answered 404 no_record or 403)
  };
  ApiResponse guarded(const Route& route, ApiRequest& request, Trace& trace) const;
  Result<auth::Principal> authenticate(const ApiRequest& request) const;
  bool csrf_ok(const ApiRequest& request) const;
  Result<void> record(const Route& route, const ApiRequest& request, const Trace& trace,
                      const ApiResponse& response) const;
  std::optional<clinic::Id> patient_of(const Route& route, const ApiRequest& request, const Trace& trace) const;

  Router router_;
  ScopeResolver resolver_;
  auth::AuthService& auth_;
  bool tls_;
};

}  // namespace kc::http
