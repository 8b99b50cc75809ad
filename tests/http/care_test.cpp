// Where a patient is in care decides which locations' staff see the record
// (docs/security.md, "Where a patient is in care"): a booking by another
// location's staff widens nobody's scope, a refusal reads the same as an unknown
// id, a transfer of care is an explicit, audited step, and a patient's own
// booking places them where they chose.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

constexpr const char* kPass = "patient phrase long";

class CareTest : public ApiServerTest {
 protected:
  // An Allen patient with a login and a submitted GAD-7: booked at Allen by Allen's desk.
  void SetUp() override {
    ApiServerTest::SetUp();
    allie = create_patient("Allie")["id"];
    EXPECT_TRUE(auth->add_patient_login(allie, "allie@example.test", "Allie", kPass).has_value());
    allie_session = login("allie@example.test", kPass);
    EXPECT_EQ(book(desk_allen(), allie, "allen", "2026-12-01T10:00:00-06:00")->status, 201);
    const auto nurse = login_staff("nurse-allen");
    const auto listed = send_as(nurse, "GET", patient() + "/assignments");
    EXPECT_EQ(listed->status, 200) << listed->body;
    const auto doc = json::parse(listed->body);
    for (const auto& a : doc["assignments"])
      if (a["instrument"] == "gad7") gad7 = a["id"];
    auto submitted = send_as(allie_session, "POST", "/api/v1/assignments/" + std::to_string(gad7) + "/submission",
                             R"({"answers": {"gad7_1": 1, "gad7_2": 1, "gad7_3": 0, "gad7_4": 0, "gad7_5": 0, "gad7_6": 0, "gad7_7": 0}})");
    EXPECT_EQ(submitted->status, 201) << submitted->body;
    submission = json::parse(submitted->body)["id"];
  }

  Session desk_allen() { return login_staff("desk-allen"); }

  httplib::Result book(const Session& who, std::int64_t id, const char* location, const char* start) {
    return send_as(who, "POST", "/api/v1/appointments",
                   json{{"patient_id", id}, {"location", location}, {"type", "consultation"}, {"start", start}}.dump());
  }

  std::string patient(std::int64_t id = 0) const { return "/api/v1/patients/" + std::to_string(id ? id : allie); }
  std::string submission_url() const { return "/api/v1/submissions/" + std::to_string(submission); }

  std::vector<std::string> care_codes(const Session& who) {
    auto r = send_as(who, "GET", patient() + "/care-locations");
    EXPECT_EQ(r->status, 200) << r->body;
    std::vector<std::string> codes;
    const auto doc = json::parse(r->body);
    for (const auto& c : doc["care_locations"]) codes.push_back(c["location"]);
    return codes;
  }

  std::int64_t rows(const char* table) { return testing::count(path, std::string("SELECT count(*) FROM ") + table); }

  std::int64_t allie = 0, gad7 = 0, submission = 0;
  Session allie_session;
};

TEST_F(CareTest, AnotherLocationsDeskCannotBookThePatientAndGainsNoAccess) {
  const auto dallas = login_staff("desk-dallas");
  const auto appointments = rows("appointments"), events = rows("appointment_events"), care = rows("patient_care");
  auto booked = book(dallas, allie, "dallas", "2026-12-02T10:00:00-06:00");
  EXPECT_EQ(booked->status, 404) << booked->body;
  EXPECT_EQ(json::parse(booked->body)["code"], "no_record");
  EXPECT_EQ(rows("appointments"), appointments);
  EXPECT_EQ(rows("appointment_events"), events);
  EXPECT_EQ(rows("patient_care"), care);
  // Nothing was booked, so there is nothing to cancel; the record stays out of reach.
  for (const auto& target : {patient(), patient() + "/appointments", patient() + "/care-locations"})
    EXPECT_EQ(send_as(dallas, "GET", target)->status, 404) << target;
  EXPECT_EQ(send_as(dallas, "PATCH", patient(), R"({"given_name": "Changed"})")->status, 404);
  EXPECT_EQ(json::parse(send_as(desk_allen(), "GET", patient())->body)["given_name"], "Allie");
  // Allen's own desk cannot place them at Dallas by booking there either.
  EXPECT_EQ(book(desk_allen(), allie, "dallas", "2026-12-02T10:00:00-06:00")->status, 404);
  EXPECT_EQ(rows("appointments"), appointments);
}

TEST_F(CareTest, AnotherLocationsNurseCannotReadTheAnswers) {
  const auto nurse = login_staff("nurse-dallas");
  book(login_staff("desk-dallas"), allie, "dallas", "2026-12-02T10:00:00-06:00");  // refused, as above
  for (const auto& target : {submission_url(), patient() + "/assignments", patient() + "/scores?instrument=gad7"}) {
    auto r = send_as(nurse, "GET", target);
    EXPECT_EQ(r->status, 404) << target << " " << r->body;
    EXPECT_EQ(r->body.find("gad7_1"), std::string::npos);
  }
  EXPECT_EQ(send_as(login_staff("nurse-allen"), "GET", submission_url())->status, 200);
  EXPECT_GE(testing::count(path, fmt::format("SELECT count(*) FROM audit_log WHERE actor_id = '{}' AND patient_id = {} "
                                             "AND outcome = 'denied' AND status = 404",
                                             staff_ids.at("nurse-dallas"), allie)),
            3);
}

// The refusal must not tell an existing record from an unknown one.
TEST_F(CareTest, ARecordOutOfScopeIsAnsweredByteForByteAsAnUnknownOne) {
  const auto dallas = login_staff("desk-dallas");
  const std::int64_t unknown = 987654;
  for (const char* suffix : {"", "/appointments", "/care-locations", "/assignments"}) {
    auto hidden = send_as(dallas, "GET", patient() + suffix), missing = send_as(dallas, "GET", patient(unknown) + suffix);
    EXPECT_EQ(hidden->status, missing->status) << suffix;
    EXPECT_EQ(hidden->body, missing->body) << suffix;
  }
  auto hidden = book(dallas, allie, "dallas", "2026-12-02T10:00:00-06:00");
  auto missing = book(dallas, unknown, "dallas", "2026-12-02T10:00:00-06:00");
  EXPECT_EQ(hidden->status, missing->status);
  EXPECT_EQ(hidden->body, missing->body);
  auto other = send_as(allie_session, "GET", patient(unknown));
  auto hidden_from_patient = send_as(allie_session, "GET", patient(create_patient("Bo")["id"]));
  EXPECT_EQ(other->body, hidden_from_patient->body);
}

TEST_F(CareTest, ATransferOfCareIsExplicitAttributedAndAudited) {
  const auto desk = desk_allen();
  auto bad = send_as(desk, "POST", patient() + "/care-locations", R"({"location": "dallas"})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["errors"][0]["field"], "reason");
  EXPECT_EQ(send_as(desk, "POST", patient() + "/care-locations", R"({"location": "paris", "reason": "x"})")->status, 404);
  EXPECT_EQ(send_as(login_staff("desk-dallas"), "POST", patient() + "/care-locations",
                    R"({"location": "dallas", "reason": "taking her on"})")->status,
            404);  // the receiving location cannot pull a patient in
  EXPECT_EQ(rows("patient_care"), 1);

  auto moved = send_as(desk, "POST", patient() + "/care-locations",
                       R"({"location": "dallas", "reason": "moved to Dallas; records go with her"})");
  ASSERT_EQ(moved->status, 201) << moved->body;
  const auto list = json::parse(moved->body)["care_locations"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["location"], "dallas");
  EXPECT_EQ(list[1]["by"]["kind"], "staff");
  EXPECT_EQ(list[1]["by"]["id"], std::to_string(staff_ids.at("desk-allen")));
  EXPECT_EQ(list[1]["reason"], "moved to Dallas; records go with her");
  EXPECT_EQ(testing::count(path, fmt::format("SELECT count(*) FROM audit_log WHERE action = 'transfer_of_care' AND "
                                             "outcome = 'allowed' AND patient_id = {} AND actor_id = '{}'",
                                             allie, staff_ids.at("desk-allen"))),
            1);
  auto again = send_as(desk, "POST", patient() + "/care-locations", R"({"location": "dallas", "reason": "again"})");
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_EQ(json::parse(again->body)["code"], "already_in_care");
  // Now Dallas's staff see her and may book her there.
  EXPECT_EQ(send_as(login_staff("nurse-dallas"), "GET", submission_url())->status, 200);
  EXPECT_EQ(book(login_staff("desk-dallas"), allie, "dallas", "2026-12-02T10:00:00-06:00")->status, 201);
  EXPECT_EQ(care_codes(allie_session), (std::vector<std::string>{"allen", "dallas"}));
}

TEST_F(CareTest, APatientsOwnBookingPlacesThemWhereTheyChose) {
  EXPECT_EQ(care_codes(allie_session), std::vector<std::string>{"allen"});
  auto booked = book(allie_session, allie, "frisco", "2026-12-02T10:00:00-06:00");
  ASSERT_EQ(booked->status, 201) << booked->body;
  EXPECT_EQ(care_codes(allie_session), (std::vector<std::string>{"allen", "frisco"}));
  const auto list = json::parse(send_as(allie_session, "GET", patient() + "/care-locations")->body)["care_locations"];
  EXPECT_EQ(list[1]["by"]["kind"], "patient");
  EXPECT_EQ(list[1]["reason"], "booked here");
}

TEST_F(CareTest, APatientInCareNowhereIsPlacedByTheirFirstBooking) {
  const auto dallas = login_staff("desk-dallas");
  const std::int64_t newcomer = create_patient("Newt")["id"];
  EXPECT_EQ(send_as(dallas, "GET", patient(newcomer))->status, 200);  // unplaced: any location may find and book them
  ASSERT_EQ(book(dallas, newcomer, "dallas", "2026-12-02T10:00:00-06:00")->status, 201);
  EXPECT_EQ(send_as(desk_allen(), "GET", patient(newcomer))->status, 404);  // now Dallas's patient
  EXPECT_EQ(book(desk_allen(), newcomer, "allen", "2026-12-03T10:00:00-06:00")->status, 404);
}

}  // namespace
}  // namespace kc::http
