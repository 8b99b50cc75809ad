// The API over real HTTP: the README's journey (nearest clinic to ZIP 75013,
// availability, book, .ics, reschedule, cancel), series, idempotent retries,
// the day board, patients.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

json booking(std::int64_t patient, const char* start, const char* type = "consultation") {
  return {{"patient_id", patient}, {"location", "allen"}, {"type", type}, {"start", start}};
}

TEST_F(ApiServerTest, HealthAndTheApiDocument) {
  EXPECT_EQ(get_json("/healthz")["status"], "ok");
  EXPECT_EQ(get_json("/api/v1/openapi.json")["openapi"], "3.1.0");
}

TEST_F(ApiServerTest, NearestClinicToZip75013IsAllenWithItsNextFreeConsultation) {
  auto body = get_json("/api/v1/locations/nearest?zip=75013");
  ASSERT_EQ(body["locations"].size(), 3u);
  const auto& first = body["locations"][0];
  EXPECT_EQ(first["location"]["id"], "allen");
  EXPECT_LT(first["distance_miles"].get<double>(), 2.0);
  EXPECT_GT(body["locations"][1]["distance_miles"].get<double>(), first["distance_miles"].get<double>());
  // Friday noon in Allen plus two hours' notice: 14:00 that day.
  EXPECT_EQ(first["next_free_consultation"]["start"], "2026-11-27T14:00:00-06:00");
  EXPECT_EQ(get_json("/api/v1/locations/nearest?city=Dallas,%20TX")["locations"][0]["location"]["id"], "dallas");
  EXPECT_EQ(get_json("/api/v1/locations/nearest?lat=33.20&lon=-96.64")["locations"][0]["location"]["id"], "mckinney");
  EXPECT_EQ(get_json("/api/v1/locations/nearest?zip=99999", 404)["code"], "not_found");
  EXPECT_EQ(get_json("/api/v1/locations")["locations"].size(), 4u);
  EXPECT_EQ(get_json("/api/v1/locations/frisco")["time_zone"], "America/Chicago");
  EXPECT_EQ(get_json("/api/v1/appointment-types")["appointment_types"].size(), 4u);
}

TEST_F(ApiServerTest, AvailabilityForAWeekIsInLocalTimeWithOffsets) {
  auto body = get_json("/api/v1/availability?location=allen&type=consultation&from=2026-11-30&to=2026-12-06");
  EXPECT_EQ(body["from"], "2026-11-30T00:00:00-06:00");
  EXPECT_EQ(body["to"], "2026-12-07T00:00:00-06:00");
  ASSERT_FALSE(body["slots"].empty());
  EXPECT_EQ(body["slots"][0]["start"], "2026-11-30T08:00:00-06:00");
  for (const auto& s : body["slots"]) {
    EXPECT_TRUE(s["start"].get<std::string>().ends_with("-06:00"));
    EXPECT_EQ(s["start"].get<std::string>().find("2026-12-06"), std::string::npos);  // closed on Sunday
  }
  auto tele = get_json("/api/v1/availability?location=allen&type=consultation&mode=telehealth&from=2026-11-30T08:00:00-06:00&to=2026-11-30T09:00:00-06:00");
  EXPECT_EQ(tele["slots"].size(), 4u);
}

TEST_F(ApiServerTest, BookDownloadRescheduleAndCancelLikeTheReadme) {
  const auto patient = create_patient()["id"].get<std::int64_t>();
  auto booked = send("POST", "/api/v1/appointments", booking(patient, "2026-12-01T10:00:00-06:00").dump());
  ASSERT_TRUE(booked);
  ASSERT_EQ(booked->status, 201) << booked->body;
  auto a = json::parse(booked->body);
  const std::string self = a["links"]["self"];
  EXPECT_EQ(booked->get_header_value("Location"), self);
  EXPECT_EQ(a["status"], "booked");
  EXPECT_EQ(a["end"], "2026-12-01T11:00:00-06:00");

  auto ics = client().Get(self + ".ics");
  ASSERT_TRUE(ics);
  EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics->body.find("DTSTART:20261201T160000Z\r\n"), std::string::npos);

  auto moved = send("PATCH", self, R"({"start": "2026-12-02T14:00:00-06:00", "reason": "work"})");
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(json::parse(moved->body)["start"], "2026-12-02T14:00:00-06:00");

  auto cancelled = send("PATCH", self, R"({"status": "cancelled", "reason": "feeling better"})");
  ASSERT_TRUE(cancelled);
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  auto detail = get_json(self);
  EXPECT_EQ(detail["status"], "cancelled");
  ASSERT_EQ(detail["history"].size(), 3u);
  EXPECT_EQ(detail["history"][1]["action"], "rescheduled");
  EXPECT_EQ(detail["history"][1]["from"]["start"], "2026-12-01T10:00:00-06:00");
  EXPECT_EQ(detail["history"][2]["reason"], "feeling better");
  EXPECT_NE(client().Get(self + ".ics")->body.find("STATUS:CANCELLED"), std::string::npos);
}

TEST_F(ApiServerTest, TakenSlotAnswers409WithAlternatives) {
  const auto first = create_patient()["id"].get<std::int64_t>(), second = create_patient("Blake")["id"].get<std::int64_t>();
  ASSERT_EQ(send("POST", "/api/v1/appointments", booking(first, "2026-11-30T10:00:00-06:00").dump())->status, 201);
  auto r = send("POST", "/api/v1/appointments", booking(second, "2026-11-30T10:30:00-06:00").dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  auto problem = json::parse(r->body);
  EXPECT_EQ(problem["code"], "slot_taken");
  EXPECT_EQ(problem["type"], "urn:ketaclinic:problem:slot_taken");
  EXPECT_EQ(problem["alternatives"].size(), 3u);
}

TEST_F(ApiServerTest, SeriesOfSixInfusionsIsBookedTogetherOrNotAtAll) {
  const auto p = create_patient()["id"].get<std::int64_t>();
  decide_eligible(p);
  auto series = booking(p, "2026-11-30T09:00:00-06:00", "infusion");
  series["series"] = {{"count", 6}};
  auto r = send("POST", "/api/v1/appointments", series.dump());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  auto body = json::parse(r->body);
  ASSERT_EQ(body["appointments"].size(), 6u);
  EXPECT_EQ(body["appointments"][5]["start"], "2026-12-11T09:00:00-06:00");
  // The same dates for another patient: the Allen chairs are free, but the
  // patient-independent nurse capacity is not (two nurses, one of them Mon/Wed/Fri).
  const auto q = create_patient("Blake")["id"].get<std::int64_t>();
  decide_eligible(q);
  series["patient_id"] = q;
  ASSERT_EQ(send("POST", "/api/v1/appointments", series.dump())->status, 201);
  series["patient_id"] = create_patient("Casey")["id"].get<std::int64_t>();
  decide_eligible(series["patient_id"]);
  auto full = send("POST", "/api/v1/appointments", series.dump());
  ASSERT_TRUE(full);
  ASSERT_EQ(full->status, 409) << full->body;
  auto problem = json::parse(full->body);
  EXPECT_EQ(problem["code"], "series_unavailable");
  ASSERT_FALSE(problem["unavailable"].empty());
  EXPECT_EQ(problem["unavailable"][0]["code"], "slot_taken");
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM appointments"), 12);
}

TEST_F(ApiServerTest, RetriedRequestWithTheSameIdempotencyKeyBooksOnce) {
  const auto p = create_patient()["id"].get<std::int64_t>();
  const httplib::Headers key{{"Idempotency-Key", "7b0c9d64-retry"}};
  const auto body = booking(p, "2026-12-01T09:00:00-06:00").dump();
  auto first = send("POST", "/api/v1/appointments", body, key);
  auto second = send("POST", "/api/v1/appointments", body, key);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(json::parse(first->body)["id"], json::parse(second->body)["id"]);
  auto reused = send("POST", "/api/v1/appointments", booking(p, "2026-12-01T11:00:00-06:00").dump(), key);
  EXPECT_EQ(reused->status, 422);
  EXPECT_EQ(json::parse(reused->body)["code"], "idempotency_key_reused");
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM appointments"), 1);
}

TEST_F(ApiServerTest, DayBoardShowsAppointmentsByChairAndClinician) {
  const auto p = create_patient()["id"].get<std::int64_t>();
  decide_eligible(p);
  auto r = send("POST", "/api/v1/appointments", booking(p, "2026-11-30T09:00:00-06:00", "infusion").dump());
  ASSERT_EQ(r->status, 201);
  const auto id = json::parse(r->body)["id"];
  auto board = get_json("/api/v1/schedule?location=allen&date=2026-11-30");
  EXPECT_EQ(board["open"][0]["start"], "2026-11-30T08:00:00-06:00");
  ASSERT_EQ(board["appointments"].size(), 1u);
  EXPECT_EQ(board["appointments"][0]["patient"]["name"], "Alex Demo");
  EXPECT_EQ(board["resources"][0]["id"], "allen-chair-1");
  EXPECT_EQ(board["resources"][0]["appointment_ids"][0], id);
  bool nurse_has_it = false;
  for (const auto& c : board["clinicians"])
    if (!c["appointment_ids"].empty()) nurse_has_it = c["roles"][0] == "nurse";
  EXPECT_TRUE(nurse_has_it);
}

TEST_F(ApiServerTest, PatientsAreCreatedFoundAndPatchedWithVersions) {
  auto p = create_patient("Jordan");
  EXPECT_EQ(p["weight"], "70.0kg");
  const std::string self = "/api/v1/patients/" + std::to_string(p["id"].get<int>());
  EXPECT_EQ(get_json("/api/v1/patients?q=jor")["patients"].size(), 1u);
  EXPECT_EQ(get_json("/api/v1/patients?date_of_birth=1984-05-06")["patients"].size(), 1u);
  auto patched = send("PATCH", self, R"({"email": "jordan.demo@example.com", "weight": "154lb", "version": 1})");
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_EQ(json::parse(patched->body)["weight"], "69.9kg");
  auto stale = send("PATCH", self, R"({"phone": "+1 469 555 0100", "version": 1})");
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(json::parse(stale->body)["code"], "stale_version");
  auto cleared = send("PATCH", self, R"({"email": null})");
  EXPECT_EQ(json::parse(cleared->body)["email"], nullptr);
}

}  // namespace
}  // namespace kc::http
