#pragma once
// The one table from a refused write to the error the API answers with
// (docs/errors.md). A row names a write the store performs ("booking.cells"),
// the constraint that refuses it as the backend names it (statement.h; empty:
// any constraint of that write, or the store's own check such as a version
// that changed), and the error. Every backend answers the same reasons
// because every write goes through this table.
#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "core/error.h"

namespace kc::store::sql {

// The row for `write` refused by `constraint`: an exact match, else the
// write's row for any constraint; nullopt when neither exists.
std::optional<Error> refusal_row(std::string_view write, std::string_view constraint);

// The error for a constraint that refused `write`, its message naming
// `subject` where it has a {}; nullopt when the table does not know it.
std::optional<Error> constraint_refusal(std::string_view write, std::string_view constraint, std::string_view subject);

// The error for `write` refused by the store's own check; `args` fill the
// message's {}. A write the table does not list is a bug (KC_EXPECT).
Error refusal_of(std::string_view write, fmt::format_args args);
template <class... Args>
Error refusal(std::string_view write, const Args&... args) {
  return refusal_of(write, fmt::make_format_args(args...));
}

}  // namespace kc::store::sql
