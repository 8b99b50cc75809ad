// Changing one's password over real HTTP: the current password is needed, the
// new one meets the policy, the account's other sessions end (this one stays),
// the new password signs in and the old one does not, wrong guesses are
// throttled like logins, and the change is in the audit trail.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

constexpr const char* kPath = "/api/v1/session/password";
constexpr const char* kNew = "a brand new passphrase 7";

class PasswordApiTest : public ApiServerTest {
 protected:
  httplib::Result change(const Session& s, const std::string& current, const std::string& next) {
    return send_as(s, "POST", kPath, json{{"current_password", current}, {"new_password", next}}.dump());
  }

  // The first field error of a 400: {field, code}.
  static std::pair<std::string, std::string> field_error(const httplib::Result& r) {
    const auto doc = json::parse(r->body);
    if (!doc.contains("errors") || doc["errors"].empty()) return {};
    return {doc["errors"][0].value("field", ""), doc["errors"][0].value("code", "")};
  }
};

TEST_F(PasswordApiTest, AWrongCurrentPasswordIsRefusedNamingTheField) {
  const auto nurse = login_staff("nurse-allen");
  auto r = change(nurse, "not my password at all", kNew);
  ASSERT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(json::parse(r->body)["code"], "validation_failed");
  EXPECT_EQ(field_error(r), (std::pair<std::string, std::string>{"current_password", "wrong_password"}));
  EXPECT_EQ(login_staff("nurse-allen").body["status"], 200);  // unchanged
}

TEST_F(PasswordApiTest, AWeakNewPasswordIsRefusedWithThePolicysReason) {
  const auto nurse = login_staff("nurse-allen");
  const std::pair<const char*, const char*> cases[] = {{"short one", "password_too_short"},
                                                        {"Password2024!", "password_too_short"},
                                                        {"aaaaaaaaaaaaaaaaaaaa", "password_repetitive"},
                                                        {"passwordpassword", "password_common"},
                                                        {"i am nurse-allen and proud", "password_contains_email"}};
  for (const auto& [weak, reason] : cases) {
    auto r = change(nurse, "fixture phrase three 3", weak);
    ASSERT_EQ(r->status, 400) << weak << "\n" << r->body;
    EXPECT_EQ(field_error(r), (std::pair<std::string, std::string>{"new_password", reason})) << weak;
  }
  auto missing = send_as(nurse, "POST", kPath, json{{"current_password", "fixture phrase three 3"}}.dump());
  ASSERT_EQ(missing->status, 400);
  EXPECT_EQ(field_error(missing).first, "new_password");
  EXPECT_EQ(login_staff("nurse-allen").body["status"], 200);
}

TEST_F(PasswordApiTest, TheChangeEndsOtherSessionsKeepsThisOneAndTheNewPasswordSignsIn) {
  const auto here = login_staff("prescriber-allen"), elsewhere = login_staff("prescriber-allen");
  const auto other_user = login_staff("nurse-allen");
  auto r = change(here, "fixture phrase four 4", kNew);
  ASSERT_EQ(r->status, 204) << r->body;
  EXPECT_EQ(send_as(here, "GET", "/api/v1/session")->status, 200);
  auto ended = send_as(elsewhere, "GET", "/api/v1/session");
  EXPECT_EQ(ended->status, 401);
  EXPECT_EQ(json::parse(ended->body)["code"], "session_expired");
  EXPECT_EQ(send_as(other_user, "GET", "/api/v1/session")->status, 200);  // only this account's sessions end
  EXPECT_EQ(login_staff("prescriber-allen").body["code"], "invalid_credentials");  // the old one no longer works
  EXPECT_EQ(login("prescriber-allen@example.test", kNew).body["status"], 200);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM audit_log WHERE operation = 'changePassword' AND "
                                 "action = 'change_password' AND outcome = 'allowed'"),
            1);
}

TEST_F(PasswordApiTest, APatientChangesTheirPasswordToo) {
  const json body = {{"given_name", "Sam"}, {"family_name", "Demo"}, {"date_of_birth", "1985-04-12"}, {"sex", "female"},
                     {"email", "sam@example.com"}, {"password", "my own long passphrase"}};
  ASSERT_EQ(anonymous().Post("/api/v1/accounts", body.dump(), "application/json")->status, 201);
  const auto sam = login("sam@example.com", "my own long passphrase");
  ASSERT_EQ(change(sam, "my own long passphrase", kNew)->status, 204);
  EXPECT_EQ(login("sam@example.com", kNew).body["status"], 200);
}

TEST_F(PasswordApiTest, RepeatedWrongCurrentPasswordsAreThrottledLikeLogins) {
  const auto desk = login_staff("desk-allen");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(change(desk, "wrong guess number x", kNew)->status, 400);
  auto throttled = change(desk, "fixture phrase one 1", kNew);
  EXPECT_EQ(throttled->status, 429);
  EXPECT_EQ(json::parse(throttled->body)["code"], "too_many_attempts");
  EXPECT_FALSE(throttled->get_header_value("Retry-After").empty());
  EXPECT_EQ(login_staff("desk-allen").body["status"], 429);  // the sign-in form counts the same failures
  clock.set(clock.now() + std::chrono::minutes(15));
  const auto again = login_staff("desk-allen");
  EXPECT_EQ(change(again, "fixture phrase one 1", kNew)->status, 204);
}

TEST_F(PasswordApiTest, ItNeedsASessionWithItsCsrfToken) {
  EXPECT_EQ(anonymous().Post(kPath, R"({"current_password": "x", "new_password": "y"})", "application/json")->status, 401);
  EXPECT_EQ(send("POST", kPath, json{{"current_password", "fixture phrase one 1"}, {"new_password", kNew}}.dump())->status,
            403);  // an API token
  const auto desk = login_staff("desk-allen");
  auto no_csrf = send_as(desk, "POST", kPath, json{{"current_password", "fixture phrase one 1"}, {"new_password", kNew}}.dump(),
                         false);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(login_staff("desk-allen").body["status"], 200);
}

}  // namespace
}  // namespace kc::http
