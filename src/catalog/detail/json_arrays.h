#pragma once
// Array and integer readers on top of catalog::Fields, with the same strictness:
// the error names the file and the element ("item[3].answerOption[1]").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/json_fields.h"

namespace kc::catalog::detail {

// A JSON integer (3, not 3.0 or "3").
Result<int> integer(const Fields& f, std::string_view key);
Result<std::optional<int>> optional_integer(const Fields& f, std::string_view key);

// A required array of objects; each element is a Fields at "key[i]". `allow_empty` false refuses [].
Result<std::vector<Fields>> objects(const Fields& f, std::string_view key, bool allow_empty = false);
// Same, but an absent key is an empty list.
Result<std::vector<Fields>> optional_objects(const Fields& f, std::string_view key);
// A required non-empty array of non-empty strings.
Result<std::vector<std::string>> strings(const Fields& f, std::string_view key);

// `f.string(key)` that must be one of `allowed`.
Result<std::string> one_of(const Fields& f, std::string_view key, std::initializer_list<std::string_view> allowed);

}  // namespace kc::catalog::detail
