// The OpenAPI document and the route table agree: every route is documented
// with its method, path, operationId, permission and owner access (and a
// security requirement exactly when it is not public), and nothing else is.
#include <set>

#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

// method, path, operationId, permission, whether the owning patient may call it
using Operation = std::tuple<std::string, std::string, std::string, std::string, bool>;

std::set<Operation> documented() {
  std::set<Operation> out;
  const auto doc = json::parse(openapi_document());
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      out.emplace(upper, path, op.value("operationId", ""), op.value("x-permission", ""), op.value("x-owner", false));
    }
  return out;
}

TEST_F(ApiServerTest, OpenApiDocumentDescribesExactlyTheRoutes) {
  std::set<Operation> table;
  for (const auto& r : routes)
    table.emplace(std::string(to_string(r.method)), r.path, r.operation_id, std::string(auth::to_string(r.access.permission)),
                  r.access.owner);
  EXPECT_EQ(table, documented());
  EXPECT_EQ(table.size(), routes.size());
}

TEST_F(ApiServerTest, OpenApiDocumentNamesASecurityRequirementExactlyForNonPublicRoutes) {
  const auto doc = json::parse(openapi_document());
  for (const auto& schemes : {"session", "csrf", "bearer"})
    EXPECT_TRUE(doc["components"]["securitySchemes"].contains(schemes)) << schemes;
  for (const auto& r : routes) {
    std::string method(to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto& op = doc["paths"][r.path][method];
    ASSERT_TRUE(op.contains("security")) << r.operation_id;
    EXPECT_EQ(op["security"].empty(), r.access.permission == Permission::public_) << r.operation_id;
  }
}

TEST_F(ApiServerTest, OpenApiDocumentIsVersion31WithResolvableReferences) {
  const auto doc = json::parse(openapi_document());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const auto text = doc.dump();
  for (std::size_t at = text.find("#/components/schemas/"); at != std::string::npos;
       at = text.find("#/components/schemas/", at + 1)) {
    const auto name = text.substr(at + 21, text.find('"', at) - at - 21);
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
  }
}

TEST(RouteTableTest, ARouteWithoutADeclaredPermissionStopsTheServerFromStarting) {
  std::vector<Route> routes{{Method::get, "/a", "a", public_route(), nullptr}, {Method::get, "/b", "b", {}, nullptr}};
  auto r = check_routes(routes);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "/b");
  routes[1].access = needs(Permission::audit_read, "audit", scope::organisation);
  EXPECT_TRUE(check_routes(routes).has_value());
  routes.push_back({Method::get, "/a", "again", public_route(), nullptr});
  EXPECT_FALSE(check_routes(routes).has_value());
}

TEST(RouteTableTest, IncoherentAccessDeclarationsAreRefused) {
  const Access refused[] = {
      {Permission::audit_read, false, &scope::organisation, "", ""},                // not public, not audited
      {Permission::schedule_read, false, &scope::organisation, "appointment", ""},  // location-scoped, no location
      {Permission::audit_read, true, &scope::organisation, "audit", ""},            // owner without a patient
      {Permission::schedule_read, true, &scope::location_query, "schedule", ""},
      {Permission::audit_read, false, nullptr, "audit", ""},  // no scope declared: refused, not organisation-wide
  };
  for (const auto& access : refused) {
    std::vector<Route> routes{{Method::get, "/x", "x", access, nullptr}};
    EXPECT_FALSE(check_routes(routes).has_value()) << auth::to_string(access.permission);
  }
  std::vector<Route> fine{{Method::get, "/x/{id}", "x", needs_or_owner(Permission::schedule_read, "appointment",
                                                                       scope::appointment_path), nullptr}};
  EXPECT_TRUE(check_routes(fine).has_value());
}

TEST(RouteTableTest, PathTemplatesMatchWholeSegments) {
  using Params = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(match_path("/api/v1/appointments/{id}", "/api/v1/appointments/42"), (Params{{"id", "42"}}));
  EXPECT_EQ(match_path("/api/v1/appointments/{id}.ics", "/api/v1/appointments/42.ics"), (Params{{"id", "42"}}));
  EXPECT_FALSE(match_path("/api/v1/appointments/{id}", "/api/v1/appointments/42.ics"));
  EXPECT_FALSE(match_path("/api/v1/appointments/{id}", "/api/v1/appointments/42/x"));
  EXPECT_FALSE(match_path("/api/v1/appointments/{id}", "/api/v1/appointments"));
  EXPECT_FALSE(match_path("/api/v1/appointments/{id}.ics", "/api/v1/appointments/.ics"));
  EXPECT_EQ(match_path("/healthz", "/healthz"), Params{});
}

}  // namespace
}  // namespace kc::http
