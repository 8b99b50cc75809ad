// Issue 11: booking a treatment visit goes through the gates of
// data/clinic/treatment_gates.json over real HTTP: refused with the missing
// step's code and every unmet gate listed, nothing booked. A gate is met by a
// clinician's own signed-in action (a prescriber's decision, which may depart
// from the proposal with a note; an acknowledgement after evaluation), never by
// the front desk; age and REMS enrolment have no exception.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

class GatesTest : public ApiServerTest {
 protected:
  json visit(std::int64_t patient, const char* type, const char* start = "2026-12-01T09:00:00-06:00") const {
    return {{"patient_id", patient}, {"location", "allen"}, {"type", type}, {"start", start}};
  }
  std::int64_t appointments() const { return testing::count(path, "SELECT count(*) FROM appointments"); }
};

TEST_F(GatesTest, AnInfusionNeedsAPrescribersEligibleDecision) {
  const std::int64_t p = create_patient()["id"];
  const auto desk = login_staff("desk-allen");
  auto refused = send_as(desk, "POST", "/api/v1/appointments", visit(p, "infusion").dump());
  ASSERT_EQ(refused->status, 422) << refused->body;
  auto problem = json::parse(refused->body);
  EXPECT_EQ(problem["code"], "no_eligible_decision");
  ASSERT_EQ(problem["unmet"].size(), 1u);
  EXPECT_EQ(problem["unmet"][0]["gate"], "eligible_decision");
  EXPECT_NE(problem["unmet"][0]["resolved_by"].get<std::string>().find("prescriber"), std::string::npos);
  EXPECT_NE(problem["unmet"][0]["source"].get<std::string>().find("[@"), std::string::npos);
  EXPECT_EQ(appointments(), 0);
  // A consultation (to be screened) is not gated; nor can the desk talk its way past a gate.
  ASSERT_EQ(send_as(desk, "POST", "/api/v1/appointments", visit(p, "consultation", "2026-11-30T10:00:00-06:00").dump())
                ->status,
            201);
  json insisting = visit(p, "infusion");
  insisting["override"] = {{"reason", "the doctor said it is fine"}};
  EXPECT_EQ(send_as(desk, "POST", "/api/v1/appointments", insisting.dump())->status, 400);

  // The prescriber's decision on a proposal that is not "eligible" (missing information), with a note.
  const auto prescriber = login_staff("prescriber-allen");
  auto screened = send_as(prescriber, "POST", "/api/v1/patients/" + std::to_string(p) + "/screening",
                          R"({"treatment": "iv_ketamine"})");
  ASSERT_EQ(screened->status, 201) << screened->body;
  const auto screening = json::parse(screened->body);
  EXPECT_NE(screening["proposal"]["outcome"], "eligible");
  auto decided = send_as(prescriber, "POST", "/api/v1/screenings/" + std::to_string(screening["id"].get<int>()) + "/decision",
                         R"({"decision": "eligible", "note": "Screened in person today; paper form scanned"})");
  ASSERT_EQ(decided->status, 200) << decided->body;
  EXPECT_EQ(json::parse(decided->body)["decision"]["prescriber"], "avery-demo");
  auto booked = send_as(desk, "POST", "/api/v1/appointments", visit(p, "infusion", "2026-12-03T09:00:00-06:00").dump());
  EXPECT_EQ(booked->status, 201) << booked->body;
  // A later "not eligible" decision closes the gate again.
  decide(p, measures::Decision::not_eligible);
  EXPECT_EQ(json::parse(send("POST", "/api/v1/appointments", visit(p, "infusion", "2026-12-04T09:00:00-06:00").dump())
                            ->body)["code"],
            "no_eligible_decision");
}

TEST_F(GatesTest, AnOpenUrgentFlagStopsTreatmentBookingUntilAcknowledged) {
  const std::int64_t p = create_patient()["id"];
  decide_eligible(p);
  ASSERT_TRUE(auth->add_patient_login(p, "alex@example.test", "Alex", "patient phrase long").has_value());
  const auto alex = login("alex@example.test", "patient phrase long");
  const auto nurse = login_staff("nurse-allen");
  ASSERT_EQ(send_as(nurse, "POST", "/api/v1/patients/" + std::to_string(p) + "/assignments", R"({"instrument": "phq9"})")
                ->status,
            201);
  auto submitted = send_as(alex, "POST", "/api/v1/assignments/1/submission",
                           R"({"answers": {"phq9_1": 1, "phq9_2": 1, "phq9_3": 1, "phq9_4": 1, "phq9_5": 1, "phq9_6": 1,
                                           "phq9_7": 1, "phq9_8": 0, "phq9_9": 2, "phq9_10": 0}})");
  ASSERT_EQ(submitted->status, 201) << submitted->body;
  auto refused = send("POST", "/api/v1/appointments", visit(p, "infusion").dump());
  ASSERT_EQ(refused->status, 422);
  EXPECT_EQ(json::parse(refused->body)["code"], "open_urgent_flag");
  const std::int64_t flag = json::parse(submitted->body)["flags"][0]["id"];
  ASSERT_EQ(send_as(nurse, "POST", "/api/v1/flags/" + std::to_string(flag) + "/acknowledgement",
                    R"({"action_taken": "Evaluated by phone; safety plan; cleared for treatment"})")
                ->status,
            200);
  EXPECT_EQ(send("POST", "/api/v1/appointments", visit(p, "infusion").dump())->status, 201);
}

TEST_F(GatesTest, AgeAndREMSEnrolmentHaveNoException) {
  auto minor = send("POST", "/api/v1/patients",
                    json{{"given_name", "Jo"}, {"family_name", "Demo"}, {"date_of_birth", "2009-01-15"}, {"sex", "male"}}
                        .dump());
  const std::int64_t jo = json::parse(minor->body)["id"];
  decide_eligible(jo);
  auto refused = send("POST", "/api/v1/appointments", visit(jo, "infusion").dump());
  ASSERT_EQ(refused->status, 422);
  EXPECT_EQ(json::parse(refused->body)["code"], "under_minimum_age");  // E4: 17 on the visit's date

  const std::int64_t p = create_patient("Sam")["id"];
  decide_eligible(p, measures::Treatment::esketamine);
  auto no_rems = send("POST", "/api/v1/appointments", visit(p, "spravato").dump());
  ASSERT_EQ(no_rems->status, 422);
  EXPECT_EQ(json::parse(no_rems->body)["code"], "rems_not_enrolled");  // E15
  EXPECT_EQ(appointments(), 0);
  const auto record = "/api/v1/patients/" + std::to_string(p);
  EXPECT_EQ(send("PATCH", record, R"({"rems_enrolled_on": "2099-01-01", "version": 1})")->status, 400);
  auto enrolled = send("PATCH", record, R"({"rems_enrolled_on": "2026-11-20", "version": 1})");
  ASSERT_EQ(enrolled->status, 200) << enrolled->body;
  EXPECT_EQ(json::parse(enrolled->body)["rems_enrolled_on"], "2026-11-20");
  EXPECT_EQ(send("POST", "/api/v1/appointments", visit(p, "spravato").dump())->status, 201);
}

}  // namespace
}  // namespace kc::http
