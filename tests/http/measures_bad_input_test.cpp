// Bad input to the questionnaire, flag and screening routes: each case is a
// request by someone allowed to make it, and the expected status, problem code
// and the fields the problem names; afterwards the database holds only what
// the setup wrote.
#include <map>

#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

enum class Who { patient, nurse, prescriber };

struct BadRequest {
  const char* name;
  Who who;
  const char* method;
  std::string target;
  std::string body;
  int status;
  const char* code;
  std::vector<std::string> fields;  // named in "errors", in order (empty: not checked)
};

// Ids made by the setup: patient 1 books a consultation (assignments 1-5:
// phq9, gad7, pcl5, cssrs_screener, medical_screening, all open but gad7,
// submitted by the patient as submission 1); a PHQ-9 assigned by a nurse
// (assignment 6) with item 9 = 1 raises flag 1, which is acknowledged;
// screening 1 is decided. Answers come from the patient, clinician ratings,
// corrections, flags and screenings from the nurse, decisions from the prescriber.
std::vector<BadRequest> cases() {
  return {
      {"answer out of range", Who::patient, "POST", "/api/v1/assignments/1/submission", R"({"answers": {"phq9_9": 4}})", 400,
       "validation_failed", {"answers.phq9_9"}},
      {"negative answer", Who::patient, "POST", "/api/v1/assignments/1/submission", R"({"answers": {"phq9_1": -1}})", 400,
       "validation_failed", {"answers.phq9_1"}},
      {"unknown item id", Who::patient, "POST", "/api/v1/assignments/1/submission", R"({"answers": {"gad7_1": 1}})", 400,
       "validation_failed", {"answers.gad7_1"}},
      {"answer that is not a number", Who::patient, "POST", "/api/v1/assignments/1/submission",
       R"({"answers": {"phq9_1": "two", "phq9_2": 1.5}})", 400, "validation_failed", {"answers.phq9_1", "answers.phq9_2"}},
      {"answers not an object", Who::patient, "POST", "/api/v1/assignments/1/submission", R"({"answers": [1, 2]})", 400,
       "validation_failed", {"answers"}},
      {"no answers and an unknown field", Who::patient, "POST", "/api/v1/assignments/1/submission", R"({"colour": "teal"})", 400,
       "validation_failed", {"colour", "answers"}},
      {"answer to a skipped item", Who::nurse, "POST", "/api/v1/assignments/4/submission",
       R"({"answers": {"cssrs_1": false, "cssrs_2": false, "cssrs_3": true}})", 400, "validation_failed",
       {"answers.cssrs_3"}},
      {"second submission of one assignment", Who::patient, "POST", "/api/v1/assignments/2/submission",
       R"({"answers": {"gad7_1": 0}})", 409, "already_submitted", {}},
      {"unknown assignment", Who::nurse, "POST", "/api/v1/assignments/99/submission", R"({"answers": {}})", 404, "no_record", {}},
      {"correction without a reason", Who::nurse, "POST", "/api/v1/submissions/1/corrections", R"({"answers": {"gad7_1": 1}})", 400,
       "validation_failed", {"reason"}},
      {"correction out of range", Who::nurse, "POST", "/api/v1/submissions/1/corrections",
       R"({"answers": {"gad7_1": 9}, "reason": "typo"})", 400, "validation_failed", {"answers.gad7_1"}},
      {"assign an unknown instrument", Who::nurse, "POST", "/api/v1/patients/1/assignments", R"({"instrument": "qids"})", 404,
       "not_found", {}},
      {"assign with a due time without offset", Who::nurse, "POST", "/api/v1/patients/1/assignments",
       R"({"instrument": "phq9", "due": "2026-12-01T09:00"})", 400, "validation_failed", {"due"}},
      {"assign to an unknown patient", Who::nurse, "POST", "/api/v1/patients/77/assignments", R"({"instrument": "phq9"})", 404,
       "no_record", {}},
      {"scores without an instrument", Who::nurse, "GET", "/api/v1/patients/1/scores", "", 400, "validation_failed", {"instrument"}},
      {"scores of an instrument without a total", Who::nurse, "GET", "/api/v1/patients/1/scores?instrument=cssrs_screener", "", 400,
       "validation_failed", {"instrument"}},
      {"flags of an unknown status", Who::nurse, "GET", "/api/v1/flags?location=allen&status=closed", "", 400, "validation_failed", {"status"}},
      {"flags of an unknown location", Who::nurse, "GET", "/api/v1/flags?location=paris", "", 404, "not_found", {}},
      {"flags without a location", Who::nurse, "GET", "/api/v1/flags?date=2026-12-01", "", 400, "validation_failed",
       {"location"}},
      {"acknowledgement without action", Who::nurse, "POST", "/api/v1/flags/1/acknowledgement", R"({})", 400,
       "validation_failed", {"action_taken"}},
      {"acknowledgement in a colleague's name", Who::nurse, "POST", "/api/v1/flags/1/acknowledgement",
       R"({"staff": "avery-demo", "action_taken": "told the nurse"})", 400, "validation_failed", {"staff"}},
      {"second acknowledgement", Who::nurse, "POST", "/api/v1/flags/1/acknowledgement", R"({"action_taken": "again"})",
       409, "already_acknowledged", {}},
      {"acknowledgement of an unknown flag", Who::nurse, "POST", "/api/v1/flags/42/acknowledgement",
       R"({"action_taken": "x"})", 404, "no_record", {}},
      {"screening with every fact wrong", Who::nurse, "POST", "/api/v1/patients/1/screening",
       R"({"treatment": "pill", "pregnant": "no", "systolic_mmhg": 500, "medications": [{"classes": ["candy"]}]})", 400,
       "validation_failed", {"treatment", "pregnant", "systolic_mmhg", "medications[0].name", "medications[0].classes"}},
      {"decision in a colleague's name", Who::prescriber, "POST", "/api/v1/screenings/1/decision",
       R"({"decision": "eligible", "prescriber": "blair-demo", "note": "ok"})", 400, "validation_failed",
       {"prescriber"}},
      {"decision without note, of no known kind", Who::prescriber, "POST", "/api/v1/screenings/1/decision",
       R"({"decision": "maybe"})", 400, "validation_failed", {"decision", "note"}},
      {"second decision", Who::prescriber, "POST", "/api/v1/screenings/1/decision",
       R"({"decision": "not_eligible", "note": "changed"})", 409, "already_decided", {}},
  };
}

TEST_F(ApiServerTest, BadMeasuresInputGetsA4xxProblemNamingTheItemAndWritesNothing) {
  const auto p = create_patient()["id"].get<std::int64_t>();
  ASSERT_TRUE(auth->add_patient_login(p, "alex@example.test", "Alex", "patient phrase long").has_value());
  const std::map<Who, Session> sessions{{Who::patient, login("alex@example.test", "patient phrase long")},
                                        {Who::nurse, login_staff("nurse-allen")},
                                        {Who::prescriber, login_staff("prescriber-allen")}};
  const auto& patient = sessions.at(Who::patient);
  const auto& nurse = sessions.at(Who::nurse);
  auto booked = send("POST", "/api/v1/appointments",
                     json{{"patient_id", p}, {"location", "allen"}, {"type", "consultation"},
                          {"start", "2026-12-01T10:00:00-06:00"}}.dump());
  ASSERT_EQ(booked->status, 201);
  ASSERT_EQ(send_as(patient, "POST", "/api/v1/assignments/2/submission", R"({"answers": {"gad7_1": 1}})")->status, 201);
  ASSERT_EQ(send_as(nurse, "POST", "/api/v1/patients/1/assignments", R"({"instrument": "phq9"})")->status, 201);
  ASSERT_EQ(send_as(patient, "POST", "/api/v1/assignments/6/submission", R"({"answers": {"phq9_9": 1, "phq9_10": 0}})")
                ->status,
            201);
  ASSERT_EQ(send_as(nurse, "POST", "/api/v1/flags/1/acknowledgement", R"({"action_taken": "called"})")
                ->status,
            200);
  ASSERT_EQ(send_as(nurse, "POST", "/api/v1/patients/1/screening", R"({"treatment": "iv_ketamine"})")->status, 201);
  ASSERT_EQ(send_as(sessions.at(Who::prescriber), "POST", "/api/v1/screenings/1/decision",
                    R"({"decision": "not_eligible", "note": "incomplete"})")
                ->status,
            200);
  const auto before = testing::count(path, "SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM "
                                           "submission_answers) + (SELECT count(*) FROM safety_flags) + (SELECT count(*) "
                                           "FROM assignments) + (SELECT count(*) FROM screening_decisions)");
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    auto r = send_as(sessions.at(c.who), c.method, c.target, c.body);
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, c.status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    auto problem = json::parse(r->body, nullptr, false);
    ASSERT_FALSE(problem.is_discarded()) << r->body;
    EXPECT_EQ(problem["code"], c.code) << r->body;
    std::vector<std::string> fields;
    for (const auto& e : problem.value("errors", json::array())) fields.push_back(e["field"]);
    if (!c.fields.empty()) {
      EXPECT_EQ(fields, c.fields) << r->body;
    }
  }
  EXPECT_EQ(testing::count(path, "SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM "
                                 "submission_answers) + (SELECT count(*) FROM safety_flags) + (SELECT count(*) "
                                 "FROM assignments) + (SELECT count(*) FROM screening_decisions)"),
            before);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM safety_flags WHERE action_taken = 'called'"), 1);
}

}  // namespace
}  // namespace kc::http
