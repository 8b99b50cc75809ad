// The OpenAPI document and the route table agree: every route is documented
// with its method, path, operationId and permission, and nothing else is.
#include <set>

#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

using Operation = std::tuple<std::string, std::string, std::string, std::string>;  // method, path, id, permission

std::set<Operation> documented() {
  std::set<Operation> out;
  const auto doc = json::parse(openapi_document());
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      out.emplace(upper, path, op.value("operationId", ""), op.value("x-permission", ""));
    }
  return out;
}

TEST_F(ApiServerTest, OpenApiDocumentDescribesExactlyTheRoutes) {
  std::set<Operation> table;
  for (const auto& r : routes)
    table.emplace(std::string(to_string(r.method)), r.path, r.operation_id, std::string(to_string(r.permission)));
  EXPECT_EQ(table, documented());
  EXPECT_EQ(table.size(), routes.size());
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
  std::vector<Route> routes{{Method::get, "/a", "a", Permission::public_, nullptr},
                            {Method::get, "/b", "b", Permission::undeclared, nullptr}};
  auto r = check_routes(routes);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "/b");
  routes[1].permission = Permission::admin;
  routes.push_back({Method::get, "/a", "again", Permission::public_, nullptr});
  EXPECT_FALSE(check_routes(routes).has_value());
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
