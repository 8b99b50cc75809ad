#pragma once
// Passwords: the policy a new password must meet, and Argon2id hashing.
//
// Policy (NIST SP 800-63B-4, 2025, §3.1.1.2): no composition rules; a minimum
// length (15 by default: the revision's minimum for a password that is the only
// factor, as here); at least 64 characters allowed (128 here); refusal of
// common passwords (the blocklist, also with digits or symbols appended:
// "Password2024!"), of repetitive ones (fewer than 4 distinct characters) and
// of passwords containing the account's email local part. Lengths count
// Unicode code points. Errors are invalid_argument on field "password" with
// reasons password_too_short, password_too_long, password_common,
// password_repetitive, password_contains_email.
//
// Hashing: libsodium crypto_pwhash_str (Argon2id, random salt, parameters in
// the encoded string). Hashing takes tens of milliseconds and 64 MiB at the
// interactive cost, so at most `max_parallel` run at once (more would let a
// burst of logins exhaust memory); callers beyond that wait.
#include <cstddef>
#include <memory>
#include <semaphore>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/error.h"

namespace kc::auth {

struct PasswordPolicy {
  std::size_t min_length = 15;
  std::size_t max_length = 128;
};

// Common passwords, compared case-insensitively.
class Blocklist {
 public:
  Blocklist() = default;
  // One password per line; blank lines and lines starting with '#' are skipped.
  static Blocklist parse(std::string_view text);
  bool contains(std::string_view lowercase) const { return words_.contains(std::string(lowercase)); }
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

Result<void> check_password(std::string_view password, std::string_view email, const PasswordPolicy& policy,
                            const Blocklist& blocklist);

class PasswordHasher {
 public:
  struct Cost {
    unsigned long long ops;
    std::size_t mem_bytes;
    static Cost interactive();  // libsodium's recommendation for online logins
    static Cost minimum();      // for tests only: fast, weak
  };
  explicit PasswordHasher(Cost cost = Cost::interactive(), std::ptrdiff_t max_parallel = 4);

  // The encoded hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"); internal error
  // if memory cannot be allocated.
  Result<std::string> hash(std::string_view password) const;
  bool verify(std::string_view encoded, std::string_view password) const;
  // Spends the same effort as verify() against a hash nobody can match, so that
  // an unknown account answers in the same time as a wrong password.
  void verify_dummy(std::string_view password) const;

 private:
  Cost cost_;
  std::string dummy_;
  mutable std::unique_ptr<std::counting_semaphore<64>> slots_;
};

}  // namespace kc::auth
