#pragma once
// Strict reading of the expert-maintained JSON data files: every field is
// checked, unknown fields are refused (a typo must not silently drop a
// number), and every error names the file and the field path, e.g.
// "data/models/domino.json: parameters.k10.value: must be a number".
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kc::catalog {

class Fields {
 public:
  Fields(const nlohmann::json& node, std::string file, std::string path);

  const nlohmann::json& node() const { return node_; }
  const std::string& path() const { return path_; }
  bool has(std::string_view key) const;

  Result<std::string> string(std::string_view key) const;
  Result<std::optional<std::string>> optional_string(std::string_view key) const;
  Result<double> number(std::string_view key) const;
  Result<std::optional<double>> optional_number(std::string_view key) const;
  Result<bool> boolean(std::string_view key, bool fallback) const;
  Result<Fields> object(std::string_view key) const;
  Result<std::optional<Fields>> optional_object(std::string_view key) const;
  // Refuses keys outside `allowed` (field: the unknown key).
  Result<void> only(std::initializer_list<std::string_view> allowed) const;

  Error error(std::string_view key, std::string_view what) const;
  Fields child(const nlohmann::json& node, std::string_view key) const;

 private:
  std::string at(std::string_view key) const;
  const nlohmann::json& node_;
  std::string file_;
  std::string path_;
};

// Parses a file into JSON; errors name the file (ErrorCode::invalid_argument) or
// say it cannot be read (ErrorCode::not_found).
Result<nlohmann::json> read_json_file(const std::string& path);

}  // namespace kc::catalog
