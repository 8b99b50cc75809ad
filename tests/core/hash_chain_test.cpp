// The generic hash chain (core/hash_chain.h) with SHA-256 from libsodium: the
// canonical form byte for byte, hashes pinned to values computed outside this
// program, and the first bad entry of an edited, shortened, re-linked or
// foreign chain.
#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/hash_chain.h"

namespace kc {
namespace {

const std::string kGenesis(64, '0');

std::string sha256(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;
  EXPECT_TRUE(ready);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += kDigits[b >> 4];
    hex += kDigits[b & 15];
  }
  return hex;
}

// A ledger-like entry: a drug and an amount, or no amount.
CanonicalForm fields(std::int64_t id, std::optional<std::int64_t> amount_mg,
                     CanonicalForm::Tags tags = CanonicalForm::Tags::typed) {
  CanonicalForm form("kc-test;", tags);
  form.integer(id).text("ketamine").optional_integer(amount_mg);
  return form;
}

struct Stored {
  std::int64_t id;
  std::string prev_hash, hash;
  std::optional<std::int64_t> amount_mg;
};

// Entries 1..n, each linked to the one before, amounts 100, 200, ...
std::vector<Stored> chain(int n) {
  std::vector<Stored> out;
  std::string prev = kGenesis;
  for (int i = 1; i <= n; ++i) {
    Stored s{i, prev, "", i * 100};
    s.hash = link_hash(sha256, fields(i, s.amount_mg), prev);
    prev = s.hash;
    out.push_back(s);
  }
  return out;
}

HashChain verify(const std::vector<Stored>& entries, ChainHead start = {0, kGenesis}) {
  HashChain c(sha256, std::move(start));
  for (const auto& s : entries) c.add({s.id, s.prev_hash, s.hash, fields(s.id, s.amount_mg)});
  return c;
}

TEST(HashChainTest, TheCanonicalFormIsLengthPrefixedAndTypedOnRequest) {
  EXPECT_EQ(fields(1, 500).bytes(), "kc-test;i1:1;t8:ketamine;i3:500;");
  EXPECT_EQ(fields(2, std::nullopt).bytes(), "kc-test;i1:2;t8:ketamine;n0:;");
  EXPECT_EQ(fields(1, 500, CanonicalForm::Tags::untyped).bytes(), "kc-test;1:1;8:ketamine;3:500;");
  EXPECT_EQ(fields(1, std::nullopt, CanonicalForm::Tags::untyped).bytes(), "kc-test;1:1;8:ketamine;0:;");
  // Moving text between neighbouring fields changes the form.
  CanonicalForm ab_c("", CanonicalForm::Tags::untyped), a_bc("", CanonicalForm::Tags::untyped);
  EXPECT_NE(ab_c.text("ab").text("c").bytes(), a_bc.text("a").text("bc").bytes());
  // Only the typed form tells the integer 4 from the text "4", and null from "".
  auto form = [](CanonicalForm::Tags tags) { return CanonicalForm("", tags); };
  EXPECT_EQ(form(CanonicalForm::Tags::untyped).integer(4).bytes(), form(CanonicalForm::Tags::untyped).text("4").bytes());
  EXPECT_NE(form(CanonicalForm::Tags::typed).integer(4).bytes(), form(CanonicalForm::Tags::typed).text("4").bytes());
  EXPECT_NE(form(CanonicalForm::Tags::typed).null().bytes(), form(CanonicalForm::Tags::typed).text("").bytes());
  EXPECT_EQ(form(CanonicalForm::Tags::typed).integer(-12).bytes(), "i3:-12;");
}

// Computed with `printf '%s' 'kc-test;i1:1;t8:ketamine;i3:500;t64:000…0;' | sha256sum`
// (64 zeros), and the second from the first's hash in the same way.
TEST(HashChainTest, HashesAreTheSha256OfTheFieldsFollowedByTheLink) {
  const auto first = link_hash(sha256, fields(1, 500), kGenesis);
  EXPECT_EQ(first, "86cfbca0e31bc27e0f7117f544c080255a494cb063263158250cf360440a3074");
  EXPECT_EQ(link_hash(sha256, fields(2, std::nullopt), first),
            "888fd895a9253198e287ea4ba8f3167004ede92012dac223a8997fb825e20254");
  EXPECT_EQ(link_hash(sha256, fields(1, 500, CanonicalForm::Tags::untyped), kGenesis),
            "0c28dfe51ec040d20e9ace61965cc84ecbcf7dcfdb4c4df46b87bb2509e5eaaa");
  HashChain c(sha256, {0, kGenesis});
  EXPECT_EQ(c.next_hash(fields(1, 500)), first);
}

TEST(HashChainTest, AnIntactChainVerifiesToItsHead) {
  const auto entries = chain(5);
  const auto c = verify(entries);
  EXPECT_FALSE(c.first_break().has_value());
  EXPECT_EQ(c.head(), (ChainHead{5, entries.back().hash}));
  EXPECT_EQ(verify({}).head(), (ChainHead{0, kGenesis}));
}

TEST(HashChainTest, TheFirstBadEntryIsReportedWithHowItBroke) {
  struct Case {
    const char* name;
    std::function<void(std::vector<Stored>&)> tamper;
    ChainBreak::Kind kind;
    std::int64_t id, after_id;
  };
  const std::vector<Case> cases = {
      {"an amount edited", [](auto& e) { e[2].amount_mg = 900; }, ChainBreak::Kind::content, 3, 2},
      {"a hash replaced", [](auto& e) { e[3].hash = std::string(64, 'f'); }, ChainBreak::Kind::content, 4, 3},
      {"an entry removed", [](auto& e) { e.erase(e.begin() + 1); }, ChainBreak::Kind::gap, 3, 1},
      {"removed and the next re-linked",
       [](auto& e) {
         e.erase(e.begin() + 1);
         e[1].prev_hash = e[0].hash;
         e[1].hash = link_hash(sha256, fields(e[1].id, e[1].amount_mg), e[1].prev_hash);
       },
       ChainBreak::Kind::gap, 3, 1},
      {"an entry repeated", [](auto& e) { e.insert(e.begin() + 2, e[1]); }, ChainBreak::Kind::gap, 2, 2},
      {"linked to an older entry",
       [](auto& e) {
         e[2].prev_hash = e[0].hash;
         e[2].hash = link_hash(sha256, fields(3, e[2].amount_mg), e[2].prev_hash);
       },
       ChainBreak::Kind::link, 3, 2},
      {"two edits: the first counts",
       [](auto& e) {
         e[1].amount_mg = 1;
         e[3].amount_mg = 1;
       },
       ChainBreak::Kind::content, 2, 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto entries = chain(5);
    c.tamper(entries);
    const auto v = verify(entries);
    ASSERT_TRUE(v.first_break().has_value());
    EXPECT_EQ(v.first_break()->kind, c.kind);
    EXPECT_EQ(v.first_break()->id, c.id);
    EXPECT_EQ(v.first_break()->after_id, c.after_id);
    EXPECT_EQ(v.head().id, c.after_id);  // nothing after the break was accepted
    EXPECT_NE(describe(*v.first_break()).find(std::to_string(c.id)), std::string::npos);
  }
}

TEST(HashChainTest, AChainContinuesFromAnEntryVerifiedBefore) {
  const auto entries = chain(5);
  const std::vector<Stored> rest(entries.begin() + 3, entries.end());
  const auto v = verify(rest, {3, entries[2].hash});
  EXPECT_FALSE(v.first_break().has_value());
  EXPECT_EQ(v.head().id, 5);
  const auto elsewhere = verify(rest, {3, entries[1].hash});
  ASSERT_TRUE(elsewhere.first_break().has_value());
  EXPECT_EQ(elsewhere.first_break()->kind, ChainBreak::Kind::link);
  EXPECT_EQ(elsewhere.first_break()->id, 4);
}

}  // namespace
}  // namespace kc
