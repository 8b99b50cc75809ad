#include "catalog/detail/json_arrays.h"

#include <fmt/format.h>

namespace kc::catalog::detail {

Result<int> integer(const Fields& f, std::string_view key) {
  if (!f.has(key)) return std::unexpected(f.error(key, "is required"));
  const auto& v = f.node().at(std::string(key));
  if (!v.is_number_integer()) return std::unexpected(f.error(key, "must be an integer"));
  const auto n = v.get<long long>();
  if (n < -1'000'000 || n > 1'000'000) return std::unexpected(f.error(key, "is out of range"));
  return static_cast<int>(n);
}

Result<std::optional<int>> optional_integer(const Fields& f, std::string_view key) {
  if (!f.has(key)) return std::optional<int>{};
  auto n = integer(f, key);
  if (!n) return std::unexpected(n.error());
  return std::optional<int>{*n};
}

Result<std::vector<Fields>> objects(const Fields& f, std::string_view key, bool allow_empty) {
  if (!f.has(key)) return std::unexpected(f.error(key, "is required"));
  const auto& v = f.node().at(std::string(key));
  if (!v.is_array()) return std::unexpected(f.error(key, "must be an array"));
  if (v.empty() && !allow_empty) return std::unexpected(f.error(key, "must not be empty"));
  std::vector<Fields> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", key, i);
    if (!v[i].is_object()) return std::unexpected(f.error(at, "must be an object"));
    out.push_back(f.child(v[i], at));
  }
  return out;
}

Result<std::vector<Fields>> optional_objects(const Fields& f, std::string_view key) {
  if (!f.has(key)) return std::vector<Fields>{};
  return objects(f, key, true);
}

Result<std::vector<std::string>> strings(const Fields& f, std::string_view key) {
  if (!f.has(key)) return std::unexpected(f.error(key, "is required"));
  const auto& v = f.node().at(std::string(key));
  if (!v.is_array() || v.empty()) return std::unexpected(f.error(key, "must be a non-empty array of strings"));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty())
      return std::unexpected(f.error(fmt::format("{}[{}]", key, i), "must be a non-empty string"));
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

Result<std::string> one_of(const Fields& f, std::string_view key, std::initializer_list<std::string_view> allowed) {
  auto s = f.string(key);
  if (!s) return s;
  for (auto a : allowed)
    if (*s == a) return s;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return std::unexpected(f.error(key, fmt::format("'{}' is not one of {}", *s, list)));
}

}  // namespace kc::catalog::detail
