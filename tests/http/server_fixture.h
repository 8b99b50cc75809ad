#pragma once
// The real server, in-process, on an ephemeral port: the demo clinics (from
// data/, without demo bookings) in a temporary SQLite database, a fixed clock
// (Friday 2026-11-27 12:00 in Dallas) that tests may move, the shipped
// instruments, eligibility rules, crisis resources and intake set, the auth
// layer with the shipped password list (Argon2id at its minimum cost, for
// speed), one staff account per role, the PK model catalogue, and httplib
// clients to talk to it. A derived fixture may set `web` before SetUp to serve
// files.
//
// start(options) takes the test's timeouts, threads and limits (SetUp starts
// with the defaults; every client of a test comes from 127.0.0.1, one client
// address for max_connections_per_client).
//
// client() calls as the front desk of Allen through an API token carrying all
// of that role's permissions (no CSRF needed); anonymous() sends nothing;
// login() opens a cookie session for send_as().
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "../store/store_fixture.h"
#include "auth/identity.h"
#include "auth/service.h"
#include "catalog/clinic_config.h"
#include "catalog/crisis_resources.h"
#include "catalog/eligibility_rules.h"
#include "catalog/instruments.h"
#include "catalog/intake_set.h"
#include "catalog/comparators.h"
#include "catalog/dose_policy.h"
#include "catalog/models.h"
#include "catalog/reference_ranges.h"
#include "catalog/treatment_gates.h"
#include "catalog/flag_policy.h"
#include "clinic/patients.h"
#include "clinic/scheduler.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "response_recorder.h"

namespace kc::http::testing {

using nlohmann::json;
using store::sqlite::testing::count;

struct StaffLogin {
  const char* key;  // how tests name them
  auth::Role role;
  const char* location;  // "" for none
  const char* pass;
  const char* staff_code;  // the demo directory's record it is linked to ("" for none)
  std::string email() const { return std::string(key) + "@example.test"; }
  std::string password() const { return pass; }
};

inline const StaffLogin kStaff[] = {
    {"desk-allen", auth::Role::front_desk, "allen", "fixture phrase one 1", "oakley-demo"},
    {"desk-dallas", auth::Role::front_desk, "dallas", "fixture phrase two 2", "parker-demo"},
    {"nurse-allen", auth::Role::nurse, "allen", "fixture phrase three 3", "gray-demo"},
    {"nurse-dallas", auth::Role::nurse, "dallas", "fixture phrase six 6", "logan-demo"},
    {"prescriber-allen", auth::Role::prescriber, "allen", "fixture phrase four 4", "avery-demo"},
    {"admin", auth::Role::admin, "", "fixture phrase five 5", "quinn-demo"},
};

struct Session {
  std::string cookie;  // "kc_session=..."
  std::string csrf;
  json body;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }
  void TearDown() override { stop(); }

  void start(ServerOptions extra) {
    const std::filesystem::path data = std::filesystem::path(KC_SOURCE_DIR) / "data";
    path = store::sqlite::testing::temp_db_path();
    store = std::move(store::sqlite::SqliteStore::open(path).value());
    auto types = catalog::load_appointment_types(data / "clinic" / "appointment_types.json");
    ASSERT_TRUE(types.has_value()) << types.error().message;
    ASSERT_TRUE(store->sync_appointment_types(*types).has_value());
    ASSERT_TRUE(store->seed_directory(catalog::load_clinics(data / "demo" / "clinics.json").value()).has_value());
    directory = clinic::Directory(store->load_directory().value());
    policy = catalog::load_booking_policy(data / "clinic" / "booking_policy.json").value();
    gazetteer = catalog::load_gazetteer(data / "geo").value();
    auto instruments = catalog::load_instruments(data).value();
    auto intake = catalog::load_intake_set(data / "clinic" / "intake_set.json", instruments, *types).value();
    auto rules = catalog::load_eligibility_rules(data, instruments).value();
    screenings = std::make_unique<clinic::Screenings>(rules, **instruments.find(rules.screening_instrument), *store,
                                                      *store, directory, clock);
    questionnaires = std::make_unique<clinic::Questionnaires>(
        instruments.instruments, catalog::load_crisis_resources(data).value(), *store, *store, clock);
    flags = std::make_unique<clinic::SafetyFlags>(*store, *store, directory, clock);
    treatment_gates = catalog::load_treatment_gates(data / "clinic" / "treatment_gates.json", *types).value();
    gates = std::make_unique<clinic::BookingGates>(treatment_gates, *store, *store, directory);
    inbox = std::make_unique<clinic::FlagInbox>(
        catalog::load_flag_policy(data / "clinic" / "flag_policy.json").value(),
        questionnaires->instruments(), *store, *store, directory, clock);
    scheduler = std::make_unique<clinic::Scheduler>(directory, policy, *store, clock, intake);
    patients = std::make_unique<clinic::PatientService>(*store, clock);
    ASSERT_TRUE(auth::crypto_ready());
    hasher = std::make_unique<auth::PasswordHasher>(auth::PasswordHasher::Cost::minimum());
    auth = std::make_unique<auth::AuthService>(*store, clock, random, *hasher,
                                               auth::Blocklist::parse(slurp(data / "security" / "common_passwords.txt")),
                                               auth::AuthSettings{}, &directory);
    auto loaded = catalog::load_models(data);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    models = std::move(*loaded);
    auto read_ranges = catalog::load_reference_ranges(data, models);
    ASSERT_TRUE(read_ranges.has_value()) << read_ranges.error().message;
    ranges = std::move(*read_ranges);
    auto read_policy = catalog::load_dose_policy(data);
    ASSERT_TRUE(read_policy.has_value()) << read_policy.error().message;
    dose_policy = std::move(*read_policy);
    auto read_benchmarks = catalog::load_benchmarks(data);
    ASSERT_TRUE(read_benchmarks.has_value()) << read_benchmarks.error().message;
    benchmarks = std::move(*read_benchmarks);
    add_staff();
    const bool tls = extra.tls();
    context = std::make_unique<ApiContext>(ApiContext{.scheduler = *scheduler,
                                                      .patients = *patients,
                                                      .store = *store,
                                                      .gazetteer = gazetteer,
                                                      .auth = *auth,
                                                      .questionnaires = *questionnaires,
                                                      .flags = *flags,
                                                      .screenings = *screenings,
                                                      .gates = *gates,
                                                      .inbox = *inbox,
                                                      .ics_domain = "test.invalid",
                                                      .tls = tls,
                                                      .models = &models,
                                                      .ranges = &ranges,
                                                      .dose_policy = &dose_policy,
                                                      .benchmarks = &benchmarks});
    routes = api_routes(*context);
    ResponseRecorder::wrap(routes, ResponseRecorder::from_environment());  // the API's own routes only
    routes.insert(routes.end(), extra_routes.begin(), extra_routes.end());
    ASSERT_TRUE(check_routes(routes).has_value());
    extra.host = "127.0.0.1";
    extra.port = 0;
    if (extra.threads == ServerOptions{}.threads) extra.threads = 48;  // unless the test chose
    if (web) extra.web = &*web;
    server = std::make_unique<ApiServer>(
        AuthLayer(Router(routes), ScopeResolver(*store, *store, *store, *store, directory), *auth, tls), extra);
    auto bound = server->bind();
    ASSERT_TRUE(bound.has_value()) << bound.error().message;
    port = *bound;
    runner = std::thread([this] { server->run(); });
    while (!server->running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void stop() {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
    server.reset();
    store.reset();
    store::sqlite::testing::remove_db(path);
  }

  void add_staff() {
    for (const auto& s : kStaff) {
      std::vector<clinic::Id> at;
      if (*s.location != '\0') at.push_back(directory.find_location(s.location, "l").value()->id);
      auto made = auth->add_staff({s.email(), s.key, {s.role}, at, s.password(), s.staff_code});
      ASSERT_TRUE(made.has_value()) << made.error().message;
      staff_ids[s.key] = made->account.id;
    }
    const auto desk = auth::principal_for(auth->account(staff_ids.at("desk-allen")).value());
    auto token = auth->create_token(desk, "fixture", auth::token_grantable(desk.permissions), std::chrono::days(30));
    ASSERT_TRUE(token.has_value());
    desk_token = token->secret;
  }

  httplib::Client anonymous() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(std::chrono::seconds(30));
    return c;
  }

  httplib::Client client() const {
    auto c = anonymous();
    c.set_default_headers({{"Authorization", "Bearer " + desk_token}});
    return c;
  }

  json get_json(const std::string& target, int expected_status = 200) {
    auto r = client().Get(target);
    EXPECT_TRUE(r) << target;
    if (!r) return {};
    EXPECT_EQ(r->status, expected_status) << target << "\n" << r->body;
    return json::parse(r->body);
  }

  static httplib::Result send_with(httplib::Client c, const std::string& method, const std::string& target,
                                   const std::string& body, const httplib::Headers& headers,
                                   const std::string& type = "application/json") {
    if (method == "POST") return c.Post(target, headers, body, type);
    if (method == "PATCH") return c.Patch(target, headers, body, type);
    if (method == "PUT") return c.Put(target, headers, body, type);
    if (method == "DELETE") return c.Delete(target, headers, body, type);
    return c.Get(target, headers);
  }

  httplib::Result send(const std::string& method, const std::string& target, const std::string& body,
                       const httplib::Headers& headers = {}, const std::string& type = "application/json") {
    return send_with(client(), method, target, body, headers, type);
  }

  // With a session: its cookie, and (unless `with_csrf` is false) its CSRF token.
  httplib::Result send_as(const Session& s, const std::string& method, const std::string& target,
                          const std::string& body = "", bool with_csrf = true) {
    httplib::Headers h{{"Cookie", s.cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", s.csrf);
    return send_with(anonymous(), method, target, body, h);
  }

  // Logs in; an empty cookie when refused (the response is in `body`).
  Session login(const std::string& email, const std::string& password) {
    auto r = anonymous().Post("/api/v1/session", json{{"email", email}, {"password", password}}.dump(),
                              "application/json");
    Session s;
    if (!r) return s;
    s.body = json::parse(r->body, nullptr, false);
    s.body["status"] = r->status;
    const auto cookie = r->get_header_value("Set-Cookie");
    if (r->status == 200) s.cookie = cookie.substr(0, cookie.find(';'));
    if (r->status == 200) s.csrf = s.body["csrf_token"];
    return s;
  }

  Session login_staff(const std::string& key) {
    for (const auto& s : kStaff)
      if (key == s.key) return login(s.email(), s.password());
    ADD_FAILURE() << "no staff " << key;
    return {};
  }

  // A screening with the prescriber's recorded `decision` for `treatment`;
  // "eligible" is what booking a treatment visit requires (data/clinic/treatment_gates.json).
  void decide(std::int64_t patient, measures::Decision decision,
              measures::Treatment treatment = measures::Treatment::iv_ketamine) {
    const clinic::Actor by{"staff", std::to_string(staff_ids.at("prescriber-allen"))};
    auto s = screenings->screen(patient, {treatment, false, 120, 80, std::vector<measures::Medication>{}}, by);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    auto d = screenings->decide(s->id, {decision, "avery-demo", "fixture decision"}, by);
    ASSERT_TRUE(d.has_value()) << d.error().message;
  }
  void decide_eligible(std::int64_t patient, measures::Treatment treatment = measures::Treatment::iv_ketamine) {
    decide(patient, measures::Decision::eligible, treatment);
  }

  json create_patient(const std::string& given = "Alex") {
    auto r = send("POST", "/api/v1/patients",
                  json{{"given_name", given}, {"family_name", "Demo"}, {"date_of_birth", "1984-05-06"}, {"sex", "female"},
                       {"weight", "70kg"}}.dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    return json::parse(r->body);
  }

  std::string path;
  std::unique_ptr<store::sqlite::SqliteStore> store;
  clinic::Directory directory;
  clinic::BookingPolicy policy;
  clinic::Gazetteer gazetteer;
  store::sqlite::testing::FixedClock clock{clinic::testing::at("2026-11-27T12:00:00-06:00")};
  std::unique_ptr<clinic::Scheduler> scheduler;
  std::unique_ptr<clinic::PatientService> patients;
  std::unique_ptr<clinic::Questionnaires> questionnaires;
  std::unique_ptr<clinic::SafetyFlags> flags;
  clinic::TreatmentGates treatment_gates;
  std::unique_ptr<clinic::BookingGates> gates;
  std::unique_ptr<clinic::FlagInbox> inbox;
  std::unique_ptr<clinic::Screenings> screenings;
  auth::SystemRandom random;
  std::unique_ptr<auth::PasswordHasher> hasher;
  std::unique_ptr<auth::AuthService> auth;
  std::map<std::string, clinic::Id> staff_ids;
  std::string desk_token;
  catalog::ModelCatalog models;
  pharm::ReferenceRanges ranges;
  pharm::DosePolicy dose_policy;
  std::vector<pharm::Benchmark> benchmarks;
  std::optional<StaticFiles> web;
  std::unique_ptr<ApiContext> context;
  std::vector<Route> extra_routes;  // a test's own routes, set before start()
  std::vector<Route> routes;
  std::unique_ptr<ApiServer> server;
  std::thread runner;
  int port = 0;
};

}  // namespace kc::http::testing
