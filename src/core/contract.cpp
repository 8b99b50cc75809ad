#include "core/contract.h"

#include <cstdio>
#include <cstdlib>

namespace kc::detail {

// The one place the core writes outside memory: the last words of a process
// whose invariant broke (tests/core/layering_test.cpp declares it).
void contract_failed(const char* condition, const char* message, std::source_location where) {
  std::fprintf(stderr, "ketaclinic: contract violated at %s:%u: %s (%s)\n", where.file_name(),
               static_cast<unsigned>(where.line()), message, condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace kc::detail
