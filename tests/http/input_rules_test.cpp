// The input rules of docs/security.md over real HTTP: dates and instants
// outside their bounds are a 400 naming the field (reason date_out_of_range)
// on every route that reads one, and free text keeps its line breaks as LF.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

class InputRulesTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    patient = create_patient()["id"];
    auto booked = send("POST", "/api/v1/appointments", booking("2026-12-02T09:00:00-06:00", "first visit"));
    ASSERT_EQ(booked->status, 201) << booked->body;
    appointment = json::parse(booked->body)["id"];
    nurse = login_staff("nurse-allen");
    admin = login_staff("admin");
  }

  std::string booking(const std::string& start, const std::string& reason) const {
    return json{{"patient_id", patient}, {"location", "allen"}, {"type", "consultation"}, {"start", start},
                {"reason", reason}}.dump();
  }

  // As the front desk's token, or as a session ("nurse", "admin"), or anonymous ("anonymous").
  httplib::Result call(const std::string& who, const std::string& method, const std::string& target,
                       const std::string& body) {
    if (who == "nurse") return send_as(nurse, method, target, body);
    if (who == "admin") return send_as(admin, method, target, body);
    if (who == "anonymous") return send_with(anonymous(), method, target, body, {});
    return send(method, target, body);
  }

  std::int64_t patient = 0, appointment = 0;
  Session nurse, admin;
};

struct DateCase {
  const char* name;
  const char* who;
  const char* method;
  std::string target;
  std::string body;
  const char* field;
};

TEST_F(InputRulesTest, DatesOutsideTheirBoundsAreA400NamingTheField) {
  const auto p = "/api/v1/patients/" + std::to_string(patient);
  const auto a = "/api/v1/appointments/" + std::to_string(appointment);
  const auto person = [](const char* dob) {
    return json{{"given_name", "Old"}, {"family_name", "Demo"}, {"date_of_birth", dob}, {"sex", "male"}};
  };
  auto sign_up = person("1899-12-31");
  sign_up.update({{"email", "old.demo@example.test"}, {"password", "a long enough passphrase here"}});
  const std::vector<DateCase> cases{
      {"booking in year 0", "desk", "POST", "/api/v1/appointments", booking("0000-01-01T09:00:00-06:00", ""), "start"},
      {"booking in 2101", "desk", "POST", "/api/v1/appointments", booking("2101-01-03T09:00:00-06:00", ""), "start"},
      {"moving to 1999", "desk", "PATCH", a, R"({"start": "1999-12-31T09:00:00-06:00"})", "start"},
      {"due in year 0", "nurse", "POST", p + "/assignments", R"({"instrument": "phq9", "due": "0000-01-01T00:00:00Z"})",
       "due"},
      {"due in 9999", "nurse", "POST", p + "/assignments", R"({"instrument": "phq9", "due": "9999-12-31T00:00:00Z"})",
       "due"},
      {"availability from year 0", "anonymous", "GET",
       "/api/v1/availability?location=allen&type=consultation&from=0000-01-01", "", "from"},
      {"availability to an instant in 2101", "anonymous", "GET",
       "/api/v1/availability?location=allen&type=consultation&from=2026-12-01&to=2101-01-01T00:00:00Z", "", "to"},
      {"day board of year 0", "desk", "GET", "/api/v1/schedule?location=allen&date=0000-01-01", "", "date"},
      {"flags of 1999", "desk", "GET", "/api/v1/flags?location=allen&date=1999-12-31", "", "date"},
      {"audit from year 0", "admin", "GET", "/api/v1/audit?from=0000-01-01", "", "from"},
      {"audit to 9999", "admin", "GET", "/api/v1/audit?to=9999-12-31T00:00:00Z", "", "to"},
      {"search for a birth in 1899", "desk", "GET", "/api/v1/patients?q=demo&date_of_birth=1899-12-31", "",
       "date_of_birth"},
      {"search for a birth tomorrow", "desk", "GET", "/api/v1/patients?q=demo&date_of_birth=2026-11-28", "",
       "date_of_birth"},
      {"born in year 0", "desk", "POST", "/api/v1/patients", person("0000-01-01").dump(), "date_of_birth"},
      {"born tomorrow", "desk", "PATCH", p, R"({"date_of_birth": "2026-11-28"})", "date_of_birth"},
      {"signing up born in 1899", "anonymous", "POST", "/api/v1/accounts", sign_up.dump(), "date_of_birth"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = call(c.who, c.method, c.target, c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    const auto problem = json::parse(r->body);
    ASSERT_EQ(problem.value("errors", json::array()).size(), 1u) << r->body;
    EXPECT_EQ(problem["errors"][0]["field"], c.field) << r->body;
    EXPECT_EQ(problem["errors"][0]["code"], "date_out_of_range") << r->body;
  }
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM appointments"), 1);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM patients"), 1);
}

TEST_F(InputRulesTest, TheBoundsThemselvesAreAccepted) {
  auto born = send("POST", "/api/v1/patients",
                   json{{"given_name", "Eldest"}, {"family_name", "Demo"}, {"date_of_birth", "1900-01-01"}, {"sex", "female"}}.dump());
  EXPECT_EQ(born->status, 201) << born->body;
  auto due = send_as(nurse, "POST", "/api/v1/patients/" + std::to_string(patient) + "/assignments",
                     R"({"instrument": "phq9", "due": "2100-12-31T00:00:00Z"})");
  EXPECT_EQ(due->status, 201) << due->body;
  auto audit = send_as(admin, "GET", "/api/v1/audit?from=2000-01-01&to=2100-12-31");
  EXPECT_EQ(audit->status, 200) << audit->body;
}

TEST_F(InputRulesTest, FreeTextKeepsLineBreaksAsLfAndOneLineFieldsRefuseThem) {
  auto moved = send("PATCH", "/api/v1/appointments/" + std::to_string(appointment),
                    json{{"status", "cancelled"}, {"reason", "patient called\r\nwill rebook\rnext week"}}.dump());
  ASSERT_EQ(moved->status, 200) << moved->body;
  const auto history = get_json("/api/v1/appointments/" + std::to_string(appointment))["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["reason"], "first visit");
  EXPECT_EQ(history[1]["reason"], "patient called\nwill rebook\nnext week");
  auto renamed = send("PATCH", "/api/v1/patients/" + std::to_string(patient), R"({"family_name": "Demo\nSmith"})");
  ASSERT_EQ(renamed->status, 400) << renamed->body;
  EXPECT_EQ(json::parse(renamed->body)["errors"][0]["code"], "invalid_characters");
  EXPECT_EQ(get_json("/api/v1/patients/" + std::to_string(patient))["family_name"], "Demo");
}

}  // namespace
}  // namespace kc::http
