// Measurement-based care over real HTTP with accounts: the intake journey
// (book a consultation -> the intake set is assigned -> the patient answers
// the PHQ-9 with item 9 = 1 -> crisis resources, a flag on the board and the
// record -> a nurse acknowledges -> trend), screening with the prescriber's
// decision, corrections, which views carry what, and patients confined to
// their own questionnaires (refusals audited).
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

constexpr const char* kPatientPass = "patient phrase long";

class MeasuresApiTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    nurse = login_staff("nurse-allen");
    prescriber = login_staff("prescriber-allen");
  }

  // A patient record (created by the front desk) with a login of its own.
  std::pair<std::int64_t, Session> patient_with_login(const std::string& given) {
    const std::int64_t id = create_patient(given)["id"];
    const std::string email = given + "@example.test";
    EXPECT_TRUE(auth->add_patient_login(id, email, given, kPatientPass).has_value());
    return {id, login(email, kPatientPass)};
  }

  std::int64_t book_consultation(std::int64_t patient, const char* start = "2026-12-01T10:00:00-06:00") {
    auto r = send("POST", "/api/v1/appointments",
                  json{{"patient_id", patient}, {"location", "allen"}, {"type", "consultation"}, {"start", start}}.dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    return json::parse(r->body)["id"];
  }

  json call(const Session& who, const std::string& method, const std::string& target, const json& body, int expected) {
    auto r = send_as(who, method, target, method == "GET" ? "" : body.dump());
    EXPECT_TRUE(r) << target;
    if (!r) return {};
    EXPECT_EQ(r->status, expected) << method << " " << target << "\n" << r->body;
    return json::parse(r->body);
  }
  json get_as(const Session& who, const std::string& target, int expected = 200) {
    return call(who, "GET", target, {}, expected);
  }
  json post_as(const Session& who, const std::string& target, const json& body, int expected) {
    return call(who, "POST", target, body, expected);
  }

  // The patient's open assignment of `instrument`, as a nurse sees them.
  std::int64_t assignment_of(std::int64_t patient, const std::string& instrument) {
    const auto list = get_as(nurse, "/api/v1/patients/" + std::to_string(patient) + "/assignments");
    for (const auto& a : list["assignments"])
      if (a["instrument"] == instrument && a["status"] == "open") return a["id"];
    ADD_FAILURE() << "no open " << instrument;
    return 0;
  }

  json submit(const Session& who, std::int64_t assignment, const json& answers, int expected = 201,
              bool on_paper = false) {
    json body = {{"answers", answers}};
    if (on_paper) body["entered_on_paper"] = true;
    return post_as(who, "/api/v1/assignments/" + std::to_string(assignment) + "/submission", body, expected);
  }

  Session nurse, prescriber;
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
  auto [p, alex] = patient_with_login("Alex");
  const std::string patient = "/api/v1/patients/" + std::to_string(p);
  const auto appointment = book_consultation(p);

  // The patient sees their own questionnaires.
  auto assigned = get_as(alex, patient + "/assignments")["assignments"];
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
  auto submitted = submit(alex, assignment_of(p, "phq9"), phq9({3, 3, 3, 3, 3, 3, 2, 0, 1, 3}));
  EXPECT_EQ(submitted["score"]["total"], 21);
  EXPECT_EQ(submitted["score"]["band"]["id"], "severe");
  EXPECT_EQ(submitted["entered_by"], "patient");
  EXPECT_EQ(submitted["actor"]["kind"], "patient");
  ASSERT_EQ(submitted["flags"].size(), 1u);
  EXPECT_EQ(submitted["flags"][0]["kind"], "phq9_item9");
  EXPECT_EQ(submitted["flags"][0]["status"], "open");
  EXPECT_EQ(submitted["crisis_resources"]["resources"][0]["id"], "988");
  const std::int64_t flag = submitted["flags"][0]["id"];

  // The clinician sees the flag with its reason; the board and the record say a flag exists.
  auto clinical = get_as(nurse, patient + "/flags")["flags"];
  ASSERT_EQ(clinical.size(), 1u);
  EXPECT_EQ(clinical[0]["trigger"], "phq9_9");
  auto board = get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"];
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0]["patient"]["name"], "Alex Demo");
  EXPECT_EQ(board[0]["severity"], "urgent");
  auto schedule = get_json("/api/v1/schedule?location=allen&date=2026-12-01");
  EXPECT_EQ(schedule["appointments"][0]["patient"]["safety_flag"], true);
  EXPECT_EQ(get_json(patient)["safety_flag"], true);
  EXPECT_FALSE(get_as(alex, patient).contains("safety_flag"));  // staff's indicator, not the patient's

  const std::string ack_path = "/api/v1/flags/" + std::to_string(flag) + "/acknowledgement";
  // Signed as the nurse's own staff record: naming a colleague is refused.
  EXPECT_EQ(post_as(nurse, ack_path, {{"staff", "avery-demo"}, {"action_taken", "x"}}, 400)["errors"][0]["field"],
            "staff");
  auto acknowledged = post_as(nurse, ack_path, {{"action_taken", "Called the patient; safety plan in place"}}, 200);
  EXPECT_EQ(acknowledged["status"], "acknowledged");
  EXPECT_EQ(acknowledged["acknowledgement"]["staff"], "gray-demo");
  EXPECT_EQ(acknowledged["acknowledgement"]["at"], "2026-11-27T18:00:00Z");
  EXPECT_EQ(acknowledged["acknowledgement"]["actor"]["id"], std::to_string(staff_ids.at("nurse-allen")));
  EXPECT_TRUE(get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"].empty());
  EXPECT_EQ(get_json("/api/v1/schedule?location=allen&date=2026-12-01")["appointments"][0]["patient"]["safety_flag"], false);

  // The rest of the intake set, the C-SSRS rated by a clinician, and a later PHQ-9 assigned by staff.
  auto gad = submit(alex, assignment_of(p, "gad7"),
                    {{"gad7_1", 2}, {"gad7_2", 2}, {"gad7_3", 2}, {"gad7_4", 2}, {"gad7_5", 1}, {"gad7_6", 1}, {"gad7_7", 0}});
  EXPECT_EQ(gad["score"]["band"]["id"], "moderate");
  EXPECT_FALSE(gad.contains("crisis_resources"));
  auto cssrs = submit(nurse, assignment_of(p, "cssrs_screener"), {{"cssrs_1", false}, {"cssrs_2", false}, {"cssrs_6", false}});
  EXPECT_EQ(cssrs["score"]["risk"]["id"], "none");
  EXPECT_EQ(cssrs["entered_by"], "staff");
  submit(alex, assignment_of(p, "medical_screening"), all_no(get_json("/api/v1/instruments/medical_screening")));
  auto later = post_as(nurse, patient + "/assignments", {{"instrument", "phq9"}}, 201);
  EXPECT_EQ(later["reason"], "staff");
  submit(alex, later["id"].get<std::int64_t>(), phq9({1, 1, 1, 1, 0, 0, 0, 0, 0, 1}));

  // The patient's own progress, as the clinicians see it.
  auto trend = get_as(alex, patient + "/scores?instrument=phq9");
  ASSERT_EQ(trend["points"].size(), 2u);
  EXPECT_EQ(trend["points"][0]["is_baseline"], true);
  EXPECT_EQ(trend["points"][1]["total"], 4);
  EXPECT_EQ(trend["points"][1]["change"], -17);
  EXPECT_EQ(trend["points"][1]["response"], true);
  EXPECT_EQ(trend["points"][1]["remission"], true);
  EXPECT_EQ(trend["rules"]["remission"]["operator"], "<");
  EXPECT_EQ(trend["max_total"], 27);
  EXPECT_EQ(get_as(nurse, patient + "/scores?instrument=phq9")["points"], trend["points"]);

  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM submissions"), 5);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM safety_flags"), 1);
  // Every one of these reads and writes of the patient's data is in the audit trail under their record.
  EXPECT_GE(testing::count(path, fmt::format("SELECT count(*) FROM audit_log WHERE patient_id = {} AND outcome = "
                                             "'allowed' AND resource_kind IN ('assignment', 'submission', 'flag', "
                                             "'score')", p)),
            15);
}

// The other flag path (clinical.md §9.6: C-SSRS Q2 and Q5, plan with intent)
// and a PHQ-9 transcribed by a nurse from the patient's paper form.
TEST_F(MeasuresApiTest, APositiveCssrsRaisesAFlagAndStaffMarkPaperForms) {
  const std::int64_t p = create_patient()["id"];
  book_consultation(p);
  auto cssrs = submit(nurse, assignment_of(p, "cssrs_screener"),
                      {{"cssrs_1", true}, {"cssrs_2", true}, {"cssrs_3", false}, {"cssrs_4", false}, {"cssrs_5", true},
                       {"cssrs_6", false}});
  EXPECT_EQ(cssrs["score"]["risk"]["id"], "high");
  ASSERT_EQ(cssrs["flags"].size(), 1u);
  EXPECT_EQ(cssrs["flags"][0]["kind"], "cssrs_high");
  EXPECT_EQ(cssrs["flags"][0]["severity"], "urgent");
  EXPECT_EQ(cssrs["crisis_resources"]["resources"][0]["id"], "988");
  EXPECT_EQ(get_json("/api/v1/patients/" + std::to_string(p))["safety_flag"], true);

  const auto phq = assignment_of(p, "phq9");
  EXPECT_EQ(submit(nurse, phq, phq9({0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 400)["errors"][0]["field"], "entered_on_paper");
  auto paper = submit(nurse, phq, phq9({0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 201, true);
  EXPECT_EQ(paper["entered_by"], "staff");
  EXPECT_EQ(paper["entered_on_paper"], true);
  EXPECT_TRUE(paper["flags"].empty());
  EXPECT_FALSE(paper.contains("crisis_resources"));
}

TEST_F(MeasuresApiTest, ScreeningProposalThenThePrescribersDecisionWithReasons) {
  auto [p, alex] = patient_with_login("Alex");
  const std::string patient = "/api/v1/patients/" + std::to_string(p);
  book_consultation(p);
  auto answers = all_no(get_json("/api/v1/instruments/medical_screening"));
  answers["ms_substance_use"] = true;
  auto screening_answers = submit(alex, assignment_of(p, "medical_screening"), answers);
  auto s = post_as(nurse, patient + "/screening",
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
  const std::string decision = "/api/v1/screenings/" + std::to_string(s["id"].get<int>()) + "/decision";
  const json body = {{"decision", "eligible"}, {"note", "Remission from alcohol use for 3 years; monitor"}};
  json naming = body;
  naming["prescriber"] = "blair-demo";  // a colleague's name: refused, the decision is signed by login
  EXPECT_EQ(post_as(prescriber, decision, naming, 400)["errors"][0]["field"], "prescriber");
  // Only a prescriber signs the decision off.
  EXPECT_EQ(post_as(nurse, decision, body, 403)["code"], "forbidden");
  EXPECT_EQ(post_as(alex, decision, body, 403)["code"], "forbidden");
  auto decided = post_as(prescriber, decision, body, 200);
  EXPECT_EQ(decided["decision"]["decision"], "eligible");
  EXPECT_EQ(decided["decision"]["overrides_proposal"], false);
  auto kept = get_as(nurse, patient + "/screening")["screenings"];
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["decision"]["prescriber"], "avery-demo");
  EXPECT_EQ(kept[0]["proposal"]["rule_set_version"], rule_set);
  EXPECT_EQ(kept[0]["proposal"]["reasons"][0]["rule_id"], "substance_use_disorder");
  EXPECT_EQ(get_as(alex, patient + "/screening", 403)["code"], "forbidden");
}

// Attribution by login: a clinical signature comes from the signed-in
// account's staff record. An account with none is refused until an
// administrator links it; then it signs as that record, never as a colleague.
TEST_F(MeasuresApiTest, AnAccountSignsAsItsLinkedStaffRecordAndWithoutOneIsRefused) {
  auto [p, alex] = patient_with_login("Alex");
  book_consultation(p);
  const std::int64_t flag =
      submit(alex, assignment_of(p, "phq9"), phq9({1, 1, 1, 1, 1, 1, 1, 0, 2, 0}))["flags"][0]["id"];
  const auto allen = directory.find_location("allen", "l").value()->id;
  auto made = auth->add_staff({"unlinked@example.test", "Unlinked RN", {auth::Role::nurse}, {allen}, "sturdy clinic phrase 77", ""});
  ASSERT_TRUE(made.has_value());
  const auto unlinked = login("unlinked@example.test", "sturdy clinic phrase 77");
  const std::string ack = "/api/v1/flags/" + std::to_string(flag) + "/acknowledgement";
  const auto refused = post_as(unlinked, ack, {{"action_taken", "called"}}, 403);
  EXPECT_EQ(refused["code"], "no_staff_record");
  EXPECT_EQ(get_as(nurse, "/api/v1/patients/" + std::to_string(p) + "/flags")["flags"][0]["status"], "open");

  const auto admin = login_staff("admin");
  const std::string user = "/api/v1/users/" + std::to_string(made->account.id);
  EXPECT_EQ(call(admin, "PATCH", user, {{"staff_code", "nobody-demo"}}, 400)["errors"][0]["field"], "staff_code");
  EXPECT_EQ(call(admin, "PATCH", user, {{"staff_code", "avery-demo"}}, 400)["errors"][0]["field"], "staff_code");
  EXPECT_EQ(call(admin, "PATCH", user, {{"staff_code", "gray-demo"}}, 409)["code"], "staff_code_taken");
  EXPECT_EQ(call(admin, "PATCH", user, {{"staff_code", "harper-demo"}}, 200)["staff_code"], "harper-demo");
  const auto relinked = login("unlinked@example.test", "sturdy clinic phrase 77");
  EXPECT_EQ(get_as(relinked, "/api/v1/session")["account"]["staff_code"], "harper-demo");
  const auto done = post_as(relinked, ack, {{"action_taken", "Called the patient"}}, 200);
  EXPECT_EQ(done["acknowledgement"]["staff"], "harper-demo");
  EXPECT_EQ(done["acknowledgement"]["actor"]["id"], std::to_string(made->account.id));
}

TEST_F(MeasuresApiTest, ACorrectionIsANewVersionAndTheOldOneStaysReadable) {
  const std::int64_t p = create_patient()["id"];
  book_consultation(p);
  auto first = submit(nurse, assignment_of(p, "phq9"), phq9({1, 1, 1, 1, 1, 1, 1, 1, 0, 1}), 201, true);
  const std::string self = first["links"]["self"];
  const std::string corrections = first["links"]["corrections"];
  auto second = post_as(nurse, corrections,
                        {{"answers", phq9({1, 1, 1, 1, 1, 1, 1, 2, 0, 1})}, {"reason", "Item 8 transcribed wrongly"}}, 201);
  EXPECT_EQ(second["version"], 2);
  EXPECT_EQ(second["supersedes"], first["id"]);
  EXPECT_EQ(second["score"]["total"], 9);
  auto old = get_as(prescriber, self);
  EXPECT_EQ(old["score"]["total"], 8);
  EXPECT_EQ(old["current"], false);
  EXPECT_EQ(old["versions"].size(), 2u);
  auto stale = post_as(nurse, corrections, {{"answers", phq9({0, 0, 0, 0, 0, 0, 0, 0, 0, 0})}, {"reason", "x"}}, 409);
  EXPECT_EQ(stale["code"], "superseded");
}

TEST_F(MeasuresApiTest, InstrumentDefinitionsArePublicAndShowItemTextOnlyWhereLicensed) {
  auto list = json::parse(anonymous().Get("/api/v1/instruments")->body)["instruments"];
  EXPECT_EQ(list.size(), 7u);
  auto phq9 = json::parse(anonymous().Get("/api/v1/instruments/phq9")->body);
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

// What the front desk (flags_view, no clinical permission) sees: that a flag
// exists, on the board, the schedule and the patient's flag list, and nothing
// of the answers, scores or the reasons of flags.
TEST_F(MeasuresApiTest, FrontDeskSeesThatAFlagExistsButNoAnswers) {
  const std::int64_t p = create_patient()["id"];
  const std::string patient = "/api/v1/patients/" + std::to_string(p);
  book_consultation(p);
  auto submitted = submit(nurse, assignment_of(p, "phq9"), phq9({0, 0, 0, 0, 0, 0, 0, 0, 2, 1}), 201, true);
  const auto board = get_json("/api/v1/flags?location=allen&date=2026-12-01")["flags"];
  const auto listed = get_json(patient + "/flags")["flags"];
  ASSERT_EQ(board.size(), 1u);
  ASSERT_EQ(listed.size(), 1u);
  for (const auto& view : {board[0], listed[0]}) {
    EXPECT_EQ(view["severity"], "urgent");
    for (const char* detail : {"kind", "reason", "trigger", "source", "submission_id", "instrument", "answers", "score"})
      EXPECT_FALSE(view.contains(detail)) << detail;
  }
  const auto entry = get_json("/api/v1/schedule?location=allen&date=2026-12-01")["appointments"][0]["patient"];
  EXPECT_EQ(entry.size(), 3u);  // id, name, safety_flag
  const std::string submission = "/api/v1/submissions/" + std::to_string(submitted["id"].get<int>());
  for (const auto& target : {submission, patient + "/scores?instrument=phq9", patient + "/assignments",
                             patient + "/screening"})
    EXPECT_EQ(get_json(target, 403)["code"], "forbidden") << target;
  auto ack = send("POST", "/api/v1/flags/1/acknowledgement", R"({"action_taken": "x"})");
  EXPECT_EQ(ack->status, 403);
  // A location's flags are those of one's own locations.
  auto dallas = login_staff("desk-dallas");
  EXPECT_EQ(send_as(dallas, "GET", "/api/v1/flags?location=allen&date=2026-12-01")->status, 403);
  EXPECT_EQ(send_as(dallas, "GET", patient + "/flags")->status, 404);  // as if there were no such patient
}

// Patient A asks for patient B's questionnaires, scores and answers, and tries
// to answer B's questionnaire: each is refused before anything is read or
// written, and audited as a denied access to B's record.
TEST_F(MeasuresApiTest, PatientACannotReachPatientBsQuestionnairesAndIsAudited) {
  auto [a, ariel] = patient_with_login("Ariel");
  auto [b, bo] = patient_with_login("Bo");
  book_consultation(b);
  const auto b_phq9 = assignment_of(b, "phq9");
  const auto b_gad7 = assignment_of(b, "gad7");
  auto b_submission = submit(bo, b_gad7, {{"gad7_1", 1}});
  const std::string bp = "/api/v1/patients/" + std::to_string(b);
  // A route a patient may use for their own record answers another's as if it did
  // not exist (404); one no patient may use is refused for any id alike (403).
  struct Attempt {
    std::string method, target;
    int status;
  };
  const Attempt attempts[] = {
      {"GET", bp + "/assignments", 404},
      {"GET", bp + "/scores?instrument=gad7", 404},
      {"GET", "/api/v1/submissions/" + std::to_string(b_submission["id"].get<int>()), 403},
      {"GET", bp + "/flags", 403},
      {"POST", "/api/v1/assignments/" + std::to_string(b_phq9) + "/submission", 404}};
  for (const auto& [method, target, status] : attempts) {
    auto r = send_as(ariel, method, target, method == "GET" ? "" : R"({"answers": {"phq9_9": 3}})");
    EXPECT_EQ(r->status, status) << method << " " << target << " " << r->body;
    EXPECT_EQ(json::parse(r->body)["code"], status == 404 ? "no_record" : "forbidden");
    EXPECT_EQ(r->body.find("gad7"), std::string::npos);
  }
  EXPECT_EQ(testing::count(path, fmt::format("SELECT count(*) FROM submissions WHERE assignment_id = {}", b_phq9)), 0);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM safety_flags"), 0);
  const auto ariel_account = json::parse(send_as(ariel, "GET", "/api/v1/session")->body)["account"]["id"];
  EXPECT_EQ(testing::count(path, fmt::format("SELECT count(*) FROM audit_log WHERE actor_kind = 'patient' AND "
                                             "actor_id = '{}' AND patient_id = {} AND outcome = 'denied' AND status IN (403, 404)",
                                             ariel_account.get<std::int64_t>(), b)),
            5);
  // Ariel's own questionnaires are still hers to see.
  book_consultation(a, "2026-12-02T10:00:00-06:00");
  EXPECT_EQ(get_as(ariel, "/api/v1/patients/" + std::to_string(a) + "/assignments")["assignments"].size(), 5u);
}

}  // namespace
}  // namespace kc::http
