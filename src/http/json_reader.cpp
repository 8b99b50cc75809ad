#include "http/json_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::http {

std::string JsonReader::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void JsonReader::fail(std::string_view key, std::string_view what) {
  errors_.push_back(Error{ErrorCode::invalid_argument, path(key), fmt::format("{}: {}", path(key), what)});
}

const nlohmann::json* JsonReader::find(std::string_view key) const {
  auto it = node_.find(key);
  return it == node_.end() ? nullptr : &*it;
}

bool JsonReader::has(std::string_view key) const {
  const auto* v = find(key);
  return v != nullptr && !v->is_null();
}

bool JsonReader::is_null(std::string_view key) const {
  const auto* v = find(key);
  return v != nullptr && v->is_null();
}

std::vector<std::string> JsonReader::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : node_.items()) out.push_back(key);
  return out;
}

void JsonReader::only(std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : node_.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) fail(key, "is not a known field");
}

std::optional<std::string> JsonReader::text(std::string_view key, Need need) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(key, fmt::format("must be a string, not {}", v->type_name()));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> JsonReader::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_number_integer() || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max ||
      (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    fail(key, fmt::format("must be a whole number from {} to {}", min, max));
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<bool> JsonReader::boolean(std::string_view key, Need need) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_boolean()) {
    fail(key, fmt::format("must be true or false, not {}", v->type_name()));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> JsonReader::number(std::string_view key, Need need, double min, double max) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_number() || !(v->get<double>() >= min && v->get<double>() <= max)) {
    fail(key, fmt::format("must be a number from {:g} to {:g}", min, max));
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<std::vector<double>> JsonReader::numbers(std::string_view key, Need need, double min, double max,
                                                       std::size_t max_items) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  const auto in_range = [&](const nlohmann::json& e) { return e.is_number() && e.get<double>() >= min && e.get<double>() <= max; };
  if (!v->is_array() || v->empty() || v->size() > max_items || !std::all_of(v->begin(), v->end(), in_range)) {
    fail(key, fmt::format("must be a list of 1 to {} numbers from {:g} to {:g}", max_items, min, max));
    return std::nullopt;
  }
  return v->get<std::vector<double>>();
}

std::optional<std::vector<JsonReader>> JsonReader::objects(std::string_view key, Need need) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_array() || !std::all_of(v->begin(), v->end(), [](const auto& e) { return e.is_object(); })) {
    fail(key, "must be an array of objects");
    return std::nullopt;
  }
  std::vector<JsonReader> out;
  for (std::size_t i = 0; i < v->size(); ++i) out.emplace_back((*v)[i], fmt::format("{}[{}]", path(key), i), errors_);
  return out;
}

std::optional<JsonReader> JsonReader::object(std::string_view key, Need need) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_object()) {
    fail(key, fmt::format("must be an object, not {}", v->type_name()));
    return std::nullopt;
  }
  return JsonReader(*v, path(key), errors_);
}

std::optional<std::vector<std::string>> JsonReader::texts(std::string_view key, Need need) {
  const auto* v = find(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_array() || !std::all_of(v->begin(), v->end(), [](const auto& e) { return e.is_string(); })) {
    fail(key, "must be an array of strings");
    return std::nullopt;
  }
  return v->get<std::vector<std::string>>();
}

Result<nlohmann::json> parse_body(std::string_view body) {
  try {
    auto doc = nlohmann::json::parse(body);
    if (!doc.is_object()) return fail(ErrorCode::invalid_argument, "body", "body: must be a JSON object", "malformed_json");
    return doc;
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is where the parser stopped; the library's text names the token.
    return fail(ErrorCode::invalid_argument, "body",
                fmt::format("body: not valid JSON at byte {}", e.byte), "malformed_json");
  }
}

}  // namespace kc::http
