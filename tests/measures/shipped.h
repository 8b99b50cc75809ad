#pragma once
// The shipped data files, loaded once. Instrument definitions are data, so the
// test vectors of clinical.md §9 check the data and the engine together; the
// loaders themselves are tested in tests/catalog.
#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "catalog/eligibility_rules.h"
#include "catalog/instruments.h"
#include "clinic/measures/answers.h"

namespace kc::measures::testing {

inline const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

inline const catalog::InstrumentCatalog& catalog() {
  static const catalog::InstrumentCatalog c = [] {
    auto loaded = catalog::load_instruments(kData);
    if (!loaded) ADD_FAILURE() << loaded.error().message;
    return loaded ? *loaded : catalog::InstrumentCatalog{};
  }();
  return c;
}

inline const Instrument& instrument(std::string_view id) {
  auto found = catalog().find(id);
  if (!found) ADD_FAILURE() << found.error().message;
  return **found;
}

inline const RuleSet& rules() {
  static const RuleSet r = [] {
    auto loaded = catalog::load_eligibility_rules(kData, catalog());
    if (!loaded) ADD_FAILURE() << loaded.error().message;
    return loaded ? *loaded : RuleSet{};
  }();
  return r;
}

// answers({2, 2, std::nullopt, ...}): nullopt marks an unanswered item.
inline Answers answers(std::initializer_list<std::optional<int>> values) { return Answers(values); }

}  // namespace kc::measures::testing
