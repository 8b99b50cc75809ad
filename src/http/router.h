#pragma once
// The API as a table of routes: method, path template (OpenAPI syntax,
// "/api/v1/appointments/{id}.ics"), operation id (the OpenAPI operationId),
// the permission the route needs, and its handler. The accounts issue enforces
// permissions; until then every route must still declare one, and a table with
// an undeclared permission refuses to build (check_routes), so the server does
// not start.
//
// Handlers see ApiRequest/ApiResponse, not the HTTP library's types.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clinic/model.h"
#include "core/error.h"

namespace kc::http {

enum class Method { get, post, patch, put, del };
std::string_view to_string(Method method);
std::optional<Method> parse_method(std::string_view text);

// Who may call a route (declared now, enforced by the accounts issue).
enum class Permission {
  undeclared,  // refused at start-up
  public_,     // anyone, no account (find a clinic, availability, API document)
  patient,     // the patient concerned, or staff (book, see and change own appointments)
  front_desk,  // staff at the location: day board, patient search
  clinician,   // prescribers and nurses
  admin,
};
std::string_view to_string(Permission permission);

struct ApiRequest {
  Method method = Method::get;
  std::string path;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  std::string content_type;
  std::string idempotency_key;
  clinic::Actor actor;

  std::optional<std::string_view> param(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct Route {
  Method method;
  std::string path;  // template, e.g. "/api/v1/appointments/{id}"
  std::string operation_id;
  Permission permission = Permission::undeclared;
  Handler handler;
};

// internal error naming the first route without a declared permission, or a
// duplicate (method, path).
Result<void> check_routes(const std::vector<Route>& routes);

// Matches a path against a template; the values of its {params} on success.
// A parameter matches one non-empty segment part without '/' or '.'.
std::optional<std::vector<std::pair<std::string, std::string>>> match_path(std::string_view pattern,
                                                                           std::string_view path);

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  const std::vector<Route>& routes() const { return routes_; }
  // Runs the matching route; 404 problem for an unknown path, 405 (with Allow)
  // for a known path and another method.
  ApiResponse dispatch(ApiRequest& request) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace kc::http
