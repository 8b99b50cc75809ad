// Every route of the live table × every role (and anonymous, and an API
// token): the answer is 401, 403 or "let through" exactly as the permission
// table says. The expectation is computed from auth::permissions_of and what
// the fixture knows about the target (patient A's records, all at Allen: an
// appointment, the questionnaires it assigned, a submission with its safety
// flag, a screening), not from the decision function under test; a route added
// later is covered without touching this file unless it reads a new kind of id.
#include <algorithm>

#include "auth/permissions.h"
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

struct Caller {
  std::string name;
  std::vector<auth::Role> roles;  // empty: anonymous
  bool at_allen = false;
  bool owner = false;  // patient A, whose records the requests address
  bool token = false;  // the fixture's front-desk API token
  Session session;
};

class AuthMatrixTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    patient_a = create_patient("Ariel")["id"];
    patient_b = create_patient("Bo")["id"];
    auto booked = send("POST", "/api/v1/appointments",
                       json{{"patient_id", patient_a}, {"location", "allen"}, {"type", "consultation"},
                            {"start", "2026-12-01T10:00:00-06:00"}}.dump());
    ASSERT_EQ(booked->status, 201) << booked->body;
    appointment_a = json::parse(booked->body)["id"];
    records_of_a();
    for (auto [id, email] : {std::pair{patient_a, "ariel@example.test"}, std::pair{patient_b, "bo@example.test"}})
      ASSERT_TRUE(auth->add_patient_login(id, email, "patient", "patient phrase long").has_value());
  }

  // Patient A's records of measurement-based care, made by a nurse: the PHQ-9
  // the booking assigned, answered from paper with item 9 = 1 (a flag), and a screening.
  void records_of_a() {
    auto nurse = login_staff("nurse-allen");
    const auto a = "/api/v1/patients/" + std::to_string(patient_a);
    auto assignments = json::parse(send_as(nurse, "GET", a + "/assignments")->body)["assignments"];
    ASSERT_FALSE(assignments.empty());
    assignment_a = assignments[0]["id"];
    auto submitted = send_as(nurse, "POST", "/api/v1/assignments/" + std::to_string(assignment_a) + "/submission",
                             R"({"answers": {"phq9_9": 1}, "entered_on_paper": true})");
    ASSERT_EQ(submitted->status, 201) << submitted->body;
    const auto body = json::parse(submitted->body);
    submission_a = body["id"];
    flag_a = body["flags"][0]["id"];
    auto screened = send_as(nurse, "POST", a + "/screening", R"({"treatment": "iv_ketamine"})");
    ASSERT_EQ(screened->status, 201) << screened->body;
    screening_a = json::parse(screened->body)["id"];
  }

  std::int64_t id_for(const ScopeRule* rule) const {
    if (rule == &scope::appointment_path) return appointment_a;
    if (rule == &scope::patient_path) return patient_a;
    if (rule == &scope::assignment_path) return assignment_a;
    if (rule == &scope::submission_path) return submission_a;
    if (rule == &scope::flag_path) return flag_a;
    if (rule == &scope::screening_path) return screening_a;
    return 0;
  }

  std::vector<Caller> callers() {
    std::vector<Caller> out{{"anonymous", {}, false, false, false, {}},
                            {"patient A", {auth::Role::patient}, false, true, false, login("ariel@example.test", "patient phrase long")},
                            {"patient B", {auth::Role::patient}, false, false, false, login("bo@example.test", "patient phrase long")},
                            {"desk token", {auth::Role::front_desk}, true, false, true, {}}};
    for (const auto& s : testing::kStaff)
      out.push_back({s.key, {s.role}, std::string(s.location) == "allen", false, false, login_staff(s.key)});
    return out;
  }

  // The request each route gets: ids of patient A's records, a body naming A at Allen where the
  // route reads its scope from the body, a query naming Allen.
  std::string target(const Route& r) const {
    std::string url = r.path;
    const auto id = id_for(r.access.scope) != 0              ? id_for(r.access.scope)
                    : r.path.starts_with("/api/v1/users") ? staff_ids.at("desk-dallas")
                                                          : std::int64_t{999999};
    if (auto at = url.find("{id}"); at != std::string::npos) url.replace(at, 4, std::to_string(id));
    return url + "?location=allen&date=2026-12-01&type=consultation&zip=75013&q=demo";
  }

  std::string body(const Route& r) const {
    if (r.access.scope == &scope::booking_body) return json{{"patient_id", patient_a}, {"location", "allen"}}.dump();
    return r.method == Method::get ? "" : "{}";
  }

  // 401, 403, 404 or 0 for "let through" (any other status). A refusal that comes
  // after the record was looked up is a 404 on a route naming a patient, so that
  // it reads the same as an unknown id.
  static int expected(const Caller& c, const Route& r) {
    const auto& a = r.access;
    if (a.permission == Permission::public_) return 0;
    if (c.roles.empty()) return 401;
    auto held = auth::permissions_of(c.roles);
    if (c.token) held = auth::token_grantable(held);
    const int out_of_scope = a.scope->names_patient() ? 404 : 403;
    const bool located = a.scope->names_patient() || a.scope == &scope::location_query;
    if (held.has(a.permission)) return !auth::location_scoped(a.permission) || !located || c.at_allen ? 0 : out_of_scope;
    const bool patient = !c.token && c.roles == std::vector<auth::Role>{auth::Role::patient};
    if (!a.owner || !patient) return 403;  // the role may not even try
    return c.owner ? 0 : out_of_scope;
  }

  httplib::Result call(Caller& c, const Route& r) {
    const std::string method(to_string(r.method));
    if (c.token) return send(method, target(r), body(r));
    if (c.roles.empty()) return send_with(anonymous(), method, target(r), body(r), {});
    auto res = send_as(c.session, method, target(r), body(r));
    if (r.operation_id == "logout") c.session = c.owner ? login("ariel@example.test", "patient phrase long")
                                                        : relogin(c);
    return res;
  }

  Session relogin(const Caller& c) {
    if (c.name == "patient B") return login("bo@example.test", "patient phrase long");
    return login_staff(c.name);
  }

  std::int64_t patient_a = 0, patient_b = 0, appointment_a = 0;
  std::int64_t assignment_a = 0, submission_a = 0, flag_a = 0, screening_a = 0;
};

TEST_F(AuthMatrixTest, EveryRouteAnswersEveryRoleAsThePermissionTableSays) {
  auto all = callers();
  for (auto& c : all) ASSERT_TRUE(c.roles.empty() || c.token || !c.session.cookie.empty()) << c.name;
  int checked = 0;
  for (const auto& r : routes) {
    for (auto& c : all) {
      SCOPED_TRACE(fmt::format("{} {} as {}", to_string(r.method), r.path, c.name));
      auto res = call(c, r);
      ASSERT_TRUE(res);
      const int want = expected(c, r);
      if (want == 0) {
        EXPECT_NE(res->status, 401) << res->body;
        EXPECT_NE(res->status, 403) << res->body;
        EXPECT_LT(res->status, 500) << res->body;
      } else {
        EXPECT_EQ(res->status, want) << res->body;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
        const char* code = want == 401 ? "unauthenticated" : want == 404 ? "no_record" : "forbidden";
        EXPECT_EQ(json::parse(res->body)["code"], code) << res->body;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size() * all.size()));
  // Every refusal was audited with its outcome.
  EXPECT_GT(testing::count(path, "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND status = 403"), 20);
  EXPECT_GT(testing::count(path, "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND status = 404"), 10);
  EXPECT_GT(testing::count(path, "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND status = 401"), 10);
}

}  // namespace
}  // namespace kc::http
