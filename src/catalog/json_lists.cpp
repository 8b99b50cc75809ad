#include "catalog/json_lists.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "clinic/time.h"
#include "core/units.h"

namespace kc::catalog {

Error in_file(const std::filesystem::path& file, Error error) {
  error.message = fmt::format("{}: {}", file.string(), error.message);
  return error;
}

Result<std::vector<Fields>> objects(const Fields& f, std::string_view key) {
  if (!f.has(key)) return std::unexpected(f.error(key, "is required"));
  const auto& list = f.node().at(std::string(key));
  if (!list.is_array()) return std::unexpected(f.error(key, "must be an array"));
  std::vector<Fields> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto item = fmt::format("{}[{}]", key, i);
    if (!list[i].is_object()) return std::unexpected(f.error(item, "must be an object"));
    out.push_back(f.child(list[i], item));
  }
  return out;
}

Result<std::vector<std::string>> strings(const Fields& f, std::string_view key, bool optional) {
  if (!f.has(key)) {
    if (optional) return std::vector<std::string>{};
    return std::unexpected(f.error(key, "is required"));
  }
  const auto& list = f.node().at(std::string(key));
  if (!list.is_array()) return std::unexpected(f.error(key, "must be an array of strings"));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get_ref<const std::string&>().empty())
      return std::unexpected(f.error(fmt::format("{}[{}]", key, i), "must be a non-empty string"));
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

Result<int> integer(const Fields& f, std::string_view key, int min, int max) {
  auto n = f.number(key);
  if (!n) return std::unexpected(n.error());
  if (*n != std::floor(*n) || *n < min || *n > max)
    return std::unexpected(f.error(key, fmt::format("must be a whole number from {} to {}", min, max)));
  return static_cast<int>(*n);
}

Result<int> duration_min(const Fields& f, std::string_view key) {
  auto text = f.string(key);
  if (!text) return std::unexpected(text.error());
  auto minutes = units::parse_duration_min(*text, key);
  if (!minutes) return std::unexpected(f.error(key, minutes.error().message));
  if (*minutes < 0 || *minutes != std::floor(*minutes))
    return std::unexpected(f.error(key, "must be a non-negative whole number of minutes"));
  return static_cast<int>(*minutes);
}

Result<std::vector<date::weekday>> weekdays(const Fields& f, std::string_view key) {
  static constexpr std::string_view kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  auto names = strings(f, key);
  if (!names) return std::unexpected(names.error());
  std::vector<date::weekday> out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const auto* it = std::find(std::begin(kNames), std::end(kNames), (*names)[i]);
    if (it == std::end(kNames))
      return std::unexpected(f.error(fmt::format("{}[{}]", key, i), "must be one of mon, tue, wed, thu, fri, sat, sun"));
    out.push_back(date::weekday{static_cast<unsigned>(it - std::begin(kNames))});
  }
  return out;
}

Result<std::pair<int, int>> time_span(const Fields& f, std::string_view text, std::string_view key) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::unexpected(f.error(key, "must look like 08:00-17:30"));
  auto begin = clinic::parse_time_of_day(text.substr(0, dash), key);
  auto end = clinic::parse_time_of_day(text.substr(dash + 1), key);
  if (!begin || !end) return std::unexpected(f.error(key, "must look like 08:00-17:30"));
  return std::pair{*begin, *end};
}

}  // namespace kc::catalog
