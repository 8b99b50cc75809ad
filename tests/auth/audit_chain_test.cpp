// The audit hash chain: every field is covered by the hash, and an edited,
// deleted or re-linked entry is found by the verifier.
#include <gtest/gtest.h>

#include <functional>

#include "auth/audit.h"
#include "auth/secrets.h"

namespace kc::auth {
namespace {

AuditEntry entry(std::int64_t id) {
  AuditEntry e;
  e.id = id;
  e.at = clinic::Instant{std::chrono::seconds(1'800'000'000 + id)};
  e.actor_kind = "staff";
  e.actor_id = "3";
  e.actor_roles = "front_desk";
  e.client = "127.0.0.1";
  e.action = "read";
  e.resource_kind = "appointment";
  e.resource_id = std::to_string(id * 10);
  e.patient_id = 7;
  e.operation = "getAppointment";
  e.status = 200;
  return e;
}

std::vector<AuditEntry> chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    auto e = entry(i);
    e.prev_hash = prev;
    e.hash = chain_hash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

ChainVerifier verify(const std::vector<AuditEntry>& entries) {
  ChainVerifier v;
  for (const auto& e : entries) v.add(e);
  return v;
}

TEST(AuditChainTest, EveryFieldIsCoveredByTheHash) {
  ASSERT_TRUE(crypto_ready());
  const auto base = chain(1).front();
  const std::vector<std::function<void(AuditEntry&)>> edits = {
      [](AuditEntry& e) { e.id = 2; },
      [](AuditEntry& e) { e.at += std::chrono::seconds(1); },
      [](AuditEntry& e) { e.actor_kind = "patient"; },
      [](AuditEntry& e) { e.actor_id = "4"; },
      [](AuditEntry& e) { e.actor_roles = "admin"; },
      [](AuditEntry& e) { e.client = "10.0.0.1"; },
      [](AuditEntry& e) { e.action = "update"; },
      [](AuditEntry& e) { e.resource_kind = "patient"; },
      [](AuditEntry& e) { e.resource_id = "11"; },
      [](AuditEntry& e) { e.patient_id.reset(); },
      [](AuditEntry& e) { e.operation = "changeAppointment"; },
      [](AuditEntry& e) { e.outcome = Outcome::denied; },
      [](AuditEntry& e) { e.status = 403; },
      [](AuditEntry& e) { e.prev_hash = std::string(64, '1'); },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    auto e = base;
    edits[i](e);
    EXPECT_NE(chain_hash(e), base.hash) << "edit " << i;
  }
  // Length prefixes: moving text between neighbouring fields changes the hash.
  auto shifted = base;
  shifted.actor_kind = "staff3";
  shifted.actor_id = "";
  EXPECT_NE(chain_hash(shifted), base.hash);
}

TEST(AuditChainTest, AnIntactChainVerifiesAndReportsItsHead) {
  const auto entries = chain(5);
  const auto v = verify(entries);
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.count(), 5);
  EXPECT_EQ(v.head(), entries.back().hash);
}

TEST(AuditChainTest, AnEditedEntryIsFound) {
  auto entries = chain(5);
  entries[2].outcome = Outcome::allowed;
  entries[2].status = 200;
  entries[2].actor_id = "99";
  const auto v = verify(entries);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.count(), 2);
  EXPECT_NE(v.problem().find("entry 3"), std::string::npos) << v.problem();
}

TEST(AuditChainTest, ADeletedEntryIsFoundEvenIfTheNextIsRelinked) {
  auto entries = chain(5);
  entries.erase(entries.begin() + 1);
  EXPECT_FALSE(verify(entries).intact());
  entries[1].prev_hash = entries[0].hash;  // an attacker re-links entry 3 to entry 1 ...
  entries[1].hash = chain_hash(entries[1]);
  const auto v = verify(entries);
  EXPECT_FALSE(v.intact());  // ... and the id gap still shows
  EXPECT_NE(v.problem().find("missing"), std::string::npos) << v.problem();
}

TEST(AuditChainTest, AnEntryWithAForeignLinkIsFound) {
  auto entries = chain(3);
  entries[2].prev_hash = entries[0].hash;
  entries[2].hash = chain_hash(entries[2]);
  EXPECT_FALSE(verify(entries).intact());
}

TEST(AuditChainTest, OutcomesFollowTheStatus) {
  EXPECT_EQ(outcome_for_status(200), Outcome::allowed);
  EXPECT_EQ(outcome_for_status(204), Outcome::allowed);
  EXPECT_EQ(outcome_for_status(401), Outcome::denied);
  EXPECT_EQ(outcome_for_status(403), Outcome::denied);
  EXPECT_EQ(outcome_for_status(429), Outcome::denied);
  EXPECT_EQ(outcome_for_status(404), Outcome::failed);
  EXPECT_EQ(outcome_for_status(503), Outcome::failed);
  EXPECT_EQ(parse_outcome("denied"), Outcome::denied);
  EXPECT_FALSE(parse_outcome("maybe"));
}

}  // namespace
}  // namespace kc::auth
