#pragma once
// Invariants that stay checked in release builds. `assert` is compiled out by
// NDEBUG in every preset we ship, so a broken invariant there would run on with
// wrong numbers; KC_EXPECT stops the process with the condition, the file and
// line and a message instead. For programming errors only: anything a user or a
// file can cause is an Error value (error.h), never a contract.
#include <source_location>

namespace kc::detail {
[[noreturn]] void contract_failed(const char* condition, const char* message, std::source_location where);
}  // namespace kc::detail

#define KC_EXPECT(condition, message)                                                 \
  do {                                                                                 \
    if (!(condition)) [[unlikely]]                                                     \
      ::kc::detail::contract_failed(#condition, message, std::source_location::current()); \
  } while (false)
