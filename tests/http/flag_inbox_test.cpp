// Issue 11 item 1 over real HTTP: a location's flag inbox lists every open flag
// of its patients whatever their visit dates, with the answer that raised it
// (clinicians only), the patient's phone and the flag's age; an urgent flag
// older than data/clinic/flag_policy.json's escalate_after is escalated to the
// prescribers on duty; flags of patients in care nowhere go to the configured
// location; other locations see nothing.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

constexpr const char* kPass = "patient phrase long";

class FlagInboxTest : public ApiServerTest {
 protected:
  json inbox(const Session& who, const char* location, int expected = 200) {
    auto r = send_as(who, "GET", std::string("/api/v1/flags/inbox?location=") + location);
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, expected) << r->body;
    return json::parse(r->body);
  }

  // A patient with a phone and a login who answers PHQ-9 item 9 with `item9`.
  std::int64_t flagged_patient(const std::string& given, int item9) {
    auto made = send("POST", "/api/v1/patients",
                     json{{"given_name", given}, {"family_name", "Demo"}, {"date_of_birth", "1984-05-06"},
                          {"sex", "female"}, {"phone", "+1 214 555 0101"}}.dump());
    const std::int64_t id = json::parse(made->body)["id"];
    EXPECT_TRUE(auth->add_patient_login(id, given + "@example.test", given, kPass).has_value());
    const auto nurse = login_staff("nurse-allen");
    auto assigned = send_as(nurse, "POST", "/api/v1/patients/" + std::to_string(id) + "/assignments",
                            R"({"instrument": "phq9"})");
    EXPECT_EQ(assigned->status, 201) << assigned->body;
    json answers = json::object();
    for (int i = 1; i <= 10; ++i) answers["phq9_" + std::to_string(i)] = i == 9 ? item9 : 1;
    const auto patient = login(given + "@example.test", kPass);
    const auto assignment = json::parse(assigned->body)["id"].get<std::int64_t>();
    auto submitted = send_as(patient, "POST", "/api/v1/assignments/" + std::to_string(assignment) + "/submission",
                             json{{"answers", answers}}.dump());
    EXPECT_EQ(submitted->status, 201) << submitted->body;
    return id;
  }
};

TEST_F(FlagInboxTest, EveryOpenFlagOfTheLocationWithItsAnswerAgeAndEscalation) {
  const auto p = flagged_patient("Robin", 3);
  // A visit next week: the day board of today does not show it; the inbox does.
  ASSERT_EQ(send("POST", "/api/v1/appointments",
                 json{{"patient_id", p}, {"location", "allen"}, {"type", "consultation"},
                      {"start", "2026-12-04T10:00:00-06:00"}}.dump())
                ->status,
            201);
  const auto nurse = login_staff("nurse-allen");
  EXPECT_TRUE(json::parse(send_as(nurse, "GET", "/api/v1/flags?location=allen")->body)["flags"].empty());
  auto box = inbox(nurse, "allen");
  ASSERT_EQ(box["open"], 1);
  const auto& f = box["flags"][0];
  EXPECT_EQ(f["patient"]["name"], "Robin Demo");
  EXPECT_EQ(f["patient"]["phone"], "+1 214 555 0101");
  EXPECT_EQ(f["answer"], "item 9: Nearly every day (3)");
  EXPECT_EQ(f["age_min"], 0);
  EXPECT_EQ(f["escalated"], false);
  EXPECT_EQ(box["escalate_after_min"], 60);

  // The front desk sees that a flag is open and how to call, not why.
  auto desk_view = inbox(login_staff("desk-allen"), "allen")["flags"][0];
  EXPECT_EQ(desk_view["patient"]["phone"], "+1 214 555 0101");
  EXPECT_FALSE(desk_view.contains("answer"));
  EXPECT_FALSE(desk_view.contains("reason"));

  // Unacknowledged after an hour: escalated to the prescribers on duty (Friday 13:01 at Allen).
  clock.set(clock.now() + std::chrono::minutes(61));
  const auto later = login_staff("nurse-allen");  // the first session has gone idle meanwhile
  auto late = inbox(later, "allen");
  EXPECT_EQ(late["escalated"], 1);
  ASSERT_TRUE(late["flags"][0]["escalated"]);
  std::vector<std::string> on_duty;
  for (const auto& s : late["flags"][0]["escalated_to"]) on_duty.push_back(s["code"]);
  EXPECT_NE(std::find(on_duty.begin(), on_duty.end(), "avery-demo"), on_duty.end());
  EXPECT_EQ(std::find(on_duty.begin(), on_duty.end(), "emery-demo"), on_duty.end());  // a Dallas prescriber

  // Dallas neither reads Allen's inbox nor finds the flag in its own.
  const auto dallas = login_staff("nurse-dallas");
  inbox(dallas, "allen", 403);
  EXPECT_EQ(inbox(dallas, "dallas")["open"], 0);

  const std::int64_t flag = late["flags"][0]["id"];
  ASSERT_EQ(send_as(later, "POST", "/api/v1/flags/" + std::to_string(flag) + "/acknowledgement",
                    R"({"action_taken": "Called Robin: safe, safety plan reviewed"})")
                ->status,
            200);
  EXPECT_EQ(inbox(later, "allen")["open"], 0);
}

TEST_F(FlagInboxTest, APatientInCareNowhereGoesToTheConfiguredLocation) {
  flagged_patient("Sasha", 2);  // never booked: in care nowhere
  EXPECT_EQ(inbox(login_staff("nurse-allen"), "allen")["open"], 1);  // flag_policy.json: unrouted_location allen
  EXPECT_EQ(inbox(login_staff("nurse-dallas"), "dallas")["open"], 0);
  auto unknown = send_as(login_staff("nurse-allen"), "GET", "/api/v1/flags/inbox?location=paris");
  EXPECT_EQ(unknown->status, 404);
}

}  // namespace
}  // namespace kc::http
