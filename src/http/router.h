#pragma once
// The API as a table of routes: method, path template (OpenAPI syntax,
// "/api/v1/appointments/{id}.ics"), operation id (the OpenAPI operationId),
// its Access (the permission it needs from the table in auth/permissions.h,
// whether the owning patient may call it, where the request names its patient
// and location, and the resource kind it is audited under) and its handler.
// check_routes refuses a table with an undeclared permission (and other
// incoherent declarations), so the server does not start. The auth layer
// (auth_layer.h) enforces the declarations before a handler runs.
//
// Handlers see ApiRequest/ApiResponse, not the HTTP library's types.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/access.h"
#include "clinic/model.h"
#include "core/error.h"

namespace kc::http {

enum class Method { get, post, patch, put, del };
std::string_view to_string(Method method);
std::optional<Method> parse_method(std::string_view text);

using auth::Permission;

class ScopeResolver;  // scope.h
struct ApiRequest;

// Where a request names what it concerns (which patient, which locations),
// declared with its route as data: one of the rules in namespace `scope`
// below (defined with their resolvers in scope.cpp). The auth layer resolves
// the rule before the handler runs, and a rule that cannot resolve (a
// malformed or unknown id, an unreadable body, a missing or unknown location)
// refuses the request: no handler runs on a scope that was not established.
struct ScopeRule {
  std::string_view name;  // "appointment_path": for messages and tests
  // Where the request names the patient the resource belongs to ("id",
  // "patient_id"): an owner route admits that patient, and a record the caller
  // may not see is answered as unknown under this field. Empty: no patient.
  std::string_view patient_field;
  bool from_body = false;  // read from the body (not re-read to audit an early refusal)
  Result<auth::Scope> (*resolve)(const ScopeResolver&, const ApiRequest&) = nullptr;
  bool names_patient() const { return !patient_field.empty(); }
};

namespace scope {
extern const ScopeRule organisation;      // organisation-wide (accounts, audit, tokens), or public
extern const ScopeRule new_record;        // creates a patient record, which belongs to no location yet
extern const ScopeRule listing;           // the handler narrows its results to the caller's locations
extern const ScopeRule appointment_path;  // {id} is an appointment: its patient and location
extern const ScopeRule patient_path;      // {id} is a patient: the patient and where they are in care
extern const ScopeRule booking_body;      // the body's patient_id and location
extern const ScopeRule location_query;    // ?location=
// {id} is a record of measurement-based care: the patient it belongs to and
// where they are in care.
extern const ScopeRule assignment_path;
extern const ScopeRule submission_path;
extern const ScopeRule flag_path;
extern const ScopeRule screening_path;
}  // namespace scope

struct Access {
  Permission permission = Permission::undeclared;
  bool owner = false;  // the patient the resource belongs to may call it too
  const ScopeRule* scope = nullptr;  // declared by every route; check_routes refuses none
  // The resource kind audited for every call ("appointment", "patient"); every
  // non-public route has one, public routes only when they are account events.
  std::string_view resource;
  std::string_view action;  // audited action; empty: from the method (read, create, update, delete)
  auth::Access rule() const { return {permission, owner}; }
};

// Anyone, without an account; audited under `resource` when given.
Access public_route(std::string_view resource = {}, std::string_view action = {});
// A principal holding `permission` (at the resource's location when it is location-scoped).
Access needs(Permission permission, std::string_view resource, const ScopeRule& scope, std::string_view action = {});
// The same, or the patient the resource belongs to.
Access needs_or_owner(Permission permission, std::string_view resource, const ScopeRule& scope,
                      std::string_view action = {});

// A handler's additions to the audit entry of its request (what only it knows:
// the id it created, or who just logged in).
struct AuditNote {
  std::string resource_id;
  std::optional<clinic::Id> patient_id;
  std::optional<auth::Principal> subject;  // the actor, when the request itself established it
  std::string action;                      // when not empty, the audited action instead of the route's
};
struct ApiRequest {
  Method method = Method::get;
  std::string path;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  std::string content_type;
  std::string idempotency_key;
  std::string client;          // the peer's address
  std::string session_cookie;  // the kc_session cookie, if sent
  std::string bearer_token;    // from "Authorization: Bearer ...", if sent
  std::string csrf_token;      // the X-CSRF-Token header, if sent
  // Set by the auth layer before the handler runs.
  auth::Principal principal;
  clinic::Actor actor;

  std::optional<std::string_view> param(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  AuditNote audit = {};  // never sent
};

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct Route {
  Method method;
  std::string path;  // template, e.g. "/api/v1/appointments/{id}"
  std::string operation_id;
  Access access;
  Handler handler;
};

// internal error naming the first route that declares no permission or no
// scope, is declared twice (method, path), is not public yet names no audited resource,
// admits owners without naming a patient, or needs a location-scoped
// permission without saying where its location comes from.
Result<void> check_routes(const std::vector<Route>& routes);

// Matches a path against a template; the values of its {params} on success.
// A parameter matches one non-empty segment part without '/' or '.'.
std::optional<std::vector<std::pair<std::string, std::string>>> match_path(std::string_view pattern,
                                                                           std::string_view path);

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  const std::vector<Route>& routes() const { return routes_; }
  // The route for the request (its path parameters filled in), or null with
  // `miss` set to a 404 problem for an unknown path or a 405 (with Allow) for a
  // known path and another method.
  const Route* match(ApiRequest& request, ApiResponse& miss) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace kc::http
