// API tokens for integrations: create (shown once), list, revoke.
#include <fmt/format.h>

#include "http/api.h"
#include "http/auth_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using nlohmann::json;

auth::PermissionSet read_scope(JsonReader& body) {
  auth::PermissionSet scope;
  const auto names = body.texts("scope", Need::required).value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto p = auth::parse_permission(names[i], fmt::format("scope[{}]", i));
    if (p) scope.add(*p);
    else body.fail(fmt::format("scope[{}]", i), fmt::format("'{}' is not a permission", names[i]));
  }
  return scope;
}

ApiResponse create(ApiContext& c, const ApiRequest& r) {
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"name", "scope", "expires_in_days"});
  auto name = body.text("name", Need::required).value_or("");
  const auto scope = read_scope(body);
  const auto max_days = c.auth.settings().max_token_lifetime.count();
  const auto days = body.integer("expires_in_days", Need::optional, 1, max_days).value_or(c.auth.settings().token_lifetime.count());
  if (!errors.empty()) return validation_problem(errors);
  auto token = c.auth.create_token(r.principal, std::move(name), scope, std::chrono::days(days));
  if (!token) return problem(token.error());
  auto body_json = token_json(token->record);
  body_json["token"] = token->secret;  // the only time it is shown
  auto response = json_response(201, body_json);
  response.audit.resource_id = fmt::format("{}", token->record.id);
  return response;
}

ApiResponse list(ApiContext& c, const ApiRequest& r) {
  auto tokens = c.auth.tokens_of(r.principal);
  if (!tokens) return problem(tokens.error());
  auto out = json::array();
  for (const auto& t : *tokens) out.push_back(token_json(t));
  return json_response(200, {{"tokens", out}});
}

ApiResponse revoke(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  if (auto ok = c.auth.revoke_token(r.principal, *id); !ok) return problem(ok.error());
  return {204, "application/json", "", {}};
}

}  // namespace

void add_token_routes(std::vector<Route>& routes, ApiContext& c) {
  routes.push_back({Method::post, "/api/v1/tokens", "createToken", needs(Permission::api_tokens, "token"),
                    [&c](const ApiRequest& r) { return create(c, r); }});
  routes.push_back({Method::get, "/api/v1/tokens", "listTokens", needs(Permission::api_tokens, "token"),
                    [&c](const ApiRequest& r) { return list(c, r); }});
  routes.push_back({Method::del, "/api/v1/tokens/{id}", "revokeToken", needs(Permission::api_tokens, "token"),
                    [&c](const ApiRequest& r) { return revoke(c, r); }});
}

}  // namespace kc::http
