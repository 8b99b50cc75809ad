#pragma once
// The real server, in-process, on an ephemeral port: the demo clinics (from
// data/, without demo bookings) in a temporary SQLite database, a fixed clock
// (Friday 2026-11-27 12:00 in Dallas), the shipped instruments, eligibility
// rules, crisis resources and intake set, and an httplib client to talk to it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "../store/store_fixture.h"
#include "catalog/clinic_config.h"
#include "catalog/crisis_resources.h"
#include "catalog/eligibility_rules.h"
#include "catalog/instruments.h"
#include "catalog/intake_set.h"
#include "clinic/patients.h"
#include "clinic/scheduler.h"
#include "http/api.h"
#include "http/server.h"

namespace kc::http::testing {

using nlohmann::json;
using store::sqlite::testing::count;

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
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
    scheduler = std::make_unique<clinic::Scheduler>(directory, policy, *store, clock, intake);
    patients = std::make_unique<clinic::PatientService>(*store, clock);
    context = std::make_unique<ApiContext>(ApiContext{.scheduler = *scheduler,
                                                      .patients = *patients,
                                                      .store = *store,
                                                      .gazetteer = gazetteer,
                                                      .questionnaires = *questionnaires,
                                                      .flags = *flags,
                                                      .screenings = *screenings,
                                                      .ics_domain = "test.invalid"});
    routes = api_routes(*context);
    ServerOptions options{"127.0.0.1", 0, 48};
    server = std::make_unique<ApiServer>(Router(routes), options);
    auto bound = server->bind();
    ASSERT_TRUE(bound.has_value());
    port = *bound;
    runner = std::thread([this] { server->run(); });
    while (!server->running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    server->stop();
    runner.join();
    server.reset();
    store.reset();
    store::sqlite::testing::remove_db(path);
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(std::chrono::seconds(30));
    return c;
  }

  json get_json(const std::string& target, int expected_status = 200) {
    auto r = client().Get(target);
    EXPECT_TRUE(r) << target;
    if (!r) return {};
    EXPECT_EQ(r->status, expected_status) << target << "\n" << r->body;
    return json::parse(r->body);
  }

  httplib::Result send(const std::string& method, const std::string& target, const std::string& body,
                       const httplib::Headers& headers = {}, const std::string& type = "application/json") {
    auto c = client();
    if (method == "POST") return c.Post(target, headers, body, type);
    if (method == "PATCH") return c.Patch(target, headers, body, type);
    if (method == "PUT") return c.Put(target, headers, body, type);
    if (method == "DELETE") return c.Delete(target, headers, body, type);
    return c.Get(target, headers);
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
  std::unique_ptr<clinic::Screenings> screenings;
  std::unique_ptr<ApiContext> context;
  std::vector<Route> routes;
  std::unique_ptr<ApiServer> server;
  std::thread runner;
  int port = 0;
};

}  // namespace kc::http::testing
