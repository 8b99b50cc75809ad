#include "http/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

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

std::optional<std::string> JsonReader::secret(std::string_view key, Need need) {
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

std::optional<std::string> JsonReader::text(std::string_view key, Need need, TextKind kind) {
  auto raw = secret(key, need);
  if (!raw) return std::nullopt;
  auto checked = check_text(*raw, kind, path(key));
  if (!checked) {
    errors_.push_back(std::move(checked.error()));
    return std::nullopt;
  }
  return std::move(*checked);
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
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    auto checked = check_text((*v)[i].get_ref<const std::string&>(), TextKind::line, fmt::format("{}[{}]", path(key), i));
    if (!checked) {
      errors_.push_back(std::move(checked.error()));
      return std::nullopt;
    }
    out.push_back(std::move(*checked));
  }
  return out;
}

namespace {

using nlohmann::json;

// Watches the parser's events: where it is (for errors about one field), the
// keys seen in each open object, the depth. It records the first problem and
// from then on discards everything, so that the rest of a refused body (say,
// 60,000 more '[') builds nothing.
class BodyGuard {
 public:
  bool operator()(int depth, json::parse_event_t event, json& parsed);
  const std::optional<Error>& problem() const { return problem_; }
  // The path of the value being read, as JsonReader names fields.
  std::string path() const;

 private:
  struct Frame {
    bool object = false;
    std::string key;         // the member being read (objects)
    std::size_t index = 0;   // the element being read (arrays)
    std::set<std::string> keys;
  };
  void opened(bool object, int depth);
  void keyed(const std::string& key);
  void finished();  // a value (or container) of the innermost frame is complete
  std::vector<Frame> frames_;
  std::optional<Error> problem_;
};

bool BodyGuard::operator()(int depth, json::parse_event_t event, json& parsed) {
  if (problem_) return false;
  switch (event) {
    case json::parse_event_t::object_start: opened(true, depth); break;
    case json::parse_event_t::array_start: opened(false, depth); break;
    case json::parse_event_t::key: keyed(parsed.get_ref<const std::string&>()); break;
    case json::parse_event_t::object_end:
    case json::parse_event_t::array_end:
      frames_.pop_back();
      finished();
      break;
    case json::parse_event_t::value: finished(); break;
  }
  return !problem_;
}

void BodyGuard::opened(bool object, int depth) {
  // `depth` counts the enclosing containers: the body's own object is at 0.
  if (depth >= kMaxJsonDepth) {
    problem_ = Error{ErrorCode::invalid_argument, "body",
                     fmt::format("body: objects and arrays nest more than {} deep", kMaxJsonDepth), "nesting_too_deep"};
    return;
  }
  frames_.push_back(Frame{object, {}, 0, {}});
}

void BodyGuard::keyed(const std::string& key) {
  auto& top = frames_.back();
  top.key = key;
  if (top.keys.insert(key).second) return;
  const auto field = path();
  problem_ = Error{ErrorCode::invalid_argument, field, fmt::format("{}: appears twice in one object", field),
                   "duplicate_key"};
}

void BodyGuard::finished() {
  if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
}

std::string BodyGuard::path() const {
  std::string out;
  for (const auto& f : frames_) {
    if (!f.object) out += fmt::format("[{}]", f.index);
    else out += out.empty() ? f.key : "." + f.key;
  }
  return out.empty() || out.front() == '[' ? "body" + out : out;
}

}  // namespace

// Every exception of the library ends here: parse_error for syntax (invalid
// UTF-8 and lone surrogates included), out_of_range for a number beyond a
// double, and the base class for anything a later version may add.
Result<nlohmann::json> parse_body(std::string_view body) {
  // The library takes a NUL byte for the end of the input and would read
  // "{...}\0anything" as the object alone; JSON allows no raw NUL anywhere.
  if (const auto nul = body.find('\0'); nul != std::string_view::npos)
    return fail(ErrorCode::invalid_argument, "body", fmt::format("body: not valid JSON at byte {}", nul + 1),
                "malformed_json");
  BodyGuard guard;
  json doc;
  try {
    doc = json::parse(body, [&guard](int depth, json::parse_event_t event, json& parsed) {
      return guard(depth, event, parsed);
    });
  } catch (const json::exception& e) {
    if (guard.problem()) return std::unexpected(*guard.problem());
    if (e.id == 406) {  // "number overflow": the lexer stopped inside the value of guard.path()
      const auto field = guard.path();
      return fail(ErrorCode::invalid_argument, field,
                  fmt::format("{}: the number is too large (or too small) for a double-precision number", field),
                  "malformed_json");
    }
    const auto* parse = dynamic_cast<const json::parse_error*>(&e);
    // e.byte is where the parser stopped; the library's text names the token.
    return fail(ErrorCode::invalid_argument, "body",
                parse != nullptr ? fmt::format("body: not valid JSON at byte {}", parse->byte) : "body: not valid JSON",
                "malformed_json");
  }
  if (guard.problem()) return std::unexpected(*guard.problem());
  if (!doc.is_object()) return fail(ErrorCode::invalid_argument, "body", "body: must be a JSON object", "malformed_json");
  return doc;
}

}  // namespace kc::http
