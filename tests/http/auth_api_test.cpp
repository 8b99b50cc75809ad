// Accounts over real HTTP: sign-up while booking, patients confined to their
// own records (and the refusals audited), staff confined to their locations,
// CSRF, lockout with answers that reveal nothing, idle expiry and logout,
// scoped and revocable API tokens, user administration and the audit query.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

struct SignedUp {
  std::int64_t patient_id = 0, account_id = 0;
  Session session;
};

class AuthApiTest : public ApiServerTest {
 protected:
  SignedUp sign_up(const std::string& given, const std::string& email) {
    const json body = {{"given_name", given}, {"family_name", "Demo"}, {"date_of_birth", "1985-04-12"},
                       {"sex", "female"}, {"email", email}, {"password", "my own long passphrase"}};
    auto r = anonymous().Post("/api/v1/accounts", body.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    SignedUp out;
    if (!r || r->status != 201) return out;
    const auto doc = json::parse(r->body);
    out.patient_id = doc["patient"]["id"];
    out.account_id = doc["session"]["account"]["id"];
    const auto cookie = r->get_header_value("Set-Cookie");
    out.session = {cookie.substr(0, cookie.find(';')), doc["session"]["csrf_token"], doc};
    return out;
  }

  std::int64_t book_at(std::int64_t patient, const char* location, const char* start) {
    auto r = send("POST", "/api/v1/appointments",
                  json{{"patient_id", patient}, {"location", location}, {"type", "consultation"}, {"start", start}}.dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    return r && r->status == 201 ? json::parse(r->body)["id"].get<std::int64_t>() : 0;
  }

  static std::string code_of(const httplib::Result& r) { return json::parse(r->body).value("code", ""); }
  static std::string appt(std::int64_t id) { return "/api/v1/appointments/" + std::to_string(id); }
  static std::string patient(std::int64_t id) { return "/api/v1/patients/" + std::to_string(id); }
};

TEST_F(AuthApiTest, APatientSignsUpWhileBookingAndManagesOnlyTheirOwnVisit) {
  const auto sam = sign_up("Sam", "Sam.Demo@example.com");
  ASSERT_TRUE(sam.session.body.is_object()) << sam.session.body.dump();
  EXPECT_EQ(sam.session.body["patient"]["email"], "sam.demo@example.com");
  EXPECT_EQ(sam.session.body["session"]["kind"], "patient");
  auto r = anonymous().Post("/api/v1/accounts", json{{"email", "x"}}.dump(), "application/json");
  EXPECT_EQ(r->status, 400);
  auto booked = send_as(sam.session, "POST", "/api/v1/appointments",
                        json{{"patient_id", sam.patient_id}, {"location", "frisco"}, {"type", "consultation"},
                             {"start", "2026-12-01T10:00:00-06:00"}}.dump());
  ASSERT_EQ(booked->status, 201) << booked->body;
  const auto id = json::parse(booked->body)["id"].get<std::int64_t>();
  EXPECT_EQ(send_as(sam.session, "GET", appt(id))->status, 200);
  EXPECT_EQ(send_as(sam.session, "GET", appt(id) + ".ics")->status, 200);
  auto check_in = send_as(sam.session, "PATCH", appt(id), R"({"status": "checked_in"})");
  EXPECT_EQ(check_in->status, 403) << check_in->body;  // front-desk work
  EXPECT_EQ(send_as(sam.session, "PATCH", appt(id), R"({"status": "cancelled", "reason": "better"})")->status, 200);
  // The history names the patient's account as the actor.
  const auto history = json::parse(send_as(sam.session, "GET", appt(id))->body)["history"];
  EXPECT_EQ(history.back()["actor"]["kind"], "patient") << history.dump();
}

TEST_F(AuthApiTest, PatientAAskingForPatientBsRecordsIsRefusedAndAudited) {
  const auto a = sign_up("Ariel", "ariel@example.com"), b = sign_up("Bo", "bo@example.com");
  const auto b_visit = book_at(b.patient_id, "allen", "2026-12-01T10:00:00-06:00");
  const std::pair<const char*, std::string> attempts[] = {
      {"GET", appt(b_visit)}, {"GET", appt(b_visit) + ".ics"}, {"PATCH", appt(b_visit)},
      {"GET", patient(b.patient_id)}, {"PATCH", patient(b.patient_id)}};
  for (const auto& [method, target] : attempts) {
    auto r = send_as(a.session, method, target, method == std::string("GET") ? "" : R"({"status": "cancelled"})");
    // The same answer an unknown id gets: a refusal must not tell that the record exists.
    EXPECT_EQ(r->status, 404) << method << " " << target << " " << r->body;
    EXPECT_EQ(code_of(r), "no_record");
    EXPECT_EQ(r->body.find("Bo"), std::string::npos);
  }
  auto booking_for_b = send_as(a.session, "POST", "/api/v1/appointments",
                               json{{"patient_id", b.patient_id}, {"location", "allen"}, {"type", "consultation"},
                                    {"start", "2026-12-02T10:00:00-06:00"}}.dump());
  EXPECT_EQ(booking_for_b->status, 404);
  EXPECT_EQ(send_as(a.session, "GET", "/api/v1/patients?q=bo")->status, 403);
  EXPECT_EQ(send_as(a.session, "GET", "/api/v1/schedule?location=allen&date=2026-12-01")->status, 403);
  const auto denied = testing::count(
      path, fmt::format("SELECT count(*) FROM audit_log WHERE actor_kind = 'patient' AND actor_id = '{}' AND patient_id = {} "
                        "AND outcome = 'denied' AND status = 404",
                        a.account_id, b.patient_id));
  EXPECT_EQ(denied, 6);
  EXPECT_EQ(json::parse(send_as(b.session, "GET", appt(b_visit))->body)["status"], "booked");  // untouched
}

TEST_F(AuthApiTest, APatientListsTheirOwnVisitsAndStaffSeeThoseAtTheirLocations) {
  const auto sam = sign_up("Sam", "sam@example.com"), bo = sign_up("Bo", "bo@example.com");
  const auto later = book_at(sam.patient_id, "allen", "2026-12-02T10:00:00-06:00");
  const auto earlier = book_at(sam.patient_id, "allen", "2026-12-01T10:00:00-06:00");
  auto dallas = send_as(sam.session, "POST", "/api/v1/appointments",
                        json{{"patient_id", sam.patient_id}, {"location", "dallas"}, {"type", "consultation"},
                             {"start", "2026-12-03T10:00:00-06:00"}}.dump());
  ASSERT_EQ(dallas->status, 201) << dallas->body;
  const auto in_dallas = json::parse(dallas->body)["id"].get<std::int64_t>();
  const auto list = patient(sam.patient_id) + "/appointments";
  const auto ids_of = [](const httplib::Result& r) {
    std::vector<std::int64_t> ids;
    const auto doc = json::parse(r->body);
    for (const auto& a : doc["appointments"]) ids.push_back(a["id"]);
    return ids;
  };

  auto own = send_as(sam.session, "GET", list);
  ASSERT_EQ(own->status, 200) << own->body;
  EXPECT_EQ(ids_of(own), (std::vector<std::int64_t>{earlier, later, in_dallas}));  // start order, every location
  EXPECT_EQ(json::parse(own->body)["appointments"][0]["links"]["ics"], appt(earlier) + ".ics");
  auto desk = send_as(login_staff("desk-allen"), "GET", list);
  ASSERT_EQ(desk->status, 200) << desk->body;
  EXPECT_EQ(ids_of(desk), (std::vector<std::int64_t>{earlier, later}));  // not the Dallas visit
  auto other_patient = send_as(bo.session, "GET", list);
  EXPECT_EQ(other_patient->status, 404);
  EXPECT_EQ(other_patient->body.find("Sam"), std::string::npos);
  EXPECT_EQ(anonymous().Get(list)->status, 401);
  EXPECT_EQ(send_as(login_staff("admin"), "GET", list)->status, 403);  // no schedule_read
  EXPECT_EQ(send_as(sam.session, "GET", patient(999999) + "/appointments")->status, 404);
}

TEST_F(AuthApiTest, StaffSeeOnlyThePatientsAndScheduleOfTheirLocations) {
  const auto allen_patient = create_patient("Allie")["id"].get<std::int64_t>();
  const auto visit = book_at(allen_patient, "allen", "2026-12-01T10:00:00-06:00");
  const auto newcomer = create_patient("Newt")["id"].get<std::int64_t>();  // no appointment yet
  const auto dallas = login_staff("desk-dallas");
  EXPECT_EQ(send_as(dallas, "GET", appt(visit))->status, 404);
  EXPECT_EQ(send_as(dallas, "GET", patient(allen_patient))->status, 404);
  EXPECT_EQ(send_as(dallas, "GET", "/api/v1/schedule?location=allen&date=2026-12-01")->status, 403);
  EXPECT_EQ(send_as(dallas, "GET", "/api/v1/schedule?location=dallas&date=2026-12-01")->status, 200);
  EXPECT_EQ(send_as(dallas, "POST", "/api/v1/appointments",
                    json{{"patient_id", newcomer}, {"location", "allen"}, {"type", "consultation"},
                         {"start", "2026-12-03T10:00:00-06:00"}}.dump())->status,
            404);
  EXPECT_EQ(send_as(dallas, "GET", patient(newcomer))->status, 200);  // belongs to no location yet
  const auto listing = send_as(dallas, "GET", "/api/v1/patients?q=Demo")->body;
  const auto found = json::parse(listing)["patients"];
  std::vector<std::int64_t> ids;
  for (const auto& p : found) ids.push_back(p["id"]);
  EXPECT_EQ(ids, std::vector<std::int64_t>{newcomer}) << listing;
  const auto nurse = login_staff("nurse-allen");
  EXPECT_EQ(send_as(nurse, "GET", appt(visit))->status, 200);
  EXPECT_EQ(send_as(nurse, "PATCH", appt(visit), R"({"status": "checked_in"})")->status, 403);  // no schedule_write
}

TEST_F(AuthApiTest, AStateChangeWithoutTheRightCsrfTokenIsRefused) {
  const auto desk = login_staff("desk-allen"), other = login_staff("desk-dallas");
  const auto body = json{{"given_name", "Casey"}, {"family_name", "Demo"}, {"date_of_birth", "1980-01-01"},
                         {"sex", "male"}}.dump();
  const auto before = testing::count(path, "SELECT count(*) FROM patients");
  auto missing = send_as(desk, "POST", "/api/v1/patients", body, false);
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(code_of(missing), "csrf_failed");
  Session wrong = desk;
  wrong.csrf = other.csrf;  // a valid token, of another session
  EXPECT_EQ(send_as(wrong, "POST", "/api/v1/patients", body)->status, 403);
  wrong.csrf = "x";
  EXPECT_EQ(send_as(wrong, "POST", "/api/v1/patients", body)->status, 403);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM patients"), before);
  EXPECT_EQ(send_as(desk, "GET", "/api/v1/session", "", false)->status, 200);  // reads need none
  EXPECT_EQ(send_as(desk, "POST", "/api/v1/patients", body)->status, 201);
  EXPECT_EQ(send("POST", "/api/v1/patients", body)->status, 201);  // API tokens need none
  EXPECT_EQ(json::parse(send_as(desk, "GET", "/api/v1/session")->body)["csrf_token"], desk.csrf);
}

TEST_F(AuthApiTest, RepeatedFailedLoginsLockOutAndNoAnswerRevealsWhetherAnAccountExists) {
  const std::string known = "desk-allen@example.test", unknown = "nobody@example.test";
  for (int i = 0; i < 5; ++i) {
    const auto k = login(known, "wrong password here"), u = login(unknown, "wrong password here");
    EXPECT_EQ(k.body, u.body);
    EXPECT_EQ(k.body["status"], 401);
    EXPECT_EQ(k.body["code"], "invalid_credentials");
  }
  for (const auto& email : {known, unknown}) {
    auto r = anonymous().Post("/api/v1/session", json{{"email", email}, {"password", "fixture phrase one 1"}}.dump(),
                              "application/json");
    EXPECT_EQ(r->status, 429) << email;
    EXPECT_EQ(code_of(r), "too_many_attempts");
    EXPECT_EQ(r->get_header_value("Retry-After"), "900");
  }
  EXPECT_EQ(login_staff("nurse-allen").body["status"], 200);  // other accounts are not locked
  clock.set(clock.now() + std::chrono::minutes(15));
  EXPECT_EQ(login_staff("desk-allen").body["status"], 200);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM audit_log WHERE operation = 'login' AND outcome = 'denied'"), 12);
}

TEST_F(AuthApiTest, SessionsEndWhenIdleAndAtLogout) {
  auto desk = login_staff("desk-allen");
  clock.set(clock.now() + std::chrono::minutes(29));
  EXPECT_EQ(send_as(desk, "GET", "/api/v1/session")->status, 200);
  clock.set(clock.now() + std::chrono::minutes(30));
  auto expired = send_as(desk, "GET", "/api/v1/session");
  EXPECT_EQ(expired->status, 401);
  EXPECT_EQ(code_of(expired), "session_expired");
  EXPECT_NE(expired->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  const auto sam = sign_up("Sam", "sam@example.com");
  clock.set(clock.now() + std::chrono::minutes(15));
  EXPECT_EQ(send_as(sam.session, "GET", patient(sam.patient_id))->status, 401);
  desk = login_staff("desk-allen");
  auto out = send_as(desk, "DELETE", "/api/v1/session");
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("kc_session=;"), std::string::npos);
  EXPECT_EQ(send_as(desk, "GET", "/api/v1/session")->status, 401);
}

TEST_F(AuthApiTest, ApiTokensAreScopedShownOnceAndRevocable) {
  const auto desk = login_staff("desk-allen");
  auto made = send_as(desk, "POST", "/api/v1/tokens", json{{"name", "wall board"}, {"scope", {"schedule_read"}}}.dump());
  ASSERT_EQ(made->status, 201) << made->body;
  const auto token = json::parse(made->body);
  const std::string secret = token["token"];
  auto with_token = anonymous();
  with_token.set_default_headers({{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(with_token.Get("/api/v1/schedule?location=allen&date=2026-12-01")->status, 200);
  EXPECT_EQ(with_token.Post("/api/v1/patients", "{}", "application/json")->status, 403);
  EXPECT_EQ(with_token.Post("/api/v1/tokens", "{}", "application/json")->status, 403);
  auto listed = send_as(desk, "GET", "/api/v1/tokens");
  EXPECT_EQ(listed->body.find(secret), std::string::npos);
  EXPECT_NE(listed->body.find(secret.substr(0, 10)), std::string::npos);
  auto too_much = send_as(desk, "POST", "/api/v1/tokens", json{{"name", "x"}, {"scope", {"clinical_read"}}}.dump());
  EXPECT_EQ(too_much->status, 400);
  EXPECT_EQ(send_as(login_staff("desk-dallas"), "DELETE", "/api/v1/tokens/" + std::to_string(token["id"].get<int>()))->status,
            404);
  EXPECT_EQ(send_as(desk, "DELETE", "/api/v1/tokens/" + std::to_string(token["id"].get<int>()))->status, 204);
  auto revoked = with_token.Get("/api/v1/schedule?location=allen&date=2026-12-01");
  EXPECT_EQ(revoked->status, 401);
  EXPECT_EQ(code_of(revoked), "invalid_token");
}

TEST_F(AuthApiTest, AdministratorsManageStaffAndReadTheAuditTrailButNoPatientData) {
  const auto a = sign_up("Ariel", "ariel@example.com");
  const auto visit = book_at(a.patient_id, "allen", "2026-12-01T10:00:00-06:00");
  const auto admin = login_staff("admin");
  EXPECT_EQ(send_as(admin, "GET", appt(visit))->status, 403);
  EXPECT_EQ(send_as(admin, "GET", patient(a.patient_id))->status, 403);
  auto made = send_as(admin, "POST", "/api/v1/users",
                      json{{"email", "new.nurse@example.test"}, {"name", "New Nurse"}, {"roles", {"nurse"}},
                           {"locations", {"frisco"}}}.dump());
  ASSERT_EQ(made->status, 201) << made->body;
  const auto user = json::parse(made->body);
  auto nurse = login("new.nurse@example.test", user["password"]);
  ASSERT_EQ(nurse.body["status"], 200);
  EXPECT_EQ(send_as(admin, "POST", "/api/v1/users", json{{"email", "x@example.test"}, {"name", "X"}, {"roles", {"patient"}}}.dump())->status,
            400);
  const auto self = "/api/v1/users/" + std::to_string(user["user"]["id"].get<int>());
  EXPECT_EQ(send_as(admin, "PATCH", self, R"({"disabled": true})")->status, 200);
  EXPECT_EQ(send_as(nurse, "GET", "/api/v1/session")->status, 401);
  auto trail = send_as(admin, "GET", "/api/v1/audit?patient=" + std::to_string(a.patient_id));
  ASSERT_EQ(trail->status, 200) << trail->body;
  const auto entries = json::parse(trail->body)["entries"];
  ASSERT_GE(entries.size(), 3u);  // sign-up, the booking, the admin's two refused reads
  for (const auto& e : entries) EXPECT_EQ(e["patient_id"], a.patient_id);
  EXPECT_EQ(entries[0]["outcome"], "denied");  // newest first: the admin's refused record read
  EXPECT_EQ(entries[0]["operation"], "getPatient");
  auto by_user = json::parse(send_as(admin, "GET", "/api/v1/audit?user=" + std::to_string(a.account_id))->body)["entries"];
  ASSERT_FALSE(by_user.empty());
  for (const auto& e : by_user) EXPECT_EQ(e["actor"]["id"], std::to_string(a.account_id));
  EXPECT_TRUE(json::parse(send_as(admin, "GET", "/api/v1/audit?from=2026-11-28")->body)["entries"].empty());
  EXPECT_EQ(send_as(admin, "GET", "/api/v1/audit?limit=0")->status, 400);
  EXPECT_EQ(send_as(login_staff("desk-allen"), "GET", "/api/v1/audit")->status, 403);
}

// Issue 16: an administrator granting themselves a clinical role would read
// patients' answers. Their own roles, locations and access are refused (403
// own_account, nothing changed); a second administrator may grant them, and
// the grant is its own action in the audit trail (change_roles).
TEST_F(AuthApiTest, AnAdministratorCannotGrantThemselvesAClinicalRole) {
  const auto a = sign_up("Ariel", "ariel@example.com");
  book_at(a.patient_id, "allen", "2026-12-01T10:00:00-06:00");
  const auto admin = login_staff("admin");
  const auto admin_id = staff_ids.at("admin");
  const auto own = "/api/v1/users/" + std::to_string(admin_id);
  for (const auto* body : {R"({"roles": ["admin", "prescriber"], "locations": ["allen"]})", R"({"roles": ["prescriber"], "locations": ["allen"]})",
                           R"({"locations": ["allen"]})", R"({"disabled": true})", R"({"staff_code": "avery-demo"})"}) {
    auto refused = send_as(admin, "PATCH", own, body);
    EXPECT_EQ(refused->status, 403) << body;
    EXPECT_EQ(code_of(refused), "own_account") << body;
  }
  EXPECT_EQ(auth->account(admin_id).value().roles, std::vector<auth::Role>{auth::Role::admin});
  EXPECT_EQ(send_as(admin, "GET", patient(a.patient_id))->status, 403);
  EXPECT_EQ(send_as(admin, "PATCH", own, R"({"name": "Admin One"})")->status, 200);  // a name is one's own

  auto made = send_as(admin, "POST", "/api/v1/users",
                      json{{"email", "second.admin@example.test"}, {"name", "Second Admin"}, {"roles", {"admin"}}}.dump());
  ASSERT_EQ(made->status, 201) << made->body;
  const auto made_json = json::parse(made->body);
  const auto second = login("second.admin@example.test", made_json["password"]);
  // The grant goes with the staff record it will sign as (a prescriber's).
  auto granted = send_as(second, "PATCH", own,
                         R"({"roles": ["admin", "prescriber"], "locations": ["allen"], "staff_code": "dana-demo"})");
  ASSERT_EQ(granted->status, 200) << granted->body;
  auto trail = json::parse(send_as(second, "GET", "/api/v1/audit?user=" + made_json["user"]["id"].dump())->body)["entries"];
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail[0]["action"], "change_roles");  // newest first
  EXPECT_EQ(trail[0]["resource"]["id"], std::to_string(admin_id));
  auto own_trail = json::parse(send_as(second, "GET", "/api/v1/audit?user=" + std::to_string(admin_id))->body)["entries"];
  int refusals = 0;
  for (const auto& e : own_trail) refusals += e["operation"] == "updateUser" && e["outcome"] == "denied";
  EXPECT_EQ(refusals, 5);
}

TEST_F(AuthApiTest, SecurityHeadersComeWithEveryResponseErrorsIncluded) {
  auto c = anonymous();
  std::vector<httplib::Result> responses;
  responses.push_back(c.Get("/healthz"));
  responses.push_back(c.Get("/api/v1/nothing-here"));                        // 404 from the router
  responses.push_back(c.Get("/not-api"));                                    // 404 from the router
  responses.push_back(c.Get("/api/v1/schedule?location=allen&date=2026-12-01"));  // 401
  responses.push_back(c.Delete("/api/v1/locations"));                       // 405
  responses.push_back(c.Post("/api/v1/session", std::string(2 * 1024 * 1024, ' '), "application/json"));  // 413
  for (const auto& r : responses) {
    ASSERT_TRUE(r);
    SCOPED_TRACE(r->status);
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_FALSE(r->has_header("Strict-Transport-Security"));  // plain HTTP
  }
  EXPECT_EQ(responses[0]->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(responses[3]->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(responses[5]->status, 413);
}

}  // namespace
}  // namespace kc::http
