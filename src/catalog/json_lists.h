#pragma once
// Reading helpers on top of Fields (json_fields.h) for the clinic data files:
// lists, integers and durations with units. Errors name the file and field
// path like Fields does ("data/demo/clinics.json: locations[2].hours.mon[0]: ...").
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "catalog/json_fields.h"

namespace kc::catalog {

// A domain validation error re-worded to name the data file it came from.
Error in_file(const std::filesystem::path& file, Error error);

// The error of the first failed result among several fields read together.
template <class... R>
std::optional<Error> first_error(const R&... results) {
  std::optional<Error> error;
  ((error || results.has_value() ? void() : void(error = results.error())), ...);
  return error;
}

// An array of objects; each element's path is "key[i]".
Result<std::vector<Fields>> objects(const Fields& f, std::string_view key);
// An array of non-empty strings (required unless `optional`, then empty when absent).
Result<std::vector<std::string>> strings(const Fields& f, std::string_view key, bool optional = false);
// An integer within [min, max].
Result<int> integer(const Fields& f, std::string_view key, int min, int max);
// A duration with its unit ("40min", "2h"), in whole minutes.
Result<int> duration_min(const Fields& f, std::string_view key);
// An array of weekday names ("mon" .. "sun").
Result<std::vector<date::weekday>> weekdays(const Fields& f, std::string_view key);
// A time span "HH:MM-HH:MM" in minutes after local midnight.
Result<std::pair<int, int>> time_span(const Fields& f, std::string_view text, std::string_view key);

}  // namespace kc::catalog
