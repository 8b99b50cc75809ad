#include "auth/secrets.h"

#include <sodium.h>

#include <array>

#include "core/contract.h"

namespace kc::auth {
namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr std::string_view kCsrfContext = "ketaclinic csrf v1";

std::string base64url(std::span<const unsigned char> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

}  // namespace

void SystemRandom::fill(std::span<unsigned char> out) {
  KC_EXPECT(crypto_ready(), "libsodium is initialised before making secrets (crypto_ready at start-up)");
  randombytes_buf(out.data(), out.size());
}

bool crypto_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string new_secret(Random& random, std::string_view prefix) {
  std::array<unsigned char, kSecretBytes> bytes{};
  random.fill(bytes);
  auto out = std::string(prefix) + base64url(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return out;
}

std::string sha256_hex(std::string_view text) {
  KC_EXPECT(crypto_ready(), "libsodium is initialised before making secrets (crypto_ready at start-up)");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return hex(digest);
}

std::string csrf_token_for(std::string_view session_secret) {
  KC_EXPECT(crypto_ready(), "libsodium is initialised before making secrets (crypto_ready at start-up)");
  // The session secret (43 characters) is the key: within BLAKE2b's 16..64 bytes.
  KC_EXPECT(session_secret.size() >= crypto_generichash_KEYBYTES_MIN && session_secret.size() <= crypto_generichash_KEYBYTES_MAX, "a session secret of a keyed-hash key size");
  std::array<unsigned char, kSecretBytes> mac{};
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(kCsrfContext.data()),
                     kCsrfContext.size(), reinterpret_cast<const unsigned char*>(session_secret.data()),
                     session_secret.size());
  return base64url(mac);
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kc::auth
