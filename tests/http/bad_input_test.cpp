// Bad input never gets a 500 or a partial write: each case is a request and
// the expected status, problem code and the field the problem names.
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

struct BadRequest {
  const char* name;
  const char* method;
  std::string target;
  std::string body;
  int status;
  const char* code;
  std::vector<std::string> fields;  // fields named in "errors", in order (empty: not checked)
  std::string type = "application/json";
};

const std::string kGood = R"("location": "allen", "type": "consultation", "start": "2026-12-01T09:00:00-06:00")";

std::string book(const std::string& fields) { return "{" + fields + "}"; }

std::vector<BadRequest> cases() {
  return {
      {"malformed JSON", "POST", "/api/v1/appointments", R"({"patient_id": 1,)", 400, "malformed_json", {"body"}},
      {"not an object", "POST", "/api/v1/appointments", "[1, 2]", 400, "malformed_json", {"body"}},
      {"invalid UTF-8", "POST", "/api/v1/patients", "{\"given_name\": \"\xff\xfe\"}", 400, "malformed_json", {"body"}},
      {"wrong types", "POST", "/api/v1/appointments",
       R"({"patient_id": "1", "location": 7, "type": ["consultation"], "start": 20261201})", 400, "validation_failed",
       {"patient_id"}},  // who and where are read first: they decide who may book
      {"unknown field", "POST", "/api/v1/appointments", book(R"("patient_id": 1, "colour": "teal", )" + kGood), 400,
       "validation_failed", {"colour"}},
      {"missing fields", "POST", "/api/v1/appointments", "{}", 400, "validation_failed", {"patient_id"}},
      {"missing fields but who and where", "POST", "/api/v1/appointments", R"({"patient_id": 1, "location": "allen"})", 400,
       "validation_failed", {"type", "start"}},
      {"time without offset", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "allen", "type": "consultation", "start": "2026-12-01T09:00:00"})", 400,
       "validation_failed", {"start"}},
      {"bad series", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1, "series": {"count": 100, "weekdays": ["funday"], "every": 2}, )" + kGood), 400,
       "validation_failed", {"series.every", "series.count", "series.weekdays"}},
      {"deeply nested value", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1, "reason": )" + std::string(5000, '[') + std::string(5000, ']') + ", " + kGood), 400,
       "nesting_too_deep", {"body"}},
      {"nested value within the depth limit", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1, "reason": )" + std::string(60, '[') + std::string(60, ']') + ", " + kGood), 400,
       "validation_failed", {"reason"}},
      {"number too large for a double", "POST", "/api/v1/patients", R"({"given_name": 1e400})", 400, "malformed_json",
       {"given_name"}},
      {"negative number too large", "POST", "/api/v1/appointments", book(R"("patient_id": -1e400, )" + kGood), 400,
       "malformed_json", {"patient_id"}},
      {"integer of 400 digits", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1)" + std::string(400, '0') + ", " + kGood), 400, "malformed_json", {"patient_id"}},
      {"duplicate key", "POST", "/api/v1/appointments", book(R"("patient_id": 1, "patient_id": 2, )" + kGood), 400,
       "duplicate_key", {"patient_id"}},
      {"duplicate nested key", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1, "series": {"count": 2, "count": 3}, )" + kGood), 400, "duplicate_key", {"series.count"}},
      {"NUL byte after the body", "POST", "/api/v1/patients", std::string("{}\0{\"given_name\": 1}", 20), 400,
       "malformed_json", {"body"}},
      {"empty body", "POST", "/api/v1/patients", "", 400, "malformed_json", {"body"}},
      {"lone surrogate", "POST", "/api/v1/patients", R"({"given_name": "\ud800"})", 400, "malformed_json", {"body"}},
      {"control characters in names", "POST", "/api/v1/patients",
       R"({"given_name": "A\u0000", "family_name": "\u001b[31mDemo", "date_of_birth": "1984-05-06", "sex": "female", "email": "a\r\n@b.example"})",
       400, "validation_failed", {"given_name", "family_name", "email"}},
      {"bidi override in a name", "POST", "/api/v1/patients",
       R"({"given_name": "Ann\u202e", "family_name": "Demo\u2066", "date_of_birth": "1984-05-06", "sex": "female"})",
       400, "validation_failed", {"given_name", "family_name"}},
      {"control character in a reason", "POST", "/api/v1/appointments",
       book(R"("patient_id": 1, "reason": "back pain\u0007", )" + kGood), 400, "validation_failed", {"reason"}},
      {"negative id", "POST", "/api/v1/appointments", book(R"("patient_id": -4, )" + kGood), 400, "validation_failed",
       {"patient_id"}},
      {"unknown patient", "POST", "/api/v1/appointments", book(R"("patient_id": 999999, )" + kGood), 404, "no_record", {}},
      {"unknown location", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "paris", "type": "consultation", "start": "2026-12-01T09:00:00-06:00"})", 404,
       "not_found", {}},
      {"outside hours", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "allen", "type": "consultation", "start": "2026-12-01T03:00:00-06:00"})", 422,
       "outside_hours", {}},
      {"closed day", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "allen", "type": "consultation", "start": "2026-12-25T09:00:00-06:00"})", 422,
       "outside_hours", {}},
      {"off the slot grid", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "allen", "type": "consultation", "start": "2026-12-01T09:07:00-06:00"})", 400,
       "validation_failed", {"start"}},
      {"telehealth infusion", "POST", "/api/v1/appointments",
       R"({"patient_id": 1, "location": "allen", "type": "infusion", "mode": "telehealth", "start": "2026-12-01T09:00:00-06:00"})",
       400, "validation_failed", {"mode"}},
      {"huge body", "POST", "/api/v1/appointments", std::string(2 * 1024 * 1024, ' '), 413, "payload_too_large", {}},
      {"not JSON content", "POST", "/api/v1/appointments", book(R"("patient_id": 1, )" + kGood), 415,
       "unsupported_media_type", {}, "text/plain"},
      {"bad idempotency key", "POST", "/api/v1/appointments", book(R"("patient_id": 1, )" + kGood), 400,
       "validation_failed", {"Idempotency-Key"}},
      {"unknown appointment", "GET", "/api/v1/appointments/987654", "", 404, "no_record", {}},
      {"id that is not a number", "GET", "/api/v1/appointments/abc", "", 400, "validation_failed", {"id"}},
      {"no such route", "GET", "/api/v1/nothing-here", "", 404, "no_route", {}},
      {"method not allowed", "DELETE", "/api/v1/appointments/1", "", 405, "method_not_allowed", {}},
      {"change with nothing", "PATCH", "/api/v1/appointments/1", "{}", 400, "validation_failed", {"status"}},
      {"unknown status", "PATCH", "/api/v1/appointments/1", R"({"status": "asleep"})", 400, "validation_failed",
       {"status"}},
      {"availability without type", "GET", "/api/v1/availability?location=allen", "", 400, "validation_failed", {"type"}},
      {"availability with a bare time", "GET", "/api/v1/availability?location=allen&type=consultation&from=2026-12-01T09:00",
       "", 400, "validation_failed", {"from"}},
      {"availability range too long", "GET",
       "/api/v1/availability?location=allen&type=consultation&from=2026-12-01&to=2027-02-01", "", 400,
       "validation_failed", {"to"}},
      {"availability unknown mode", "GET", "/api/v1/availability?location=allen&type=consultation&mode=carrier-pigeon",
       "", 400, "validation_failed", {"mode"}},
      {"nearest with two origins", "GET", "/api/v1/locations/nearest?zip=75013&city=Allen", "", 400,
       "validation_failed", {"lat"}},
      {"nearest with a bad latitude", "GET", "/api/v1/locations/nearest?lat=95&lon=-96", "", 400, "validation_failed",
       {"lat"}},
      {"schedule with a bad date", "GET", "/api/v1/schedule?location=allen&date=2026-02-30", "", 400,
       "validation_failed", {"date"}},
      {"patient with every field wrong", "POST", "/api/v1/patients",
       R"({"given_name": "", "date_of_birth": "yesterday", "sex": "x", "weight": "70", "nickname": "A"})", 400,
       "validation_failed", {"nickname", "family_name", "date_of_birth", "sex", "weight"}},
      {"patient from the future", "POST", "/api/v1/patients",
       R"({"given_name": "A", "family_name": "Demo", "date_of_birth": "2030-01-01", "sex": "female"})", 400,
       "validation_failed", {"date_of_birth"}},
      {"patient search without a term", "GET", "/api/v1/patients", "", 400, "validation_failed", {"q"}},
  };
}

TEST_F(ApiServerTest, BadInputGetsA4xxProblemNamingTheFieldAndWritesNothing) {
  ASSERT_EQ(create_patient()["id"], 1);  // the patient the cases book for
  // Appointment 1, which the change cases address (an unknown one is a 404 before its body is read).
  auto booked = send("POST", "/api/v1/appointments",
                     book(R"("patient_id": 1, "location": "allen", "type": "consultation", "start": "2026-12-02T09:00:00-06:00")"));
  ASSERT_EQ(booked->status, 201) << booked->body;
  const auto cells = testing::count(path, "SELECT count(*) FROM reservation_cells");
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    httplib::Headers headers;
    if (std::string(c.name) == "bad idempotency key") headers.emplace("Idempotency-Key", std::string(300, 'k'));
    auto r = send(c.method, c.target, c.body, headers, c.type);
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, c.status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    auto problem = json::parse(r->body, nullptr, false);
    ASSERT_FALSE(problem.is_discarded()) << r->body;
    EXPECT_EQ(problem["code"], c.code) << r->body;
    EXPECT_EQ(problem["status"], c.status);
    EXPECT_FALSE(problem["title"].get<std::string>().empty());
    EXPECT_FALSE(problem["detail"].get<std::string>().empty());
    std::vector<std::string> fields;
    for (const auto& e : problem.value("errors", json::array())) fields.push_back(e["field"]);
    if (!c.fields.empty()) {
      EXPECT_EQ(fields, c.fields) << r->body;
    }
  }
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM appointments"), 1);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM appointment_events"), 1);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM patients"), 1);
  EXPECT_EQ(testing::count(path, "SELECT count(*) FROM reservation_cells"), cells);
}

}  // namespace
}  // namespace kc::http
