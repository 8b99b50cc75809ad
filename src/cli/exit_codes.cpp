#include "cli/exit_codes.h"

#include <fmt/format.h>

#include <cstdio>

namespace kc::cli {

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::internal:
    case ErrorCode::unavailable:
      return kExitInternal;
    default:
      return kExitUsage;
  }
}

int report(std::string_view command, const Error& error) {
  fmt::print(stderr, "ketaclinic {}: error: {}\n", command, error.message);
  return exit_code_for(error.code);
}

}  // namespace kc::cli
