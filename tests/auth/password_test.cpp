// The password policy (each rule, by its reason) on the shipped list, and
// Argon2id hashing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "auth/password.h"
#include "auth/secrets.h"

namespace kc::auth {
namespace {

const Blocklist& shipped() {
  static const Blocklist list = [] {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/data/security/common_passwords.txt");
    std::stringstream s;
    s << in.rdbuf();
    return Blocklist::parse(s.str());
  }();
  return list;
}

struct Case {
  const char* password;
  const char* reason;  // "" when accepted
};

TEST(PasswordPolicyTest, EachRuleRefusesWithItsReason) {
  const Case cases[] = {
      {"fourteen chars", "password_too_short"},  // 14
      {"fifteen chars!!", ""},                    // 15
      {"ÅÅÅbcdéfghîjklm", ""},                    // 15 code points, more bytes
      {"ÅÅÅbcdéfghîjkl", "password_too_short"},   // 14 code points
      {"passwordpassword", "password_common"},
      {"Password12345678!", "password_common"},   // a listed word with digits and symbols after it
      {"QWERTYUIOPASDFGHJKL", "password_common"},
      {"123456789012345", "password_common"},
      {"correcthorsebatterystaple", "password_common"},
      {"aaaaaaaaaaaaaaaaaaa", "password_repetitive"},
      {"abababababababab", "password_repetitive"},
      {"my name is sam.demo ok", "password_contains_email"},
      {"SAM.DEMO and more words", "password_contains_email"},
      {"four random words here", ""},
  };
  for (const auto& c : cases) {
    auto r = check_password(c.password, "sam.demo@example.com", {}, shipped());
    if (*c.reason == '\0') {
      EXPECT_TRUE(r.has_value()) << c.password << ": " << (r ? "" : r.error().message);
    } else {
      ASSERT_FALSE(r.has_value()) << c.password;
      EXPECT_EQ(r.error().reason, c.reason) << c.password;
      EXPECT_EQ(r.error().field, "password");
      EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    }
  }
  EXPECT_EQ(check_password(std::string(129, 'x') + "abcd", "a@b.c", {}, shipped()).error().reason, "password_too_long");
  EXPECT_TRUE(check_password("short but fine", "a@b.c", {.min_length = 12}, shipped()).has_value());
}

TEST(PasswordPolicyTest, TheShippedListHasSeveralThousandCommonPasswords) {
  EXPECT_GT(shipped().size(), 3000u);
  for (const char* common : {"password", "123456", "qwerty", "iloveyou", "letmein", "dallas", "ketamine", "cowboys"})
    EXPECT_TRUE(shipped().contains(common)) << common;
  const auto parsed = Blocklist::parse("# comment\n\nWinter\r\nspring\n");
  EXPECT_EQ(parsed.size(), 2u);
  EXPECT_TRUE(parsed.contains("winter"));
}

TEST(PasswordHasherTest, Argon2idHashesAreSaltedAndVerify) {
  ASSERT_TRUE(crypto_ready());
  const PasswordHasher hasher(PasswordHasher::Cost::minimum());
  const auto a = hasher.hash("four random words here").value();
  const auto b = hasher.hash("four random words here").value();
  EXPECT_TRUE(a.starts_with("$argon2id$"));
  EXPECT_NE(a, b);  // a fresh salt each time
  EXPECT_EQ(a.find("four random"), std::string::npos);
  EXPECT_TRUE(hasher.verify(a, "four random words here"));
  EXPECT_FALSE(hasher.verify(a, "four random words hers"));
  EXPECT_FALSE(hasher.verify("not a hash", "four random words here"));
  EXPECT_FALSE(hasher.verify(std::string(500, '$'), "x"));
  hasher.verify_dummy("anything");  // must not crash; timing is the point
}

TEST(PasswordHasherTest, TheInteractiveCostIsLibsodiumsRecommendation) {
  const auto cost = PasswordHasher::Cost::interactive();
  EXPECT_GE(cost.ops, 2u);
  EXPECT_GE(cost.mem_bytes, 64u * 1024 * 1024);
}

TEST(SecretsTest, SecretsAreRandomDigestsFixedCsrfBound) {
  ASSERT_TRUE(crypto_ready());
  SystemRandom random;
  const auto a = new_secret(random), b = new_secret(random, "kc_");
  EXPECT_EQ(a.size(), 43u);
  EXPECT_TRUE(b.starts_with("kc_"));
  EXPECT_NE(a, new_secret(random));
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2 example
  EXPECT_EQ(csrf_token_for(a), csrf_token_for(a));
  EXPECT_NE(csrf_token_for(a), csrf_token_for(new_secret(random)));
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "abcd"));
}

}  // namespace
}  // namespace kc::auth
