// Measurement-based care over real HTTP: the intake journey (book a
// consultation -> the intake set is assigned -> PHQ-9 with item 9 = 1 ->
// crisis resources, a flag on the board and the record -> acknowledgement ->
// trend), screening with the prescriber's decision, corrections, and which
// views carry what.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

class MeasuresApiTest : public ApiServerTest {
 protected:
  std::int64_t book_consultation(std::int64_t patient, const char* start = "2026-12-01T10:00:00-06:00") {
    auto r = send("POST", "/api/v1/appointments",
                  json{{"patient_id", patient}, {"location", "allen"}, {"type", "consultation"}, {"start", start}}.dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    return json::parse(r->body)["id"];
  }

  json post(const std::string& target, const json& body, int expected) {
    auto r = send("POST", target, body.dump());
    EXPECT_TRUE(r) << target;
    if (!r) return {};
    EXPECT_EQ(r->status, expected) << target << "\n" << r->body;
    return json::parse(r->body);
  }

  // The patient's open assignment of `instrument`.
  std::int64_t assignment_of(std::int64_t patient, const std::string& instrument) {
    const auto list = get_json("/api/v1/patients/" + std::to_string(patient) + "/assignments");
    for (const auto& a : list["assignments"])
      if (a["instrument"] == instrument && a["status"] == "open") return a["id"];
    ADD_FAILURE() << "no open " << instrument;
    return 0;
  }

  json submit(std::int64_t assignment, const json& answers, int expected = 201, bool on_paper = false) {
    json body = {{"answers", answers}};
    if (on_paper) body["entered_on_paper"] = true;
    return post("/api/v1/assignments/" + std::to_string(assignment) + "/submission", body, expected);
  }
};

json phq9(std::initializer_list<int> items) {
  json out = json::object();
  int i = 1;
  for (int v : items) out["phq9_" + std::to_string(i++)] = v;
  return out;
}

json all_no(const json& instrument) {
  json out = json::object();
  for (const auto& item : instrument["items"]) out[item["link_id"].get<std::string>()] = false;
  return out;
}

TEST_F(MeasuresApiTest, IntakeJourneyFromBookingToAcknowledgedFlagAndTrend) {
  const std::int64_t p = create_patient()["id"];
  const std::string patient = "/api/v1/patients/" + std::to_string(p);
  const auto appointment = book_consultation(p);

  auto assigned = get_json(patient + "/assignments")["assignments"];
  ASSERT_EQ(assigned.size(), 5u);
  std::vector<std::string> ids;
  for (const auto& a : assigned) {
    ids.push_back(a["instrument"]);
    EXPECT_EQ(a["status"], "open");
    EXPECT_EQ(a["reason"], "intake");
    EXPECT_EQ(a["due"], "2026-12-01T16:00:00Z");
    EXPECT_EQ(a["appointment_id"], appointment);
    EXPECT_EQ(a["completed_by"], a["instrument"] == "cssrs_screener" ? "clinician" : "patient");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"phq9", "gad7", "pcl5", "cssrs_screener", "medical_screening"}));

  // PHQ-9 with item 9 = 1: the response carries the 988 Lifeline for the client to show at once.
  auto submitted = submit(assignment_of(p, "phq9"), phq9({3, 3, 3, 3, 3, 3, 2, 0, 1, 3}));
  EXPECT_EQ(submitted["score"]["total"], 21);
  EXPECT_EQ(submitted["score"]["band"]["id"], "severe");
  EXPECT_EQ(submitted["entered_by"], "patient");
  ASSERT_EQ(submitted["flags"].size(), 1u);
  EXPECT_EQ(submitted["flags"][0]["kind"], "phq9_item9");
  EXPECT_EQ(submitted["flags"][0]["status"], "open");
  EXPECT_EQ(submitted["crisis_resources"]["resources"][0]["id"], "988");
  const std::int64_t flag = submitted["flags"][0]["id"];

  // The clinician sees the flag with its reason; the board and the record say a flag exists.
  auto clinical = get_json(patient + "/flags")["flags"];
  ASSERT_EQ(clinical.size(), 1u);
  EXPECT_EQ(clinical[0]["trigger"], "phq9_9");
  auto board = get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"];
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0]["patient"]["name"], "Alex Demo");
  EXPECT_EQ(board[0]["severity"], "urgent");
  auto schedule = get_json("/api/v1/schedule?location=allen&date=2026-12-01");
  EXPECT_EQ(schedule["appointments"][0]["patient"]["safety_flag"], true);
  EXPECT_EQ(get_json(patient)["safety_flag"], true);

  auto acknowledged = post("/api/v1/flags/" + std::to_string(flag) + "/acknowledgement",
                           {{"staff", "avery-demo"}, {"action_taken", "Called the patient; safety plan in place"}}, 200);
  EXPECT_EQ(acknowledged["status"], "acknowledged");
  EXPECT_EQ(acknowledged["acknowledgement"]["staff"], "avery-demo");
  EXPECT_EQ(acknowledged["acknowledgement"]["at"], "2026-11-27T18:00:00Z");
  EXPECT_TRUE(get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"].empty());
  EXPECT_EQ(get_json("/api/v1/schedule?location=allen&date=2026-12-01")["appointments"][0]["patient"]["safety_flag"], false);

  // The rest of the intake set, the C-SSRS rated by a clinician, and a later PHQ-9 assigned by staff.
  auto gad = submit(assignment_of(p, "gad7"), {{"gad7_1", 2}, {"gad7_2", 2}, {"gad7_3", 2}, {"gad7_4", 2}, {"gad7_5", 1}, {"gad7_6", 1}, {"gad7_7", 0}});
  EXPECT_EQ(gad["score"]["band"]["id"], "moderate");
  EXPECT_FALSE(gad.contains("crisis_resources"));
  auto cssrs = submit(assignment_of(p, "cssrs_screener"), {{"cssrs_1", false}, {"cssrs_2", false}, {"cssrs_6", false}});
  EXPECT_EQ(cssrs["score"]["risk"]["id"], "none");
  EXPECT_EQ(cssrs["entered_by"], "staff");
  submit(assignment_of(p, "medical_screening"), all_no(get_json("/api/v1/instruments/medical_screening")));
  auto later = post(patient + "/assignments", {{"instrument", "phq9"}}, 201);
  EXPECT_EQ(later["reason"], "staff");
  submit(later["id"].get<std::int64_t>(), phq9({1, 1, 1, 1, 0, 0, 0, 0, 0, 1}));

  auto trend = get_json(patient + "/scores?instrument=phq9");
  ASSERT_EQ(trend["points"].size(), 2u);
  EXPECT_EQ(trend["points"][0]["is_baseline"], true);
  EXPECT_EQ(trend["points"][1]["total"], 4);
  EXPECT_EQ(trend["points"][1]["change"], -17);
  EXPECT_EQ(trend["points"][1]["response"], true);
  EXPECT_EQ(trend["points"][1]["remission"], true);
  EXPECT_EQ(trend["rules"]["remission"]["operator"], "<");
  EXPECT_EQ(trend["max_total"], 27);

  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM submissions"), 5);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM safety_flags"), 1);
}

// The other flag path (clinical.md §9.6: C-SSRS Q2 and Q5, plan with intent)
// and a PHQ-9 transcribed by staff from the patient's paper form.
TEST_F(MeasuresApiTest, APositiveCssrsRaisesAFlagAndStaffMarkPaperForms) {
  const std::int64_t p = create_patient()["id"];
  book_consultation(p);
  auto cssrs = submit(assignment_of(p, "cssrs_screener"),
                      {{"cssrs_1", true}, {"cssrs_2", true}, {"cssrs_3", false}, {"cssrs_4", false}, {"cssrs_5", true},
                       {"cssrs_6", false}});
  EXPECT_EQ(cssrs["score"]["risk"]["id"], "high");
  ASSERT_EQ(cssrs["flags"].size(), 1u);
  EXPECT_EQ(cssrs["flags"][0]["kind"], "cssrs_high");
  EXPECT_EQ(cssrs["flags"][0]["severity"], "urgent");
  EXPECT_EQ(cssrs["crisis_resources"]["resources"][0]["id"], "988");
  EXPECT_EQ(get_json("/api/v1/patients/" + std::to_string(p))["safety_flag"], true);

  auto paper = submit(assignment_of(p, "phq9"), phq9({0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 201, true);
  EXPECT_EQ(paper["entered_by"], "staff");
  EXPECT_EQ(paper["entered_on_paper"], true);
  EXPECT_TRUE(paper["flags"].empty());
  EXPECT_FALSE(paper.contains("crisis_resources"));
}

TEST_F(MeasuresApiTest, ScreeningProposalThenThePrescribersDecisionWithReasons) {
  const std::int64_t p = create_patient()["id"];
  const std::string patient = "/api/v1/patients/" + std::to_string(p);
  book_consultation(p);
  auto answers = all_no(get_json("/api/v1/instruments/medical_screening"));
  answers["ms_substance_use"] = true;
  auto screening_answers = submit(assignment_of(p, "medical_screening"), answers);
  auto s = post(patient + "/screening",
                {{"treatment", "iv_ketamine"}, {"pregnant", false}, {"systolic_mmhg", 128}, {"diastolic_mmhg", 82},
                 {"medications", json::array({{{"name", "sertraline"}, {"classes", json::array()}}})}},
                201);
  EXPECT_EQ(s["proposal"]["outcome"], "needs_review");
  ASSERT_EQ(s["proposal"]["reasons"].size(), 1u);
  EXPECT_EQ(s["proposal"]["reasons"][0]["rule_id"], "substance_use_disorder");
  EXPECT_FALSE(s["proposal"]["reasons"][0]["source"].get<std::string>().empty());
  EXPECT_EQ(s["facts"]["age_years"], 42);
  EXPECT_EQ(s["screening_submission_id"], screening_answers["id"]);
  EXPECT_EQ(s["decision"], nullptr);
  const std::string rule_set = s["proposal"]["rule_set_version"];
  auto decided = post("/api/v1/screenings/" + std::to_string(s["id"].get<int>()) + "/decision",
                      {{"decision", "eligible"}, {"prescriber", "avery-demo"},
                       {"note", "Remission from alcohol use for 3 years; monitor"}},
                      200);
  EXPECT_EQ(decided["decision"]["decision"], "eligible");
  EXPECT_EQ(decided["decision"]["overrides_proposal"], false);
  auto kept = get_json(patient + "/screening")["screenings"];
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["decision"]["prescriber"], "avery-demo");
  EXPECT_EQ(kept[0]["proposal"]["rule_set_version"], rule_set);
  EXPECT_EQ(kept[0]["proposal"]["reasons"][0]["rule_id"], "substance_use_disorder");
}

TEST_F(MeasuresApiTest, ACorrectionIsANewVersionAndTheOldOneStaysReadable) {
  const std::int64_t p = create_patient()["id"];
  book_consultation(p);
  auto first = submit(assignment_of(p, "phq9"), phq9({1, 1, 1, 1, 1, 1, 1, 1, 0, 1}));
  const std::string self = first["links"]["self"];
  const std::string corrections = first["links"]["corrections"];
  auto second = post(corrections, {{"answers", phq9({1, 1, 1, 1, 1, 1, 1, 2, 0, 1})},
                                                      {"reason", "Item 8 transcribed wrongly"}}, 201);
  EXPECT_EQ(second["version"], 2);
  EXPECT_EQ(second["supersedes"], first["id"]);
  EXPECT_EQ(second["score"]["total"], 9);
  auto old = get_json(self);
  EXPECT_EQ(old["score"]["total"], 8);
  EXPECT_EQ(old["current"], false);
  EXPECT_EQ(old["versions"].size(), 2u);
  auto stale = post(corrections, {{"answers", phq9({0, 0, 0, 0, 0, 0, 0, 0, 0, 0})}, {"reason", "x"}}, 409);
  EXPECT_EQ(stale["code"], "superseded");
}

TEST_F(MeasuresApiTest, InstrumentDefinitionsShowItemTextOnlyWhereLicensed) {
  auto list = get_json("/api/v1/instruments")["instruments"];
  EXPECT_EQ(list.size(), 7u);
  auto phq9 = get_json("/api/v1/instruments/phq9");
  EXPECT_EQ(phq9["items"][8]["link_id"], "phq9_9");
  EXPECT_FALSE(phq9["items"][8]["text"].get<std::string>().empty());
  EXPECT_EQ(phq9["items"][0]["options"][1]["display"], "Several days");
  EXPECT_FALSE(phq9.contains("scoring"));
  auto madrs = get_json("/api/v1/instruments/madrs");
  EXPECT_EQ(madrs["licence"]["item_text"], "withheld");
  for (const auto& item : madrs["items"]) EXPECT_FALSE(item.contains("text"));
  auto cssrs = get_json("/api/v1/instruments/cssrs_screener");
  EXPECT_EQ(cssrs["items"][2]["enable_when"]["question"], "cssrs_2");
  EXPECT_EQ(get_json("/api/v1/instruments/qids", 404)["code"], "not_found");
}

// What each audience's routes carry. Front desk's views say that a flag exists;
// answers, scores and the reasons of flags are on clinician routes only.
TEST_F(MeasuresApiTest, FrontDeskViewsSayAFlagExistsButCarryNoAnswers) {
  const std::int64_t p = create_patient()["id"];
  book_consultation(p);
  submit(assignment_of(p, "phq9"), phq9({0, 0, 0, 0, 0, 0, 0, 0, 2, 1}));
  const auto board = get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"][0];
  for (const char* detail : {"kind", "reason", "trigger", "source", "submission_id", "instrument", "answers", "score"})
    EXPECT_FALSE(board.contains(detail)) << detail;
  const auto entry = get_json("/api/v1/schedule?location=allen&date=2026-12-01")["appointments"][0]["patient"];
  EXPECT_EQ(entry.size(), 3u);  // id, name, safety_flag
  for (const auto& r : routes) {
    const bool clinical = r.operation_id == "getSubmission" || r.operation_id == "correctSubmission" ||
                          r.operation_id == "listPatientFlags" || r.operation_id == "acknowledgeFlag" ||
                          r.operation_id == "getScoreTrend" || r.operation_id.find("creen") != std::string::npos;
    if (clinical) {
      EXPECT_EQ(r.permission, Permission::clinician) << r.operation_id;
    }
  }
  EXPECT_EQ(std::count_if(routes.begin(), routes.end(), [](const Route& r) { return r.permission == Permission::clinician; }),
            9);
}

}  // namespace
}  // namespace kc::http
