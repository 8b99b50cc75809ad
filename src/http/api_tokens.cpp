// API tokens for integrations: create (shown once), list, revoke.
#include <fmt/format.h>

#include "http/api.h"
#include "http/auth_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using nlohmann::json;

struct TokenRoutes {
  auth::AuthService& auth;
};

auth::PermissionSet read_scope(JsonReader& body) {
  auth::PermissionSet scope;
  const auto names = body.texts("scope", Need::required).value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto p = auth::parse_permission(names[i], fmt::format("scope[{}]", i));
    if (p)
      scope.add(*p);
    else
      body.fail(fmt::format("scope[{}]", i), fmt::format("'{}' is not a permission", names[i]));
  }
  return scope;
}

Answer create(const TokenRoutes& c, const ApiRequest& r) {
  KC_TRY(auto in, read_body(r, {"name", "scope", "expires_in_days"}));
  JsonReader& body = in->fields();
  auto name = body.text("name", Need::required).value_or("");
  const auto scope = read_scope(body);
  const auto max_days = c.auth.settings().max_token_lifetime.count();
  const auto days =
      body.integer("expires_in_days", Need::optional, 1, max_days).value_or(c.auth.settings().token_lifetime.count());
  if (!in->ok()) return in->problem();
  KC_TRY(auto token, c.auth.create_token(r.principal, std::move(name), scope, std::chrono::days(days)));
  auto body_json = token_json(token.record);
  body_json["token"] = token.secret;  // the only time it is shown
  auto response = json_response(201, body_json);
  response.audit.resource_id = fmt::format("{}", token.record.id);
  return response;
}

Answer list(const TokenRoutes& c, const ApiRequest& r) {
  KC_TRY(auto tokens, c.auth.tokens_of(r.principal));
  auto out = json::array();
  for (const auto& t : tokens) out.push_back(token_json(t));
  return json_response(200, {{"tokens", out}});
}

Answer revoke(const TokenRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_CHECK(c.auth.revoke_token(r.principal, id));
  return ApiResponse{204, "application/json", "", {}};
}

}  // namespace

void add_token_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<TokenRoutes> add(routes, {c.auth});
  add(Method::post, "/api/v1/tokens", "createToken", needs(Permission::api_tokens, "token", scope::organisation),
      create);
  add(Method::get, "/api/v1/tokens", "listTokens", needs(Permission::api_tokens, "token", scope::organisation), list);
  add(Method::del, "/api/v1/tokens/{id}", "revokeToken", needs(Permission::api_tokens, "token", scope::organisation),
      revoke);
}

}  // namespace kc::http
