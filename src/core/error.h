#pragma once
// Expected failures are values (docs/style.md): every fallible function returns
// kc::Result<T>. An Error carries a stable code (asserted by tests and mapped to
// HTTP status / exit code in one place each), the path of the offending field
// (e.g. "weight", "items[8]", "body.start") and a message for humans.
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace kc {

enum class ErrorCode {
  invalid_argument,   // malformed or out-of-range input
  out_of_validity,    // well-formed input outside a model's validated range
  not_found,
  conflict,           // e.g. a slot already taken
  precondition_failed,
  unauthorized,
  forbidden,
  too_large,
  rate_limited,
  unavailable,
  internal,
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string field;    // path of the offending input; empty when not about one field
  std::string message;  // human-readable, names the field where there is one
  // Optional stable refinement of `code` that clients may branch on, e.g. "slot_taken"
  // under ErrorCode::conflict; empty when the code says it all. Defaulted so that
  // `Error{code, field, message}` stays valid.
  std::string reason = {};
};

template <class T>
using Result = std::expected<T, Error>;

// Builds the error side of a Result: `return kc::fail(ErrorCode::invalid_argument, "weight", "...");`
inline std::unexpected<Error> fail(ErrorCode code, std::string field, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(field), std::move(message)});
}

// Same, with a stable refinement: `fail(ErrorCode::conflict, "start", "...", "slot_taken")`.
inline std::unexpected<Error> fail(ErrorCode code, std::string field, std::string message,
                                   std::string reason) {
  return std::unexpected<Error>(Error{code, std::move(field), std::move(message), std::move(reason)});
}

// Same error with its field path placed under a prefix ("regimen[2]" + "dose").
Error nest(Error error, std::string_view prefix);

// The message without its leading "field: ", to restate it under another name.
std::string_view detail_of(const Error& error);

}  // namespace kc

// Forwarding an error without writing it out, inside a function that returns a
// Result: KC_TRY(auto id, id_param(r, "id")) evaluates the Result once, returns
// its error if it holds one, and otherwise declares `id` from its value.
// KC_CHECK(expr) does the same for a Result<void>.
#define KC_CAT_INNER_(a, b) a##b
#define KC_CAT_(a, b) KC_CAT_INNER_(a, b)
#define KC_TRY_WITH_(tmp, decl, expr)                                \
  auto tmp = (expr);                                                 \
  if (!tmp) return std::unexpected<::kc::Error>(std::move(tmp).error()); \
  decl = std::move(*tmp)
#define KC_TRY(decl, expr) KC_TRY_WITH_(KC_CAT_(kc_try_, __LINE__), decl, expr)
#define KC_CHECK(expr)                                                                \
  do {                                                                                \
    if (auto kc_check_ = (expr); !kc_check_)                                          \
      return std::unexpected<::kc::Error>(std::move(kc_check_).error());              \
  } while (false)
