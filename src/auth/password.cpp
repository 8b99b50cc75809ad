#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "auth/secrets.h"
#include "core/contract.h"

namespace kc::auth {
namespace {

constexpr std::string_view kTrailing = "0123456789!@#$%^&*()-_=+.,?~ ";
constexpr std::size_t kMinDistinct = 4;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::unexpected<Error> refuse(std::string message, std::string reason) {
  return fail(ErrorCode::invalid_argument, "password", "password: " + message, std::move(reason));
}

// "Password2024!" and "password" are the same guess to an attacker.
bool common(const std::string& lower, const Blocklist& blocklist) {
  if (blocklist.contains(lower)) return true;
  const auto end = lower.find_last_not_of(kTrailing);
  return end != std::string::npos && end + 1 < lower.size() && blocklist.contains(lower.substr(0, end + 1));
}

// RAII slot of the hashing semaphore.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<64>& s) : s_(s) { s_.acquire(); }
  ~Slot() { s_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<64>& s_;
};

}  // namespace

Blocklist Blocklist::parse(std::string_view text) {
  Blocklist b;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    auto line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') b.words_.insert(lowercase(line));
  }
  return b;
}

Result<void> check_password(std::string_view password, std::string_view email, const PasswordPolicy& policy,
                            const Blocklist& blocklist) {
  const auto length = code_points(password);
  if (length < policy.min_length)
    return refuse(fmt::format("must be at least {} characters (a few words make a good one)", policy.min_length),
                  "password_too_short");
  if (length > policy.max_length)
    return refuse(fmt::format("must be at most {} characters", policy.max_length), "password_too_long");
  const auto lower = lowercase(password);
  if (std::set<char>(lower.begin(), lower.end()).size() < kMinDistinct)
    return refuse("is too repetitive", "password_repetitive");
  if (common(lower, blocklist)) return refuse("is too common; choose another", "password_common");
  const auto local = lowercase(email.substr(0, email.find('@')));
  if (local.size() >= 3 && lower.find(local) != std::string::npos)
    return refuse("must not contain your email address", "password_contains_email");
  return {};
}

PasswordHasher::Cost PasswordHasher::Cost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Cost PasswordHasher::Cost::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

PasswordHasher::PasswordHasher(Cost cost, std::ptrdiff_t max_parallel)
    : cost_(cost), slots_(std::make_unique<std::counting_semaphore<64>>(std::clamp<std::ptrdiff_t>(max_parallel, 1, 64))) {
  KC_EXPECT(crypto_ready(), "libsodium is initialised before hashing (crypto_ready at start-up)");
  SystemRandom random;
  dummy_ = hash(new_secret(random)).value_or("");
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  Slot slot(*slots_);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return fail(ErrorCode::internal, "password", "password: hashing failed (out of memory)");
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  char str[crypto_pwhash_STRBYTES] = {};
  std::copy(encoded.begin(), encoded.end(), str);
  Slot slot(*slots_);
  return crypto_pwhash_str_verify(str, password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const { (void)verify(dummy_, password); }

}  // namespace kc::auth
