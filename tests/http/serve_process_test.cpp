// The `ketaclinic` binary itself: `serve --demo` starts, answers, and on
// SIGTERM finishes in-flight requests, closes the database cleanly (no WAL
// left behind) and exits 0; `--request-timeout` and
// `--max-connections-per-client` reach the server; `db migrate` and
// `db backup` work on files; a server killed while it seeds the demo leaves
// no half-seeded database behind.
#include "process.h"
#include "raw_client.h"
#include "server_fixture.h"
#include "store/sqlite/migrations.h"

namespace kc::http {
namespace {

using store::sqlite::testing::count;
using store::sqlite::testing::remove_db;
using store::sqlite::testing::temp_db_path;
using testing::free_port;
using testing::spawn;
using testing::wait_exit;
using testing::wait_healthy;

TEST(ServeProcessTest, SigtermFinishesRequestsAndClosesTheDatabase) {
  const auto db = temp_db_path();
  const int port = free_port();
  const pid_t pid = spawn({"ketaclinic", "serve", "--demo", "--db", db, "--listen", fmt::format("127.0.0.1:{}", port),
                           "--access-log", "off"});
  ASSERT_TRUE(wait_healthy(port));
  std::atomic<bool> stop{false};
  std::atomic<int> complete{0}, broken{0};
  std::thread load([&] {
    httplib::Client c("127.0.0.1", port);
    while (!stop) {
      auto r = c.Get("/api/v1/availability?location=dallas&type=infusion");
      if (!r) break;  // refused once the server has gone: fine
      if (r->status == 200 && nlohmann::json::parse(r->body, nullptr, false).is_object()) ++complete;
      else ++broken;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_exit(pid), 0);
  stop = true;
  load.join();
  EXPECT_GT(complete, 0);
  EXPECT_EQ(broken, 0);
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
  EXPECT_EQ(count(db, "SELECT count(*) FROM locations"), 4);
  EXPECT_GT(count(db, "SELECT count(*) FROM appointments"), 20);
  remove_db(db);
}

TEST(ServeProcessTest, ConnectionLimitsComeFromTheOptions) {
  using namespace std::chrono_literals;
  const auto db = temp_db_path();
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "serve", "--db", db, "--request-timeout", "0s"})), 2);
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "serve", "--db", db, "--max-connections-per-client", "-1"})), 2);
  const int port = free_port();
  const pid_t pid = spawn({"ketaclinic", "serve", "--db", db, "--listen", fmt::format("127.0.0.1:{}", port),
                           "--access-log", "off", "--request-timeout", "1s", "--max-connections-per-client", "1"});
  ASSERT_TRUE(wait_healthy(port));
  testing::RawClient held(port, "127.0.0.2");
  ASSERT_TRUE(held.send("GET /healthz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(200ms);
  testing::RawClient extra(port, "127.0.0.2");
  ASSERT_TRUE(extra.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(testing::status_of(extra.read_response(5s)), 503);
  EXPECT_EQ(testing::status_of(held.read_response(10s)), 408);  // its second ran out
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_exit(pid), 0);
  remove_db(db);
}

// --compress-api-min reaches the server: the OpenAPI document (large JSON) comes
// compressed only when asked for; a bad value is refused.
TEST(ServeProcessTest, ApiCompressionComesFromTheOption) {
  using namespace std::chrono_literals;
  const auto db = temp_db_path();
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "serve", "--db", db, "--compress-api-min", "-1"})), 2);
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "serve", "--db", db, "--compress-api-min", "1kB"})), 2);
  for (const std::string min : {"0", "1024"}) {
    const int port = free_port();
    const pid_t pid = spawn({"ketaclinic", "serve", "--db", db, "--listen", fmt::format("127.0.0.1:{}", port),
                             "--access-log", "off", "--compress-api-min", min});
    ASSERT_TRUE(wait_healthy(port));
    testing::RawClient c(port);
    ASSERT_TRUE(c.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"));
    const auto response = c.read_to_end(10s);
    EXPECT_EQ(testing::status_of(response), 200) << min;
    EXPECT_EQ(response.find("Content-Encoding: gzip\r\n") != std::string::npos, min == "1024") << min;
    kill(pid, SIGTERM);
    EXPECT_EQ(wait_exit(pid), 0);
  }
  remove_db(db);
}

// What a database holds after a demo seed: locations, patients, accounts.
std::string seeded_counts(const std::string& db) {
  return fmt::format("{} locations, {} patients, {} accounts", count(db, "SELECT count(*) FROM locations"),
                     count(db, "SELECT count(*) FROM patients"), count(db, "SELECT count(*) FROM accounts"));
}

// Starts `serve --demo` on `db` until it answers, then stops it.
void serve_demo_once(const std::string& db) {
  const int port = free_port();
  const pid_t pid = spawn({"ketaclinic", "serve", "--demo", "--db", db, "--listen", fmt::format("127.0.0.1:{}", port),
                           "--access-log", "off"});
  ASSERT_TRUE(wait_healthy(port));
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_exit(pid), 0);
}

// kill -9 at moments spread over the seed (about 0.9 s here), on a new file
// and on one migrated beforehand: the restart has the whole demo, never part.
TEST(ServeProcessTest, KillDuringDemoSeedLeavesNoHalfSeed) {
  const auto reference = temp_db_path();
  serve_demo_once(reference);
  const auto expected = seeded_counts(reference);
  remove_db(reference);
  for (int delay_ms = 0; delay_ms <= 1050; delay_ms += 150) {
    const auto db = temp_db_path();
    if (delay_ms % 300 == 0) {
      ASSERT_EQ(testing::run({"ketaclinic", "db", "migrate", "--db", db}), 0);
    }
    const pid_t pid = spawn({"ketaclinic", "serve", "--demo", "--db", db, "--listen",
                             fmt::format("127.0.0.1:{}", free_port()), "--access-log", "off"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    wait_exit(pid);
    serve_demo_once(db);
    EXPECT_EQ(seeded_counts(db), expected) << "killed after " << delay_ms << " ms";
    EXPECT_FALSE(std::filesystem::exists(db + ".seeding")) << delay_ms;
    remove_db(db);
    remove_db(db + ".seeding");
  }
}

TEST(ServeProcessTest, DbMigrateAndBackupCommands) {
  const auto db = temp_db_path(), copy = temp_db_path();
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "db", "migrate", "--db", db})), 0);
  EXPECT_EQ(count(db, "PRAGMA user_version"), kc::store::sqlite::latest_version());
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "db", "--db", db, "status"})), 0);
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "db", "backup", "--db", db, copy})), 0);
  EXPECT_EQ(count(copy, "PRAGMA user_version"), kc::store::sqlite::latest_version());
  EXPECT_EQ(wait_exit(spawn({"ketaclinic", "serve", "--listen", "nonsense"})), 2);
  remove_db(db);
  remove_db(copy);
}

}  // namespace
}  // namespace kc::http
