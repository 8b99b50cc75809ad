// The route table, shared handler helpers, /healthz and the OpenAPI document.
#include <fmt/format.h>

#include <algorithm>

#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/problem.h"

namespace kc::http {

ApiResponse json_response(int status, const nlohmann::json& body) {
  return {status, "application/json", to_body(body), {}};
}

ApiResponse answered(Answer answer) { return answer ? std::move(*answer) : problem(answer.error()); }

Result<nlohmann::json> json_body(const ApiRequest& request) {
  const std::string_view type = request.content_type;
  const auto base = type.substr(0, type.find(';'));
  if (base != "application/json" && base != "application/merge-patch+json")
    return fail(ErrorCode::invalid_argument, "Content-Type",
                fmt::format("Content-Type: send the body as application/json (got '{}')", type),
                "unsupported_media_type");
  return parse_body(request.body);
}

Result<std::unique_ptr<RequestBody>> read_body(const ApiRequest& request,
                                               std::initializer_list<std::string_view> allowed) {
  KC_TRY(auto doc, json_body(request));
  auto body = std::make_unique<RequestBody>(std::move(doc));
  body->fields().only(allowed);
  return body;
}

ApiResponse RequestBody::problem() const { return validation_problem(errors_); }

Result<clinic::Id> id_param(const ApiRequest& request, std::string_view name) {
  const auto text = request.param(name).value_or("");
  clinic::Id id = 0;
  const bool digits = !text.empty() && text.size() <= 15 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) id = std::stoll(std::string(text));
  if (id <= 0)
    return fail(ErrorCode::invalid_argument, std::string(name), fmt::format("{}: '{}' is not an id", name, text));
  return id;
}

ApiResponse refusal_problem(const auth::LoginRefusal& refusal) {
  auto response = problem(refusal.error);
  if (refusal.retry_after.count() > 0)
    response.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after.count()));
  return response;
}

namespace {

struct SystemRoutes {
  clinic::ClinicStore& store;
};

// A read through the store proves the database answers.
Answer health(const SystemRoutes& c, const ApiRequest&) {
  if (!c.store.busy_at(0, {clinic::Instant{}, clinic::Instant{}}))
    return fail(ErrorCode::unavailable, "", "database unavailable", "unhealthy");
  return json_response(200, {{"status", "ok"}});
}

Answer openapi(const SystemRoutes&, const ApiRequest&) {
  return ApiResponse{200, "application/json", std::string(openapi_document()), {}};
}

}  // namespace

void add_system_routes(std::vector<Route>& routes, ApiContext& context) {
  RouteAdder<SystemRoutes> add(routes, {context.store});
  add(Method::get, "/healthz", "health", public_route(), health);
  add(Method::get, "/api/v1/openapi.json", "openapi", public_route(), openapi);
}

std::vector<Route> api_routes(ApiContext& context) {
  std::vector<Route> routes;
  add_system_routes(routes, context);
  add_location_routes(routes, context);
  add_appointment_routes(routes, context);
  add_patient_routes(routes, context);
  add_care_routes(routes, context);
  add_questionnaire_routes(routes, context);
  add_submission_routes(routes, context);
  add_flag_routes(routes, context);
  add_screening_routes(routes, context);
  add_account_routes(routes, context);
  add_token_routes(routes, context);
  add_user_routes(routes, context);
  add_audit_routes(routes, context);
  add_policy_routes(routes, context);
  if (context.models != nullptr) add_pharm_routes(routes, context);
  return routes;
}

}  // namespace kc::http
