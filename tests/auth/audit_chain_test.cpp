// The audit hash chain: every field is covered by the hash, both formulas are
// pinned to known values (so old trails keep verifying), and an edited,
// deleted, re-linked or retyped entry, a lowered or missing high-water mark,
// and a chain that lost an anchor are found by the verifier.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <functional>

#include "auth/audit.h"
#include "auth/secrets.h"

namespace kc::auth {
namespace {

AuditEntry entry(std::int64_t id, int hash_version = kTypedHash) {
  AuditEntry e;
  e.hash_version = hash_version;
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

// Entries 1..n; the first `untyped` of them by formula 1, as before migration 7.
std::vector<AuditEntry> chain(int n, int untyped = 0) {
  std::vector<AuditEntry> out;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    auto e = entry(i, i <= untyped ? kUntypedHash : kTypedHash);
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
  for (int version : {kUntypedHash, kTypedHash}) {
    SCOPED_TRACE(version);
    const auto base = chain(1, version == kUntypedHash ? 1 : 0).front();
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
    auto rehashed = base;  // the same fields by the other formula
    rehashed.hash_version = version == kUntypedHash ? kTypedHash : kUntypedHash;
    EXPECT_NE(chain_hash(rehashed), base.hash);
  }
}

// Both formulas as an auditor can recompute them outside this program
// (docs/security.md); the values were computed independently (Python
// hashlib), formula 1 checked against entries written by the code before
// migration 7. A change here would break every existing trail.
TEST(AuditChainTest, BothFormulasAreThePublishedOnes) {
  auto e = entry(1, kUntypedHash);
  e.prev_hash = kGenesisHash;
  EXPECT_EQ(chain_hash(e), "721cd8e42f7c20309a3d013c0b0ac4f72e1f24ca684e7695754efc157b070324");
  e.hash_version = kTypedHash;
  EXPECT_EQ(chain_hash(e), "16748c4b534cf81dd3bc2c43ec022f14c91199ea35813236176016e153453e91");
}

TEST(AuditChainTest, TheTypedFormulaTellsNoPatientFromAnEmptyField) {
  auto e = entry(1);
  e.patient_id.reset();
  const auto none = chain_hash(e);
  e.patient_id = 0;
  EXPECT_NE(chain_hash(e), none);
}

// A chain written before migration 7 (formula 1) continues with formula 2;
// going back to formula 1 afterwards is a break, and so is an unknown formula.
TEST(AuditChainTest, FormulasChangeOnceForwardAlongTheChain) {
  const auto mixed = chain(5, 3);
  const auto v = verify(mixed);
  EXPECT_TRUE(v.intact()) << v.problem();
  EXPECT_EQ(v.count(), 5);

  auto back = chain(5, 3);
  back[4].hash_version = kUntypedHash;  // rehashed by the old formula after a typed entry
  back[4].hash = chain_hash(back[4]);
  EXPECT_NE(verify(back).problem().find("entry 5: hashed by formula 1"), std::string::npos) << verify(back).problem();

  auto unknown = chain(2);
  unknown[1].hash_version = 3;
  EXPECT_NE(verify(unknown).problem().find("formula 3"), std::string::npos) << verify(unknown).problem();
}

// The store reports how each column is stored; any other storage class than
// the written one is a break, whatever the value converts to (the text
// "4 (hidden)" reads as patient 4, and matched formula 1's hash).
TEST(AuditChainTest, AColumnOfAnotherTypeThanWrittenIsABreak) {
  const auto entries = chain(3, 3);  // formula 1, where the hash alone cannot see it
  const auto written = written_types(entries[1]);
  EXPECT_EQ(written[9], StoredType::integer);  // patient_id
  EXPECT_EQ(written[2], StoredType::text);     // actor_kind
  for (std::size_t column = 0; column < kAuditColumns.size(); ++column) {
    for (auto type : {StoredType::null, StoredType::integer, StoredType::real, StoredType::text, StoredType::blob}) {
      if (type == written[column]) continue;
      SCOPED_TRACE(fmt::format("{} as {}", kAuditColumns[column], to_string(type)));
      ChainVerifier v;
      ASSERT_TRUE(v.add(entries[0]));
      StoredEntry retyped{entries[1], written};
      retyped.types[column] = type;
      EXPECT_FALSE(v.add(retyped));
      EXPECT_NE(v.problem().find(fmt::format("entry 2: {} is stored as {}", kAuditColumns[column], to_string(type))),
                std::string::npos)
          << v.problem();
    }
  }
  auto without_patient = entries[0];
  without_patient.patient_id.reset();
  EXPECT_EQ(written_types(without_patient)[9], StoredType::null);
}

TEST(AuditChainTest, TheHighWaterMarkMustMatchTheNewestEntry) {
  struct Case {
    const char* name;
    HighWater high;
    const char* problem;  // "" when intact
  };
  const Case cases[] = {
      {"consistent", {3, 3}, ""},
      {"no entry ever", {0, 0}, "below"},
      {"the newest two removed", {5, 5}, "entries 4 to 5 are missing"},
      {"and sqlite_sequence reset", {5, 3}, "entries 4 to 5 are missing"},
      {"the mark reset, not sqlite_sequence", {3, 5}, "entries 4 to 5 are missing"},
      {"the mark lowered", {2, 3}, "below the newest entry 3"},
      {"the mark deleted", {std::nullopt, 3}, "high-water mark"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto v = verify(chain(3));
    EXPECT_EQ(v.finish(c.high), std::string_view(c.problem).empty());
    if (*c.problem != '\0') {
      EXPECT_NE(v.problem().find(c.problem), std::string::npos) << v.problem();
    }
  }
  ChainVerifier empty;
  EXPECT_TRUE(empty.finish({0, 0}));
}

TEST(AuditChainTest, AnchorsMustBeOnTheChainAndReached) {
  const auto entries = chain(5);
  auto with = [&](std::vector<Anchor> anchors, std::size_t upto) {
    ChainVerifier v;
    v.expect(std::move(anchors));
    for (std::size_t i = 0; i < upto; ++i) v.add(entries[i]);
    v.finish({static_cast<std::int64_t>(upto), static_cast<std::int64_t>(upto)});
    return v;
  };
  const Anchor second{2, entries[1].hash}, head{5, entries[4].hash};
  EXPECT_TRUE(with({head, second}, 5).intact());
  EXPECT_EQ(with({head, second}, 5).anchors_checked(), 2u);
  EXPECT_TRUE(with({{0, std::string(kGenesisHash)}}, 0).intact());

  const auto cut = with({second, head}, 3);  // the newest two removed, the high-water mark lowered to match
  EXPECT_FALSE(cut.intact());
  EXPECT_NE(cut.problem().find("entry 5 of the anchor"), std::string::npos) << cut.problem();

  const auto rewritten = with({{2, std::string(64, 'a')}}, 5);
  EXPECT_FALSE(rewritten.intact());
  EXPECT_NE(rewritten.problem().find("entry 2: its hash differs from the anchor"), std::string::npos)
      << rewritten.problem();
  EXPECT_FALSE(with({{0, std::string(64, 'a')}}, 5).intact());
}

TEST(AuditChainTest, AVerifierContinuesFromAnEntryAlreadyChecked) {
  const auto entries = chain(5);
  ChainVerifier v(Anchor{3, entries[2].hash});
  EXPECT_TRUE(v.add(entries[3]));
  EXPECT_TRUE(v.add(entries[4]));
  EXPECT_TRUE(v.finish({5, 5}));
  EXPECT_EQ(v.count(), 2);
  EXPECT_EQ(v.head_anchor(), (Anchor{5, entries[4].hash}));
  ChainVerifier elsewhere(Anchor{3, entries[1].hash});
  EXPECT_FALSE(elsewhere.add(entries[3]));
}

TEST(AuditAnchorTest, AnchorsParseAsPrintedAndNameTheBadLine) {
  const std::string hash(64, 'c');
  EXPECT_EQ(parse_anchor("12:" + hash, "anchor").value(), (Anchor{12, hash}));
  EXPECT_EQ(parse_anchor(fmt::format("0:{}", kGenesisHash), "anchor").value().id, 0);
  for (const std::string& bad : std::vector<std::string>{"", "nonsense", "12", "12:", ":" + hash, "-1:" + hash, "0:" + hash, "1x:" + hash,
                                "12:" + std::string(63, 'c'), "12:" + std::string(64, 'C'), "12:" + hash + "0"}) {
    SCOPED_TRACE(bad);
    auto r = parse_anchor(bad, "anchor");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, "anchor");
  }
  const auto line = anchor_line({7, hash}, clinic::Instant{std::chrono::seconds(1'800'000'000)});
  EXPECT_EQ(line, "7:" + hash + " 2027-01-15T08:00:00Z\n");
  const auto file = "# anchors of clinic.db\n\n" + line + "  8:" + hash + "\r\n9:" + hash;
  const auto anchors = parse_anchor_lines(file, "anchors.txt").value();
  ASSERT_EQ(anchors.size(), 3u);
  EXPECT_EQ(anchors[0], (Anchor{7, hash}));
  EXPECT_EQ(anchors[2].id, 9);
  auto bad = parse_anchor_lines(line + "8:" + hash + "\nnot an anchor\n", "anchors.txt");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "anchors.txt:3");
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
