#include "http/router.h"

#include <fmt/format.h>

#include <set>

#include "http/problem.h"

namespace kc::http {
namespace {

constexpr std::string_view kMethods[] = {"GET", "POST", "PATCH", "PUT", "DELETE"};

std::string_view next_segment(std::string_view& rest) {
  const auto slash = rest.find('/');
  auto segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return segment;
}

// One template segment ("{id}.ics", "locations") against one path segment.
bool match_segment(std::string_view pattern, std::string_view segment,
                   std::vector<std::pair<std::string, std::string>>& params) {
  const auto open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == segment;
  const auto close = pattern.find('}', open);
  const auto prefix = pattern.substr(0, open), suffix = pattern.substr(close + 1);
  if (segment.size() <= prefix.size() + suffix.size() || !segment.starts_with(prefix) || !segment.ends_with(suffix))
    return false;
  const auto value = segment.substr(prefix.size(), segment.size() - prefix.size() - suffix.size());
  if (value.find('.') != std::string_view::npos) return false;
  params.emplace_back(std::string(pattern.substr(open + 1, close - open - 1)), std::string(value));
  return true;
}

// Why a route's access declaration cannot be enforced; empty when it can.
std::string incoherence(const Access& a) {
  if (a.permission == Permission::undeclared) return "declares no permission";
  if (a.permission != Permission::public_ && a.resource.empty()) return "names no audited resource";
  if (a.scope == nullptr) return "declares no scope";
  if (a.owner && !a.scope->names_patient()) return "admits the owning patient but does not say where the patient comes from";
  if (auth::location_scoped(a.permission) && a.scope == &scope::organisation)
    return fmt::format("needs {} but does not say where its location comes from", auth::to_string(a.permission));
  return {};
}

}  // namespace

std::string_view to_string(Method method) { return kMethods[static_cast<int>(method)]; }

std::optional<Method> parse_method(std::string_view text) {
  for (int i = 0; i < 5; ++i)
    if (kMethods[i] == text) return static_cast<Method>(i);
  return std::nullopt;
}

Access public_route(std::string_view resource, std::string_view action) {
  return {Permission::public_, false, &scope::organisation, resource, action};
}

Access needs(Permission permission, std::string_view resource, const ScopeRule& scope, std::string_view action) {
  return {permission, false, &scope, resource, action};
}

Access needs_or_owner(Permission permission, std::string_view resource, const ScopeRule& scope,
                      std::string_view action) {
  return {permission, true, &scope, resource, action};
}

std::optional<std::string_view> ApiRequest::param(std::string_view name) const {
  for (const auto& [k, v] : path_params)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string_view> ApiRequest::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::vector<std::pair<std::string, std::string>>> match_path(std::string_view pattern,
                                                                           std::string_view path) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty()) return std::nullopt;
    if (!match_segment(next_segment(pattern), next_segment(path), params)) return std::nullopt;
  }
  return params;
}

Result<void> check_routes(const std::vector<Route>& routes) {
  std::set<std::pair<Method, std::string>> seen;
  for (const auto& r : routes) {
    if (auto why = incoherence(r.access); !why.empty())
      return fail(ErrorCode::internal, r.path, fmt::format("route {} {} {}", to_string(r.method), r.path, why));
    if (!seen.emplace(r.method, r.path).second)
      return fail(ErrorCode::internal, r.path, fmt::format("route {} {} is declared twice", to_string(r.method), r.path));
  }
  return {};
}

const Route* Router::match(ApiRequest& request, ApiResponse& miss) const {
  std::string allow;
  for (const auto& route : routes_) {
    auto params = match_path(route.path, request.path);
    if (!params) continue;
    if (route.method != request.method) {
      allow += fmt::format("{}{}", allow.empty() ? "" : ", ", to_string(route.method));
      continue;
    }
    request.path_params = std::move(*params);
    return &route;
  }
  if (allow.empty()) {
    miss = problem(Error{ErrorCode::not_found, "path", fmt::format("path: no API route {}", request.path), "no_route"});
    return nullptr;
  }
  miss = problem(Error{ErrorCode::invalid_argument, "method",
                       fmt::format("method: {} is not allowed here; use {}", to_string(request.method), allow),
                       "method_not_allowed"});
  miss.headers.emplace_back("Allow", allow);
  return nullptr;
}

}  // namespace kc::http
