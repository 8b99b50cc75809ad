// Accounts through the real binary: `user add` takes a piped password or
// generates one and refuses weak ones without writing anything; after a demo
// server has served logins, a token and patient reads, `audit verify` finds the
// chain intact, then finds an edited and a deleted entry; `serve --audit-anchor`
// keeps an anchor file that catches a consistently truncated trail, and
// refuses to anchor one; and no password, session secret, CSRF token or API
// token is anywhere in clear in the database or the logs.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sqlite3.h>

#include "process.h"
#include "server_fixture.h"

namespace kc::http {
namespace {

using store::sqlite::testing::count;
using store::sqlite::testing::remove_db;
using store::sqlite::testing::temp_db_path;
using testing::json;
using testing::Redirect;
using testing::run;
using testing::slurp;

constexpr const char* kDemoPrescriber = "avery.demo@example.com";
constexpr const char* kDemoPrescriberPassword = "demo-prescriber-avery";  // README
constexpr const char* kDemoPatient = "devon.demo@example.com";
constexpr const char* kDemoPatientPassword = "demo-patient-devon-26";
constexpr const char* kDemoAdmin = "quinn.demo@example.com";
constexpr const char* kDemoAdminPassword = "demo-admin-quinn-2026";

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

void exec_sql(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(h);
}

TEST(AuthProcessTest, UserAddTakesAPipedPasswordOrGeneratesOneAndRefusesWeakOnes) {
  const auto db = temp_db_path(), in = db + ".in", out = db + ".out", err = db + ".err";
  const std::vector<std::string> add{"ketaclinic", "user", "add", "--db", db, "--role", "admin"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = add;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  write_file(in, "password123\n");
  EXPECT_EQ(run(with({"--email", "weak@example.test"}), {in, out, err}), 2);
  EXPECT_NE(slurp(err).find("password"), std::string::npos) << slurp(err);
  EXPECT_EQ(count(db, "SELECT count(*) FROM accounts"), 0);

  write_file(in, "a long admin passphrase of our own\n");
  EXPECT_EQ(run(with({"--email", "first@example.test"}), {in, out, err}), 0) << slurp(err);
  EXPECT_EQ(slurp(out).find("password:"), std::string::npos);

  EXPECT_EQ(run(with({"--email", "second@example.test", "--generate-password"}), {in, out, err}), 0) << slurp(err);
  const auto printed = slurp(out);
  const auto at = printed.find("password: ");
  ASSERT_NE(at, std::string::npos) << printed;
  const auto generated = printed.substr(at + 10, printed.find('\n', at) - at - 10);
  EXPECT_GE(generated.size(), 15U);

  EXPECT_EQ(run(with({"--email", "first@example.test"}), {in, out, err}), 2) << "a second account with one email";
  EXPECT_EQ(run({"ketaclinic", "user", "add", "--db", db, "--role", "wizard", "--email", "x@example.test"},
                {in, out, err}), 2);
  EXPECT_NE(slurp(err).find("--role"), std::string::npos) << slurp(err);
  EXPECT_EQ(run(with({"--email", "linked@example.test", "--staff", "nobody-demo"}), {in, out, err}), 2);
  EXPECT_NE(slurp(err).find("--staff: no staff member 'nobody-demo'"), std::string::npos) << slurp(err);
  EXPECT_EQ(count(db, "SELECT count(*) FROM accounts"), 2);
  const auto file = slurp(db);
  EXPECT_EQ(file.find(generated), std::string::npos);
  EXPECT_EQ(file.find("a long admin passphrase"), std::string::npos);
  for (const auto& f : {in, out, err}) std::filesystem::remove(f);
  remove_db(db);
}

class DemoServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db = temp_db_path();
    log = db + ".access.log";
    out = db + ".out";
    err = db + ".err";
    anchors = db + ".anchors";
    start(db);
  }
  void start(const std::string& file) {
    port = testing::free_port();
    std::vector<std::string> args{"ketaclinic", "serve", "--demo", "--db", file, "--listen",
                                  fmt::format("127.0.0.1:{}", port), "--access-log", log};
    if (anchored()) args.insert(args.end(), {"--audit-anchor", anchors});
    pid = testing::spawn(args, {"", out, err});
    ASSERT_TRUE(testing::wait_healthy(port));
  }
  virtual bool anchored() const { return false; }
  void TearDown() override {
    if (pid > 0) stop();
    for (const auto& f : {log, out, err, anchors}) std::filesystem::remove(f);
    remove_db(db);
  }
  void stop() {
    kill(pid, SIGTERM);
    EXPECT_EQ(testing::wait_exit(pid), 0);
    pid = 0;
  }

  // Logs in; returns {cookie, csrf}.
  std::pair<std::string, std::string> login(const std::string& email, const std::string& password) {
    httplib::Client c("127.0.0.1", port);
    auto r = c.Post("/api/v1/session", json{{"email", email}, {"password", password}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    if (!r || r->status != 200) return {};
    const auto cookie = r->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(r->body)["csrf_token"]};
  }

  std::string db, log, out, err, anchors;
  int port = 0;
  pid_t pid = 0;
};

TEST_F(DemoServerTest, AuditVerifyFindsTheChainIntactThenAnEditAndADeletion) {
  httplib::Client c("127.0.0.1", port);
  auto [cookie, csrf] = login(kDemoPrescriber, kDemoPrescriberPassword);
  auto patients = c.Get("/api/v1/patients?q=demo", {{"Cookie", cookie}});
  ASSERT_TRUE(patients && patients->status == 200) << (patients ? patients->body : "");
  auto bad = c.Post("/api/v1/session", json{{"email", kDemoPatient}, {"password", "not the password"}}.dump(),
                    "application/json");
  ASSERT_TRUE(bad && bad->status == 401);
  stop();
  EXPECT_GT(count(db, "SELECT count(*) FROM audit_log"), 2);

  const auto verify_out = db + ".verify";
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", db}, {"", verify_out, err}), 0) << slurp(err);
  EXPECT_NE(slurp(verify_out).find("intact"), std::string::npos);
  std::filesystem::remove(verify_out);

  const auto copy = db + ".copy";
  std::filesystem::copy_file(db, copy);
  exec_sql(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'allowed' WHERE outcome = 'denied'");
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", db}, {"", out, err}), 1);
  EXPECT_NE(slurp(err).find("BROKEN"), std::string::npos) << slurp(err);

  exec_sql(copy, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2");
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", copy}, {"", out, err}), 1);
  exec_sql(copy, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", copy}, {"", out, err}), 1) << "the newest entry removed";
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", copy, "--anchor", "nonsense"}, {"", out, err}), 2);
  std::filesystem::remove(copy);
}

class AnchoredServerTest : public DemoServerTest {
 protected:
  bool anchored() const override { return true; }

  // The anchor file's lines once it has at least `n` (the keeper writes from its own thread).
  std::vector<std::string> anchor_lines(std::size_t n) {
    std::vector<std::string> lines;
    for (int i = 0; i < 100 && lines.size() < n; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      lines.clear();
      std::istringstream text(slurp(anchors));
      for (std::string line; std::getline(text, line);) lines.push_back(line);
    }
    return lines;
  }
};

TEST_F(AnchoredServerTest, ServeKeepsAnAnchorFileThatCatchesATruncatedTail) {
  ASSERT_EQ(anchor_lines(1).size(), 1u) << "the head at start";
  httplib::Client c("127.0.0.1", port);
  auto [cookie, csrf] = login(kDemoPrescriber, kDemoPrescriberPassword);
  auto found = c.Get("/api/v1/patients?q=devon", {{"Cookie", cookie}});
  ASSERT_TRUE(found && found->status == 200) << (found ? found->body : "");
  const auto devon = json::parse(found->body)["patients"].at(0)["id"].get<std::int64_t>();
  const auto record = fmt::format("/api/v1/patients/{}", devon);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(c.Get(record, {{"Cookie", cookie}})->status, 200);

  // The entries about a patient are found by the patient's id (typed, as written).
  auto [admin, admin_csrf] = login(kDemoAdmin, kDemoAdminPassword);
  auto trail = c.Get(fmt::format("/api/v1/audit?patient={}", devon), {{"Cookie", admin}});
  ASSERT_TRUE(trail && trail->status == 200) << (trail ? trail->body : "");
  const auto entries = json::parse(trail->body)["entries"];
  ASSERT_EQ(std::count_if(entries.begin(), entries.end(), [](const json& e) { return e["operation"] == "getPatient"; }), 2)
      << entries.dump();
  for (const auto& e : entries) {
    EXPECT_EQ(e["patient_id"], devon);
    EXPECT_EQ(e["hash_version"], 2);
  }
  stop();

  const auto lines = anchor_lines(2);
  ASSERT_EQ(lines.size(), 2u) << "the head at start and at shutdown";
  const auto verify_out = db + ".verify";
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", db, "--anchor-file", anchors}, {"", verify_out, err}), 0)
      << slurp(err);
  const auto head = slurp(verify_out).substr(slurp(verify_out).find("head: ") + 6);
  EXPECT_EQ(lines.back().substr(0, lines.back().find(' ')), head.substr(0, head.find('\n')))
      << "the last anchor is the final head";

  // Remove the newest entries and reset both counters: plain verify cannot tell, the anchors can.
  exec_sql(db, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_high_water_only_rises; "
               "DELETE FROM audit_log WHERE id > 3; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'; "
               "UPDATE audit_high_water SET last_id = 3");
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", db}, {"", out, err}), 0) << slurp(err);
  EXPECT_EQ(run({"ketaclinic", "audit", "verify", "--db", db, "--anchor-file", anchors}, {"", out, err}), 1);
  EXPECT_NE(slurp(err).find("BROKEN"), std::string::npos) << slurp(err);

  // A server started on the truncated trail finds it against the file, says so, and anchors nothing.
  const auto before = slurp(anchors);
  start(db);
  stop();
  EXPECT_EQ(slurp(anchors), before);
  EXPECT_NE((slurp(out) + slurp(err)).find("audit anchor: BROKEN"), std::string::npos) << slurp(out) << slurp(err);
  std::filesystem::remove(verify_out);
}

// The demo's seeded treatment visits agree with the booking gates: each of
// their patients has an "eligible" decision for the treatment, by the demo prescriber.
TEST_F(DemoServerTest, EveryDemoPatientWithATreatmentVisitHasAnEligibleDecision) {
  stop();
  const auto treated = count(db, "SELECT count(DISTINCT a.patient_id) FROM appointments a JOIN appointment_types t "
                                 "ON t.id = a.type_id WHERE t.code IN ('infusion', 'spravato')");
  ASSERT_GT(treated, 0);
  const auto decided = count(db, "SELECT count(DISTINCT s.patient_id) FROM screenings s JOIN screening_decisions d "
                                 "ON d.screening_id = s.id WHERE d.decision = 'eligible' AND d.prescriber = 'avery-demo'");
  EXPECT_EQ(decided, treated);
}

TEST_F(DemoServerTest, NoSecretIsInClearInTheDatabaseOrTheLogs) {
  httplib::Client c("127.0.0.1", port);
  auto [cookie, csrf] = login(kDemoPrescriber, kDemoPrescriberPassword);
  auto [patient_cookie, patient_csrf] = login(kDemoPatient, kDemoPatientPassword);
  auto token = c.Post("/api/v1/tokens", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
                      json{{"name", "lab import"}, {"scope", {"schedule_read"}}}.dump(), "application/json");
  ASSERT_TRUE(token && token->status == 201) << (token ? token->body : "");
  const std::string secret = json::parse(token->body)["token"];
  auto with_token = c.Get("/api/v1/schedule?location=allen&date=2026-12-01", {{"Authorization", "Bearer " + secret}});
  ASSERT_TRUE(with_token && with_token->status == 200) << (with_token ? with_token->body : "");
  stop();

  const std::vector<std::string> secrets{kDemoPrescriberPassword, kDemoPatientPassword,
                                         cookie.substr(cookie.find('=') + 1),
                                         patient_cookie.substr(patient_cookie.find('=') + 1), csrf, patient_csrf,
                                         secret};
  std::string everything;
  for (const auto& f : {db, db + "-wal", log, out, err})
    if (std::filesystem::exists(f)) everything += slurp(f);
  EXPECT_GT(slurp(log).size(), 0U) << "the access log was written";
  for (const auto& s : secrets) {
    ASSERT_GE(s.size(), 15U);
    EXPECT_EQ(everything.find(s), std::string::npos) << "found in clear: " << s;
  }
}

// Over TLS: the session cookie is Secure and HSTS is sent; a key that does not
// load is exit 2 naming --tls-cert. The certificate is made for the test by the
// openssl command (scripts/install-deps.sh test installs it).
TEST(TlsProcessTest, HttpsServesSecureCookiesAndHsts) {
  const auto db = temp_db_path(), cert = db + ".crt", key = db + ".key", err = db + ".err";
  const auto make_cert = fmt::format(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost "
      "-keyout {} -out {} 2>/dev/null",
      key, cert);
  ASSERT_EQ(std::system(make_cert.c_str()), 0) << "openssl is needed: scripts/install-deps.sh test";
  const int port = testing::free_port();
  const pid_t pid = testing::spawn({"ketaclinic", "serve", "--demo", "--db", db, "--listen",
                                    fmt::format("127.0.0.1:{}", port), "--access-log", "off", "--tls-cert", cert,
                                    "--tls-key", key});
  httplib::SSLClient c("127.0.0.1", port);
  c.enable_server_certificate_verification(false);  // self-signed, made above
  auto health = c.Get("/healthz");
  for (int i = 0; i < 300 && !health; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    health = c.Get("/healthz");
  }
  ASSERT_TRUE(health);
  EXPECT_NE(health->get_header_value("Strict-Transport-Security").find("max-age="), std::string::npos);
  auto r = c.Post("/api/v1/session", json{{"email", kDemoPrescriber}, {"password", kDemoPrescriberPassword}}.dump(),
                  "application/json");
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
  const auto cookie = r->get_header_value("Set-Cookie");
  for (const char* attribute : {"; Secure", "; HttpOnly", "; SameSite=Strict"})
    EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
  kill(pid, SIGTERM);
  EXPECT_EQ(testing::wait_exit(pid), 0);

  std::ofstream(key) << "not a key";
  EXPECT_EQ(run({"ketaclinic", "serve", "--db", db, "--listen", fmt::format("127.0.0.1:{}", port), "--tls-cert", cert,
                 "--tls-key", key},
                {"", "", err}),
            2);
  EXPECT_NE(slurp(err).find("tls-cert"), std::string::npos) << slurp(err);
  for (const auto& f : {cert, key, err}) std::filesystem::remove(f);
  remove_db(db);
}

}  // namespace
}  // namespace kc::http
