#pragma once
// Reading a JSON request body field by field while collecting every problem
// (unknown field, wrong type, missing, unparseable, refused characters), so
// that one 400 response names all bad fields. Accessors return nullopt after
// recording an error. The rules are in docs/security.md, "Input rules".
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/text.h"

namespace kc::http {

enum class Need { required, optional };

class JsonReader {
 public:
  JsonReader(const nlohmann::json& node, std::string path, std::vector<Error>& errors)
      : node_(node), path_(std::move(path)), errors_(errors) {}

  // Records every key outside `allowed` as "is not a known field".
  void only(std::initializer_list<std::string_view> allowed);
  bool has(std::string_view key) const;      // present and not null
  bool is_null(std::string_view key) const;  // present and null (clears, in a PATCH)
  std::vector<std::string> keys() const;     // of an object whose keys are data (answers by link id)
  const nlohmann::json* value(std::string_view key) const { return find(key); }  // nullptr when absent

  // A string whose characters core/text.h allows: one line unless `kind` is
  // multiline (then CRLF and CR are returned as LF). Refused characters are an
  // error with reason invalid_characters.
  std::optional<std::string> text(std::string_view key, Need need, TextKind kind = TextKind::line);
  // A password: any string (valid UTF-8 by then); it is hashed, never shown or logged.
  std::optional<std::string> secret(std::string_view key, Need need);
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key, Need need);
  // A JSON number (integer or not) within [min, max].
  std::optional<double> number(std::string_view key, Need need, double min, double max);
  // An array of numbers, each within [min, max], at most max_items long.
  std::optional<std::vector<double>> numbers(std::string_view key, Need need, double min, double max,
                                             std::size_t max_items);
  std::optional<JsonReader> object(std::string_view key, Need need);
  // An array of objects; element i reads as path "key[i]".
  std::optional<std::vector<JsonReader>> objects(std::string_view key, Need need);
  // An array of one-line strings; element i is named "key[i]" when refused.
  std::optional<std::vector<std::string>> texts(std::string_view key, Need need);

  // A text field parsed by `parse(text, field_path)` -> Result<T>.
  template <class T, class Parse>
  std::optional<T> parsed(std::string_view key, Need need, Parse parse) {
    auto t = text(key, need);
    if (!t) return std::nullopt;
    auto v = parse(*t, path(key));
    if (!v) {
      errors_.push_back(Error{ErrorCode::invalid_argument, path(key), v.error().message, v.error().reason});
      return std::nullopt;
    }
    return *v;
  }

  void fail(std::string_view key, std::string_view what);
  std::string path(std::string_view key) const;

 private:
  const nlohmann::json* find(std::string_view key) const;
  const nlohmann::json& node_;
  std::string path_;
  std::vector<Error>& errors_;
};

// How deep objects and arrays may nest in a body (the body itself is 1).
inline constexpr int kMaxJsonDepth = 64;

// The one way to read a request body (handlers through json_body, the auth
// layer's scope too): it must be one JSON object. Never throws; every failure
// is invalid_argument (400), the first in reading order:
// - not JSON (bad syntax, invalid UTF-8, a lone surrogate escape), or not an
//   object: field "body", reason malformed_json, the message gives the byte;
// - a number no double can hold (1e400, a 400-digit integer): the path of the
//   field ("given_name", "population.percentiles[2]"), reason malformed_json;
// - a key twice in one object: the key's path, reason duplicate_key (the
//   library would keep the last silently, and two readers could disagree);
// - nested deeper than kMaxJsonDepth: field "body", reason nesting_too_deep.
Result<nlohmann::json> parse_body(std::string_view body);

}  // namespace kc::http
