// Scope fails closed: for every route of the real table, a request whose scope
// cannot be established (a malformed or unknown id, an unreadable body, a
// missing or unknown location) is refused before its handler runs. The routes'
// handlers are replaced by one that counts its calls, and the caller holds every
// staff role at Allen, so that nothing but the scope can stop a request.
#include <set>

#include "server_fixture.h"

namespace kc::http::testing {
namespace {

struct BadRequest {
  std::string what;
  std::string id;    // the path's {id}
  std::string body;  // the JSON body
  std::string location;
  int status;  // the refusal expected
};

class ScopeFailsClosedTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    const clinic::Id allen = directory.find_location("allen", "l").value()->id;
    const std::vector<auth::Role> every_staff_role{auth::Role::front_desk, auth::Role::nurse, auth::Role::prescriber,
                                                   auth::Role::admin};
    auto added = auth->add_staff({"every.role@example.test", "all", every_staff_role, {allen}, "scope probe phrase long", ""});
    ASSERT_TRUE(added.has_value()) << added.error().message;
    auto made = auth->login("every.role@example.test", "scope probe phrase long", "10.9.0.1");
    ASSERT_TRUE(made.has_value());
    session = *made;
    counted = routes;
    for (auto& r : counted)
      r.handler = [this](const ApiRequest&) {
        ++handler_calls;
        return ApiResponse{299, "application/json", "{}", {}};
      };
  }

  ApiResponse call(const Route& route, const BadRequest& bad) {
    AuthLayer layer(Router({route}), ScopeResolver(*store, *store, *store, *store, directory), *auth, false);
    ApiRequest r;
    r.method = route.method;
    r.path = route.path;
    if (auto at = r.path.find("{id}"); at != std::string::npos) r.path.replace(at, 4, bad.id);
    if (!bad.location.empty()) r.query = {{"location", bad.location}};
    r.body = bad.body;
    r.content_type = "application/json";
    r.client = "10.9.0.1";
    r.session_cookie = session.secret;
    r.csrf_token = session.csrf_token;
    return layer.handle(r);
  }

  // What each kind of scope must refuse; an empty list: the scope names
  // nothing to look up, and the handler runs (the control that shows the
  // counting handler is reached at all).
  static std::vector<BadRequest> refusals(const ScopeRule& rule) {
    if (&rule == &scope::booking_body)
      return {{"a body that is not JSON", "", "{not json", "", 400},
              {"no patient_id", "", R"({"location": "allen"})", "", 400},
              {"patient_id as text", "", R"({"patient_id": "1", "location": "allen"})", "", 400},
              {"location not text", "", R"({"patient_id": 1, "location": 7})", "", 400},
              {"duplicate keys", "", R"({"patient_id": 1, "patient_id": 2, "location": "allen"})", "", 400},
              {"an unknown location", "", R"({"patient_id": 1, "location": "nowhere"})", "", 404},
              {"an unknown patient", "", R"({"patient_id": 999999, "location": "allen"})", "", 404}};
    if (&rule == &scope::location_query)
      return {{"no location", "", "", "", 400}, {"an unknown location", "", "", "nowhere", 404}};
    if (rule.names_patient())
      return {{"an id that is not a number", "abc", "", "", 400},
              {"id zero", "0", "", "", 400},
              {"an unknown id", "999999", "", "", 404}};
    return {};
  }

  auth::NewSession session;
  std::vector<Route> counted;
  int handler_calls = 0;
};

TEST_F(ScopeFailsClosedTest, NoHandlerRunsOnAScopeThatCannotBeEstablished) {
  std::set<std::string_view> kinds;
  for (const auto& route : counted) {
    if (route.access.permission == Permission::public_) continue;
    kinds.insert(route.access.scope->name);
    const auto bad = refusals(*route.access.scope);
    for (const auto& b : bad) {
      const int before = handler_calls;
      const auto response = call(route, b);
      EXPECT_EQ(response.status, b.status) << route.operation_id << ", " << b.what << ": " << response.body;
      EXPECT_EQ(handler_calls, before) << route.operation_id << " ran its handler on " << b.what;
    }
    if (bad.empty()) {
      const int before = handler_calls;
      const auto response = call(route, {"", "1", "{}", "", 0});
      EXPECT_EQ(response.status, 299) << route.operation_id << ": " << response.body;
      EXPECT_EQ(handler_calls, before + 1) << route.operation_id;
    }
  }
  // Every kind of scope the table uses was exercised (a new kind needs its cases here).
  const std::set<std::string_view> expected{"organisation",    "new_record",      "listing",
                                            "appointment_path", "patient_path",    "booking_body",
                                            "location_query",  "assignment_path", "submission_path",
                                            "flag_path",       "screening_path"};
  EXPECT_EQ(kinds, expected);
}

TEST_F(ScopeFailsClosedTest, AnUnknownRecordAndAHiddenOneAnswerAlike) {
  for (const auto& route : counted) {
    if (!route.access.scope->names_patient() || route.access.scope->from_body) continue;
    const auto response = call(route, {"", "999999", "", "", 404});
    ASSERT_EQ(response.status, 404) << route.operation_id;
    const auto body = json::parse(response.body);
    EXPECT_EQ(body["code"], "no_record") << route.operation_id;
  }
}

TEST_F(ScopeFailsClosedTest, ARuleWithoutAResolverRefusesInsteadOfAllowing) {
  const ScopeRule broken{"broken", "id", false, nullptr};
  const ScopeResolver resolver(*store, *store, *store, *store, directory);
  const auto scope = resolver.resolve(broken, ApiRequest{});
  ASSERT_FALSE(scope.has_value());
  EXPECT_EQ(scope.error().code, ErrorCode::internal);
}

}  // namespace
}  // namespace kc::http::testing
