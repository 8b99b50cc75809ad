// parse_body, the one way a request body is read: every failure of the JSON
// library is a 400 naming the body or the field, duplicate keys and deep
// nesting are refused; JsonReader's text fields refuse control and bidi
// characters. Each case is a body and the expected field and reason.
#include "http/json_reader.h"

#include <gtest/gtest.h>

namespace kc::http {
namespace {

using nlohmann::json;

struct Refusal {
  const char* name;
  std::string body;
  std::string field;
  std::string reason;
};

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string deep_objects(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "{\"a\": ";
  return out + "1" + std::string(depth, '}');
}

std::vector<Refusal> refusals() {
  using namespace std::string_literals;
  return {
      {"number too large", R"({"given_name": 1e400})", "given_name", "malformed_json"},
      {"negative number too large", R"({"weight": -1e400})", "weight", "malformed_json"},
      {"integer of 400 digits", R"({"patient_id": 1)" + std::string(400, '0') + "}", "patient_id", "malformed_json"},
      {"too large inside arrays and objects", R"({"a": 1, "population": {"percentiles": [5, 50, 1e999]}})",
       "population.percentiles[2]", "malformed_json"},
      {"too large in an array of objects", R"({"medications": [{"name": "x"}, {"lorazepam_eq_mg_per_day": 2e308}]})",
       "medications[1].lorazepam_eq_mg_per_day", "malformed_json"},
      {"too large at the top level", "1e400", "body", "malformed_json"},
      {"too large in a top-level array", "[1, 1e400]", "body[1]", "malformed_json"},
      {"duplicate key", R"({"patient_id": 1, "patient_id": 2})", "patient_id", "duplicate_key"},
      {"duplicate key, same value", R"({"location": "allen", "type": "x", "location": "allen"})", "location",
       "duplicate_key"},
      {"duplicate nested key", R"({"series": {"count": 2, "count": 3}})", "series.count", "duplicate_key"},
      {"duplicate key in an array element", R"({"medications": [{"name": "a"}, {"name": "b", "name": "c"}]})",
       "medications[1].name", "duplicate_key"},
      {"duplicate key with a NUL", "{\"a\\u0000\": 1, \"a\\u0000\": 2}", "a\0"s, "duplicate_key"},
      {"first problem wins", R"({"a": 1, "a": 1e400})", "a", "duplicate_key"},
      {"nested 65 deep", "{\"a\": " + nested(64) + "}", "body", "nesting_too_deep"},
      {"nested 60000 deep", "{\"a\": " + nested(60000) + "}", "body", "nesting_too_deep"},
      {"deep unclosed", "{\"a\": " + std::string(60000, '['), "body", "nesting_too_deep"},
      {"deep objects", deep_objects(100), "body", "nesting_too_deep"},
      {"empty body", "", "body", "malformed_json"},
      {"whitespace only", "  \n", "body", "malformed_json"},
      {"truncated", R"({"patient_id": 1,)", "body", "malformed_json"},
      {"not an object", "[1, 2]", "body", "malformed_json"},
      {"a string", R"("hello")", "body", "malformed_json"},
      {"null", "null", "body", "malformed_json"},
      {"invalid UTF-8 in a value", "{\"given_name\": \"\xff\xfe\"}", "body", "malformed_json"},
      {"invalid UTF-8 in a key", "{\"\xc3\x28\": 1}", "body", "malformed_json"},
      {"overlong UTF-8", "{\"a\": \"\xc0\xaf\"}", "body", "malformed_json"},
      {"UTF-8 encoded surrogate", "{\"a\": \"\xed\xa0\x80\"}", "body", "malformed_json"},
      {"lone high surrogate", R"({"a": "\ud800"})", "body", "malformed_json"},
      {"lone low surrogate", R"({"a": "\udc00x"})", "body", "malformed_json"},
      {"raw NUL in a string", "{\"a\": \"x\0y\"}"s, "body", "malformed_json"},
      {"raw NUL after the object", "{}\0"s, "body", "malformed_json"},
      {"raw NUL then another object", "{\"patient_id\": 1}\0{\"patient_id\": 2}"s, "body", "malformed_json"},
      {"raw control character in a string", "{\"a\": \"x\ny\"}", "body", "malformed_json"},
      {"trailing text", R"({"a": 1} x)", "body", "malformed_json"},
      {"two objects", R"({"a": 1}{"b": 2})", "body", "malformed_json"},
      {"comment", R"({/* hi */ "a": 1})", "body", "malformed_json"},
      {"NaN", R"({"a": NaN})", "body", "malformed_json"},
      {"Infinity", R"({"a": Infinity})", "body", "malformed_json"},
      {"single quotes", R"({'a': 1})", "body", "malformed_json"},
      {"trailing comma", R"({"a": 1,})", "body", "malformed_json"},
      {"leading zeros", R"({"a": 012})", "body", "malformed_json"},
  };
}

TEST(ParseBodyTest, EveryFailureIsA400NamingTheBodyOrTheField) {
  for (const auto& c : refusals()) {
    SCOPED_TRACE(c.name);
    auto r = parse_body(c.body);
    ASSERT_FALSE(r.has_value()) << r->dump();
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_EQ(r.error().reason, c.reason);
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(ParseBodyTest, AcceptsWhatIsMerelyUnusual) {
  struct Case {
    const char* name;
    std::string body;
  };
  for (const auto& c : std::vector<Case>{
           {"tiny number underflows to zero", R"({"a": 1e-400})"},
           {"integer beyond uint64 becomes a double", R"({"a": 123456789012345678901234567890})"},
           {"largest uint64", R"({"a": 18446744073709551615})"},
           {"smallest int64", R"({"a": -9223372036854775808})"},
           {"same key in different objects", R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})"},
           {"nested exactly 64 deep", "{\"a\": " + nested(63) + "}"},
           {"objects nested exactly 64 deep", deep_objects(64)},
           {"escaped NUL (refused later by text fields)", R"({"a": "x\u0000y"})"},
           {"a surrogate pair", R"({"a": "\ud83d\ude00"})"},
           {"empty object", "{}"},
           {"BOM-free whitespace around", " \t\r\n{}\n"},
       }) {
    auto r = parse_body(c.body);
    EXPECT_TRUE(r.has_value()) << c.name << ": " << r.error().message;
  }
  EXPECT_EQ(parse_body(R"({"a": 1e-400})")->at("a").get<double>(), 0.0);
}

TEST(ParseBodyTest, SyntaxErrorsSayWhereTheParserStopped) {
  auto r = parse_body(R"({"patient_id": 1,)");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("byte"), std::string::npos) << r.error().message;
}

struct TextCase {
  const char* name;
  std::string body;
  TextKind kind;
  std::optional<std::string> stored;  // nullopt: refused with invalid_characters
};

std::vector<TextCase> text_cases() {
  return {
      {"plain", R"({"v": "Zoë O'Brien"})", TextKind::line, "Zoë O'Brien"},
      {"escaped NUL", R"({"v": "a\u0000"})", TextKind::line, std::nullopt},
      {"escaped NUL in free text", R"({"v": "a\u0000"})", TextKind::multiline, std::nullopt},
      {"ESC", R"({"v": "\u001b[31m"})", TextKind::line, std::nullopt},
      {"DEL", R"({"v": "a\u007f"})", TextKind::line, std::nullopt},
      {"C1", R"({"v": "a\u009b"})", TextKind::multiline, std::nullopt},
      {"RLO", R"({"v": "abc\u202egpj.exe"})", TextKind::line, std::nullopt},
      {"RLI in free text", R"({"v": "a\u2067b"})", TextKind::multiline, std::nullopt},
      {"LF in a name", R"({"v": "a\nb"})", TextKind::line, std::nullopt},
      {"CR in a name", R"({"v": "a\rb"})", TextKind::line, std::nullopt},
      {"LF in free text", R"({"v": "a\nb"})", TextKind::multiline, "a\nb"},
      {"CRLF in free text", R"({"v": "a\r\nb\r\n"})", TextKind::multiline, "a\nb\n"},
      {"TAB in free text", R"({"v": "a\tb"})", TextKind::multiline, "a\tb"},
      {"TAB in a name", R"({"v": "a\tb"})", TextKind::line, std::nullopt},
  };
}

TEST(JsonReaderTest, TextFieldsRefuseControlAndBidiCharactersNamingTheField) {
  for (const auto& c : text_cases()) {
    SCOPED_TRACE(c.name);
    const auto doc = parse_body(c.body).value();
    std::vector<Error> errors;
    JsonReader reader(doc, "", errors);
    auto v = reader.text("v", Need::required, c.kind);
    EXPECT_EQ(v, c.stored);
    if (!c.stored) {
      ASSERT_EQ(errors.size(), 1u);
      EXPECT_EQ(errors[0].field, "v");
      EXPECT_EQ(errors[0].reason, "invalid_characters");
    }
  }
}

TEST(JsonReaderTest, NestedFieldsListsAndParsedFieldsAreCheckedToo) {
  const auto doc = parse_body(R"({"m": {"name": "a\u202eb"}, "roles": ["nurse", "x\u001b"], "start": "2026\u0000"})").value();
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  EXPECT_FALSE(body.object("m", Need::required)->text("name", Need::required));
  EXPECT_FALSE(body.texts("roles", Need::required));
  auto parsed = body.parsed<std::string>("start", Need::required,
                                         [](std::string_view t, std::string_view) -> Result<std::string> { return std::string(t); });
  EXPECT_FALSE(parsed);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "m.name");
  EXPECT_EQ(errors[1].field, "roles[1]");
  EXPECT_EQ(errors[2].field, "start");
  for (const auto& e : errors) EXPECT_EQ(e.reason, "invalid_characters") << e.field;
}

TEST(JsonReaderTest, PasswordsAreTakenAsSent) {
  const auto doc = parse_body(R"({"password": "tab\there and \u202e too"})").value();
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  EXPECT_EQ(body.secret("password", Need::required), "tab\there and \u202e too");
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace kc::http
