#include "catalog/json_fields.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace kc::catalog {

Fields::Fields(const nlohmann::json& node, std::string file, std::string path)
    : node_(node), file_(std::move(file)), path_(std::move(path)) {}

std::string Fields::at(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

Error Fields::error(std::string_view key, std::string_view what) const {
  const std::string field = key.empty() ? path_ : at(key);
  return Error{ErrorCode::invalid_argument, field, fmt::format("{}: {}: {}", file_, field, what)};
}

Fields Fields::child(const nlohmann::json& node, std::string_view key) const {
  return Fields(node, file_, at(key));
}

bool Fields::has(std::string_view key) const {
  return node_.is_object() && node_.contains(key) && !node_.at(std::string(key)).is_null();
}

Result<std::string> Fields::string(std::string_view key) const {
  if (!has(key)) return std::unexpected(error(key, "is required"));
  const auto& v = node_.at(std::string(key));
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    return std::unexpected(error(key, "must be a non-empty string"));
  return v.get<std::string>();
}

Result<std::optional<std::string>> Fields::optional_string(std::string_view key) const {
  if (!has(key)) return std::optional<std::string>{};
  auto s = string(key);
  if (!s) return std::unexpected(s.error());
  return std::optional<std::string>{*s};
}

Result<double> Fields::number(std::string_view key) const {
  if (!has(key)) return std::unexpected(error(key, "is required"));
  const auto& v = node_.at(std::string(key));
  if (!v.is_number()) return std::unexpected(error(key, "must be a number"));
  return v.get<double>();
}

Result<std::optional<double>> Fields::optional_number(std::string_view key) const {
  if (!has(key)) return std::optional<double>{};
  auto n = number(key);
  if (!n) return std::unexpected(n.error());
  return std::optional<double>{*n};
}

Result<bool> Fields::boolean(std::string_view key, bool fallback) const {
  if (!has(key)) return fallback;
  const auto& v = node_.at(std::string(key));
  if (!v.is_boolean()) return std::unexpected(error(key, "must be true or false"));
  return v.get<bool>();
}

Result<Fields> Fields::object(std::string_view key) const {
  if (!has(key)) return std::unexpected(error(key, "is required"));
  const auto& v = node_.at(std::string(key));
  if (!v.is_object()) return std::unexpected(error(key, "must be an object"));
  return child(v, key);
}

Result<std::optional<Fields>> Fields::optional_object(std::string_view key) const {
  if (!has(key)) return std::optional<Fields>{};
  auto o = object(key);
  if (!o) return std::unexpected(o.error());
  return std::optional<Fields>{*o};
}

Result<void> Fields::only(std::initializer_list<std::string_view> allowed) const {
  if (!node_.is_object()) return std::unexpected(error("", "must be an object"));
  for (const auto& [key, value] : node_.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return std::unexpected(error(key, "is not a known field"));
  }
  return {};
}

Result<nlohmann::json> read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::not_found, path, fmt::format("{}: cannot be read", path));
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return fail(ErrorCode::invalid_argument, path, fmt::format("{}: is not valid JSON", path));
  return j;
}

}  // namespace kc::catalog
