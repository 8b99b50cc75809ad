// 32 clients race for the same 20 slots over real HTTP: exactly 20 bookings
// exist afterwards, every loser got 409 slot_taken, and no row is orphaned.
#include <algorithm>
#include <random>

#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

constexpr int kClients = 32;

// The 32 clients all connect from 127.0.0.1: one address, over the default
// per-client connection cap, which this test is not about.
class RaceTest : public ApiServerTest {
 protected:
  void SetUp() override { start({.max_connections_per_client = 0}); }
};

// 20 consultations at Allen that do not overlap (60 min + 10 min notes, one
// consultation room): eight a day on Mon 11-30 and Tue 12-01, four on Wed 12-02.
std::vector<std::string> twenty_slots() {
  std::vector<std::string> out;
  for (const char* day : {"2026-11-30", "2026-12-01", "2026-12-02"})
    for (const char* time : {"08:00", "09:15", "10:30", "11:45", "13:00", "14:15", "15:30", "16:45"})
      if (out.size() < 20) out.push_back(fmt::format("{}T{}:00-06:00", day, time));
  return out;
}

TEST_F(RaceTest, ThirtyTwoClientsRaceForTwentySlots) {
  const auto slots = twenty_slots();
  std::vector<std::int64_t> patient_ids;
  for (int i = 0; i < kClients; ++i) patient_ids.push_back(create_patient(fmt::format("Racer{}", i))["id"]);
  std::atomic<int> created{0}, taken{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      auto order = slots;
      std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<unsigned>(i)));
      auto c = client();
      for (const auto& start : order) {
        const json body = {{"patient_id", patient_ids[i]}, {"location", "allen"}, {"type", "consultation"}, {"start", start}};
        auto r = c.Post("/api/v1/appointments", body.dump(), "application/json");
        if (r && r->status == 201) ++created;
        else if (r && r->status == 409 && json::parse(r->body)["code"] == "slot_taken") ++taken;
        else ++other;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(created, 20);
  EXPECT_EQ(taken, kClients * 20 - 20);
  EXPECT_EQ(other, 0);
  using testing::count;
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 20);
  EXPECT_EQ(count(path, "SELECT count(DISTINCT start_s) FROM appointments"), 20);
  // Each consultation holds the room and the prescriber for 70 min and the
  // patient for 60: 14 + 14 + 12 cells, and nothing else.
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservation_cells"), 20 * (14 + 14 + 12));
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservations"), 20 * 3);
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointment_events"), 20);
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservation_cells c LEFT JOIN appointments a ON a.id = c.appointment_id "
                        "WHERE a.id IS NULL OR a.status <> 'booked'"), 0);
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservations r LEFT JOIN appointments a ON a.id = r.appointment_id "
                        "WHERE a.id IS NULL"), 0);
  EXPECT_EQ(count(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

}  // namespace
}  // namespace kc::http
