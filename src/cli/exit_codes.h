#pragma once
// The one place that maps error codes to process exit codes (docs/style.md):
// 0 success, 2 usage or input error (message names the argument, nothing on
// stdout), 1 internal error.
#include <string_view>

#include "core/error.h"

namespace kc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitUsage = 2;

int exit_code_for(ErrorCode code);

// Prints "ketaclinic COMMAND: error: MESSAGE" to stderr and returns the exit code.
int report(std::string_view command, const Error& error);

}  // namespace kc::cli
