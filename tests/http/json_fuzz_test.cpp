// A fuzzer over every route of the live table: as anonymous, patient A and
// staff sessions (with their CSRF token), each route gets adversarial and
// random bodies (numbers beyond a double, integers beyond 64 bits, deep
// nesting, invalid UTF-8 and lone surrogates, duplicate keys, NUL bytes, huge
// strings, every field of its real body replaced by every wrong type, bytes
// from a seeded PRNG) and adversarial path ids and query values (%FF, %00,
// huge, negative, 1e400). The server must never answer 5xx, every 4xx must be
// problem+json, and it must still be healthy afterwards. Fixed seed: the same
// few thousand requests on every run.
#include <random>

#include "auth/permissions.h"
#include "core/text.h"
#include "http/credentials.h"
#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;
using testing::Session;

constexpr std::uint64_t kSeed = 20261127;
constexpr int kRandomBodiesPerRoute = 8;

struct Caller {
  std::string name;  // "anonymous", "patient", or a staff key of the fixture
  std::vector<auth::Role> roles;
  std::string email, password;
  Session session;
};

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// Bodies that are wrong whatever the route.
std::vector<std::string> generic_bodies() {
  using namespace std::string_literals;
  return {"",
          "{",
          "null",
          "[]",
          "[{}]",
          R"("text")",
          "1e400",
          R"({"x": 1e400})",
          R"({"x": -1e400, "y": 1e-400})",
          R"({"x": 99999999999999999999, "y": 18446744073709551616, "z": -9223372036854775809})",
          "{\"x\": 1" + std::string(400, '0') + "}",
          "{\"x\": " + nested(64) + "}",
          "{\"x\": " + nested(20000) + "}",
          "{\"\xff\xfe\": 1}",
          "{\"x\": \"\xc3\x28\xed\xa0\x80\"}",
          R"({"x": "\ud800"})",
          R"({"\udc00": 1})",
          "{\"x\": 1}\0{\"x\": 2}"s,
          R"({"x\u0000": "\u0000", "\u202e": "\u2066"})",
          "{\"x\": \"" + std::string(60000, 'x') + "\"}",
          std::string(70 * 1024, '{'),
          "\xef\xbb\xbf{}",  // a byte order mark
          R"({"x": 1, "x": 2})"};
}

// What every field of a real body is replaced with.
std::vector<json> wrong_values() {
  return {nullptr, true, false, 0, -1, 1.5, 1e308, -1e308, 9223372036854775807LL, -9223372036854775807LL - 1,
          18446744073709551615ULL, "", std::string(5000, 'x'), std::string("a\0b", 3), "\x1b[31m", "\u202eabc",
          "line\nbreak\r\n", "0000-01-01", "9999-12-31T23:59:59Z", "1e400", "%FF", json::array(),
          json::array({1, "a", nullptr}), json::object(), json{{"a", {{"b", json::array()}}}}};
}

// Path ids that are not ids, or no id there is.
const std::vector<std::string> kBadIds{"0", "-1", "999999999999999", "9223372036854775808", "99999999999999999999999",
                                       "1e400", "%FF", "%00", "%C3%28", "%E2%80%AE", "abc", "%20", "1%0A2"};

// Query values that are wrong for any parameter.
const std::vector<std::string> kBadQueryValues{"",       "%FF",        "%00",   "%C3%28", "%E2%80%AE", "0000-01-01",
                                               "9999-12-31", "1e400", "-1",   "99999999999999999999",
                                               "a%0D%0Ab", "2026-12-01T09:00:00", "NaN", std::string(3000, 'x')};

// Every place of a document where a value sits, as JSON pointers.
void leaves(const json& doc, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  if (!at.empty()) out.push_back(at);
  if (doc.is_object())
    for (const auto& [key, value] : doc.items()) leaves(value, at / key, out);
  if (doc.is_array())
    for (std::size_t i = 0; i < doc.size(); ++i) leaves(doc[i], at / i, out);
}

std::string random_bytes(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> length(0, 300), byte(0, 255);
  std::string out(static_cast<std::size_t>(length(rng)), '\0');
  for (auto& c : out) c = static_cast<char>(byte(rng));
  return out;
}

// Random sequences of JSON-ish tokens, which reach deeper into the parser than bytes.
std::string random_tokens(std::mt19937_64& rng) {
  static const std::vector<std::string> tokens{"{", "}", "[", "]", ":", ",", "\"a\"", "\"a\"", "\"\\u0000\"",
                                               "\"\\ud800\"", "\"\xff\"", "1e400", "-0", "0.0e-0", "null", "true",
                                               "12345678901234567890123", " ", "\"\\\"", "\"patient_id\"", "7"};
  std::uniform_int_distribution<std::size_t> count(1, 60), pick(0, tokens.size() - 1);
  std::string out = "{";
  for (auto n = count(rng); n > 0; --n) out += tokens[pick(rng)];
  return out;
}

class JsonFuzzTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    patient_a = create_patient("Ariel")["id"];
    auto booked = send("POST", "/api/v1/appointments",
                       json{{"patient_id", patient_a}, {"location", "allen"}, {"type", "consultation"},
                            {"start", "2026-12-01T10:00:00-06:00"}}.dump());
    ASSERT_EQ(booked->status, 201) << booked->body;
    appointment_a = json::parse(booked->body)["id"];
    records_of_a();
    ASSERT_TRUE(auth->add_patient_login(patient_a, "ariel@example.test", "patient", "patient phrase long").has_value());
    callers = {{"anonymous", {}, "", "", {}}, {"patient", {auth::Role::patient}, "ariel@example.test", "patient phrase long", {}}};
    for (const auto& s : testing::kStaff) callers.push_back({s.key, {s.role}, s.email(), s.password(), {}});
    for (auto& c : callers) refresh(c);
  }

  // The PHQ-9 the booking assigned, answered with item 9 = 1 (a flag), and a screening.
  void records_of_a() {
    auto nurse = login_staff("nurse-allen");
    const auto a = "/api/v1/patients/" + std::to_string(patient_a);
    assignment_a = json::parse(send_as(nurse, "GET", a + "/assignments")->body)["assignments"][0]["id"];
    auto submitted = send_as(nurse, "POST", "/api/v1/assignments/" + std::to_string(assignment_a) + "/submission",
                             R"({"answers": {"phq9_9": 1}, "entered_on_paper": true})");
    ASSERT_EQ(submitted->status, 201) << submitted->body;
    submission_a = json::parse(submitted->body)["id"];
    flag_a = json::parse(submitted->body)["flags"][0]["id"];
    auto screened = send_as(nurse, "POST", a + "/screening", R"({"treatment": "iv_ketamine"})");
    ASSERT_EQ(screened->status, 201) << screened->body;
    screening_a = json::parse(screened->body)["id"];
  }

  // A session made in-process, from an address of its own: the fuzzed logins
  // from 127.0.0.1 lock that address after a few failures.
  void refresh(Caller& c) {
    if (c.email.empty()) return;
    auto made = auth->login(c.email, c.password, "10.77.0.1");
    ASSERT_TRUE(made.has_value()) << c.name;
    c.session = {std::string(kSessionCookie) + "=" + made->secret, made->csrf_token, {}};
  }

  std::int64_t id_for(const Route& r) const {
    const ScopeRule* rule = r.access.scope;
    if (rule == &scope::appointment_path) return appointment_a;
    if (rule == &scope::patient_path) return patient_a;
    if (rule == &scope::assignment_path) return assignment_a;
    if (rule == &scope::submission_path) return submission_a;
    if (rule == &scope::flag_path) return flag_a;
    if (rule == &scope::screening_path) return screening_a;
    return r.path.starts_with("/api/v1/users") ? staff_ids.at("desk-dallas") : 999999;
  }

  static std::string with_id(const Route& r, const std::string& id) {
    std::string url = r.path;
    if (auto at = url.find("{id}"); at != std::string::npos) url.replace(at, 4, id);
    return url;
  }

  std::string real_target(const Route& r) const {
    return with_id(r, std::to_string(id_for(r))) + "?" + real_query(r);
  }

  static std::string real_query(const Route& r) {
    if (r.operation_id == "getScoreTrend") return "instrument=phq9";
    if (r.operation_id == "queryAudit") return "from=2026-11-01&to=2026-11-30&limit=5";
    return "location=allen&date=2026-12-01&type=consultation&zip=75013&q=demo";
  }

  // A body the route would accept (or nearly), whose every field the fuzzer then spoils.
  json real_body(const Route& r) const {
    const auto& op = r.operation_id;
    const json person{{"given_name", "Fuzz"}, {"family_name", "Demo"}, {"date_of_birth", "1980-01-01"},
                      {"sex", "female"}, {"email", "fuzz@example.test"}, {"phone", "+1 972 555 0100"}, {"weight", "70kg"}};
    if (op == "bookAppointment")
      return {{"patient_id", patient_a}, {"location", "allen"}, {"type", "consultation"}, {"mode", "in_person"},
              {"start", "2026-12-03T10:00:00-06:00"}, {"series", {{"count", 2}, {"weekdays", {"thu"}}}}, {"reason", "fuzz"}};
    if (op == "changeAppointment") return {{"start", "2026-12-04T10:00:00-06:00"}, {"reason", "moved"}};
    if (op == "createPatient") return person;
    if (op == "updatePatient") return {{"given_name", "Ariel"}, {"phone", nullptr}, {"version", 1}};
    if (op == "signUp") {
      json account = person;
      account["password"] = "a long enough passphrase here";
      return account;
    }
    if (op == "login") return {{"email", "nobody@example.test"}, {"password", "not the password at all"}};
    if (op == "createToken") return {{"name", "fuzz"}, {"scope", {"schedule_read"}}, {"expires_in_days", 30}};
    if (op == "createUser") return {{"email", "new@example.test"}, {"name", "New"}, {"roles", {"nurse"}}, {"locations", {"allen"}}};
    if (op == "updateUser") return {{"name", "Desk Dallas"}, {"roles", {"front_desk"}}, {"locations", {"dallas"}}, {"disabled", false}};
    if (op == "simulateInfusion")
      return {{"weight_kg", 70}, {"age_y", 40}, {"dose_mg_per_kg", 0.5}, {"duration_min", 40}, {"until_min", 120},
              {"step_min", 10}, {"population", {{"n", 10}, {"seed", 1}, {"percentiles", {5, 50, 95}}, {"cv", 0.3}}}};
    if (op == "assignQuestionnaire") return {{"instrument", "phq9"}, {"due", "2026-12-10T00:00:00Z"}};
    if (op == "submitAssignment") return {{"answers", {{"phq9_1", 1}, {"phq9_2", true}}}, {"entered_on_paper", true}};
    if (op == "correctSubmission") return {{"answers", {{"phq9_1", 2}}}, {"reason", "typo\nfixed"}};
    if (op == "acknowledgeFlag") return {{"action_taken", "called the patient"}};
    if (op == "screenPatient")
      return {{"treatment", "iv_ketamine"}, {"pregnant", false}, {"systolic_mmhg", 120}, {"diastolic_mmhg", 80},
              {"medications", {{{"name", "lorazepam"}, {"classes", {"benzodiazepine"}}, {"lorazepam_eq_mg_per_day", 1}}}}};
    if (op == "decideScreening") return {{"decision", "eligible"}, {"note", "ok"}};
    return nullptr;
  }

  // The caller whose permission reaches the handler (so that the body is read).
  Caller& reaching(const Route& r) {
    if (r.access.permission == Permission::public_) return callers[0];
    for (auto& c : callers)
      if (c.name != "anonymous" && c.name != "patient" && auth::permissions_of(c.roles).has(r.access.permission) &&
          c.name.find("dallas") == std::string::npos)
        return c;
    return callers[1];
  }

  // One request; any answer that breaks the rules is recorded.
  void probe(Caller& c, const Route& r, const std::string& target, const std::string& body, std::string_view what) {
    const std::string method(to_string(r.method));
    auto res = c.session.cookie.empty() ? send_with(anonymous(), method, target, body, {})
                                        : send_as(c.session, method, target, body);
    ++sent;
    if (r.operation_id == "login" || r.operation_id == "logout") refresh(c);
    const auto where = fmt::format("{} {} as {} ({})", method, r.path, c.name, what);
    if (!res) return broken(where, "no answer: " + httplib::to_string(res.error()));
    if (res->status >= 500) return broken(where, fmt::format("{}: {}", res->status, res->body.substr(0, 300)));
    if (res->status < 400) {
      if (res->get_header_value("Content-Type") == "application/json" && !res->body.empty() &&
          json::parse(res->body, nullptr, false).is_discarded())
        broken(where, fmt::format("{} with a body that is not JSON: {}", res->status, res->body.substr(0, 300)));
      return;
    }
    if (res->get_header_value("Content-Type") != "application/problem+json")
      return broken(where, fmt::format("{} as {}", res->status, res->get_header_value("Content-Type")));
    const auto problem = json::parse(res->body, nullptr, false);
    if (problem.is_discarded() || problem.value("status", 0) != res->status || !problem.value("code", json()).is_string())
      broken(where, fmt::format("{} with a body that is no problem: {}", res->status, res->body.substr(0, 300)));
  }

  void broken(const std::string& where, const std::string& what) {
    if (failures.size() < 25) failures.push_back(where + ": " + what);
    ++failure_count;
  }

  void bodies(const Route& r, std::mt19937_64& rng) {
    const auto target = real_target(r);
    for (auto* c : {&callers[0], &callers[1], &reaching(r)})
      for (const auto& b : generic_bodies()) probe(*c, r, target, b, "body " + log_safe(b, 40));
    const json real = real_body(r);
    if (real.is_null()) return;
    auto& c = reaching(r);
    probe(c, r, target, real.dump(), "real body");
    std::vector<json::json_pointer> places;
    leaves(real, json::json_pointer(), places);
    for (const auto& at : places) {
      for (const auto& v : wrong_values()) {
        json spoiled = real;
        spoiled[at] = v;
        probe(c, r, target, spoiled.dump(-1, ' ', false, json::error_handler_t::replace), at.to_string());
      }
      json without = real;
      auto& parent = without[at.parent_pointer()];
      if (parent.is_object()) parent.erase(at.back());
      else parent.erase(std::stoul(at.back()));
      probe(c, r, target, without.dump(), "without " + at.to_string());
    }
    const auto text = real.dump();
    probe(c, r, target, "{" + text.substr(1, text.size() - 2) + "," + text.substr(1), "every key twice");
    for (int i = 0; i < kRandomBodiesPerRoute; ++i) {
      const auto bytes = random_bytes(rng), tokens = random_tokens(rng);
      probe(c, r, target, bytes, "random bytes " + log_safe(bytes, 40));
      probe(c, r, target, tokens, "random tokens " + log_safe(tokens, 40));
    }
  }

  void paths(const Route& r) {
    if (r.path.find("{id}") == std::string::npos) return;
    const auto body = real_body(r).is_null() ? std::string(r.method == Method::get ? "" : "{}") : real_body(r).dump();
    for (auto* c : {&callers[0], &callers[1], &reaching(r)})
      for (const auto& id : kBadIds) probe(*c, r, with_id(r, id) + "?" + real_query(r), body, "id " + id);
  }

  void queries(const Route& r, const json& doc) {
    std::string method(to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto& op = doc["paths"][r.path][method];
    const auto base = with_id(r, std::to_string(id_for(r)));
    for (const auto& p : op.value("parameters", json::array())) {
      if (p.value("in", "") != "query") continue;
      for (const auto& v : kBadQueryValues)
        for (auto* c : {&callers[0], &reaching(r)})
          probe(*c, r, base + "?" + real_query(r) + "&" + p["name"].get<std::string>() + "=" + v,
                r.method == Method::get ? "" : "{}", "query " + p["name"].get<std::string>());
    }
  }

  std::int64_t patient_a = 0, appointment_a = 0, assignment_a = 0, submission_a = 0, flag_a = 0, screening_a = 0;
  std::vector<Caller> callers;
  std::vector<std::string> failures;
  int failure_count = 0, sent = 0;
};

TEST_F(JsonFuzzTest, NoRouteAnswers5xxOrAnythingButProblemJsonToAdversarialInput) {
  std::mt19937_64 rng(kSeed);
  const auto doc = json::parse(openapi_document());
  // The session routes last: a logout or a login replaces the caller's session.
  auto order = routes;
  std::stable_partition(order.begin(), order.end(), [](const Route& r) { return r.path != "/api/v1/session"; });
  for (const auto& r : order) {
    paths(r);
    queries(r, doc);
    if (r.method != Method::get) bodies(r, rng);
  }
  EXPECT_GT(sent, 3000);
  RecordProperty("requests", sent);
  EXPECT_EQ(failure_count, 0) << fmt::format("{}", fmt::join(failures, "\n"));
  auto health = anonymous().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << health->body;
  // What the fuzzer left behind still reads back: the patient, the audit trail of it all.
  EXPECT_EQ(get_json("/api/v1/patients/" + std::to_string(patient_a))["id"], patient_a);
  auto& admin = callers.back();
  ASSERT_EQ(admin.name, "admin");
  refresh(admin);
  auto audit = send_as(admin.session, "GET", "/api/v1/audit?limit=1000");
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->status, 200) << audit->body.substr(0, 300);
  EXPECT_FALSE(json::parse(audit->body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace kc::http
