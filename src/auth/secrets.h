#pragma once
// Secrets and their digests. Session ids and API tokens are 256 random bits
// shown to their owner once and stored only as a SHA-256 digest (a fast hash
// suffices for values with that much entropy; passwords use Argon2id, see
// password.h). CSRF tokens are derived from the session secret with a keyed
// BLAKE2b, so the server stores nothing for them and an attacker who reads the
// database cannot compute them. All functions are thread-safe.
#include <span>
#include <string>
#include <string_view>

namespace kc::auth {

// Where random bytes come from (tests may inject a deterministic source).
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<unsigned char> out) = 0;
};

// libsodium's randombytes_buf (getrandom(2) on Linux).
class SystemRandom final : public Random {
 public:
  void fill(std::span<unsigned char> out) override;
};

// Initialises libsodium once; false if it cannot be used (then nothing here may run).
bool crypto_ready();

// 32 random bytes, URL-safe base64 without padding (43 characters), after `prefix`.
std::string new_secret(Random& random, std::string_view prefix = "");
// Lower-case hex SHA-256 of `text` (64 characters).
std::string sha256_hex(std::string_view text);
// The CSRF token bound to a session secret.
std::string csrf_token_for(std::string_view session_secret);
// Constant-time comparison (lengths are not secret).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace kc::auth
