// KC_EXPECT stays on in release builds (this preset defines NDEBUG) and stops
// the process with the condition and a message; no source under src/ relies on
// `assert`, which that preset compiles out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/contract.h"

namespace {

int checked_half(int even) {
  KC_EXPECT(even % 2 == 0, "an even number");
  return even / 2;
}

TEST(ContractTest, AHeldContractCostsNothingVisible) { EXPECT_EQ(checked_half(8), 4); }

TEST(ContractTest, ABrokenContractAbortsWithItsMessageEvenUnderNdebug) {
#ifndef NDEBUG
  GTEST_SKIP() << "meant for the release presets, where assert is compiled out";
#endif
  EXPECT_DEATH(checked_half(7), "contract violated at .*contract_test.cpp:[0-9]+: an even number \\(even % 2 == 0\\)");
}

TEST(ContractTest, NoSourceUsesAssert) {
  const std::regex bare_assert(R"((^|[^_a-z])assert\s*\()");
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(KC_SOURCE_DIR) / "src")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line;
    ++files;
    for (int n = 1; std::getline(in, line); ++n)
      EXPECT_FALSE(std::regex_search(line, bare_assert)) << entry.path() << ":" << n << ": use KC_EXPECT (core/contract.h)";
  }
  EXPECT_GT(files, 100);
}

}  // namespace
