// docs/errors.md is the one registry of the problem codes clients may branch
// on. This test reads the sources for every code the program can mint — the
// reason of an Error{code, field, message, reason} or fail(code, field,
// message, reason), of forbidden(message, reason), a `reason = "..."`, and the
// fixed codes of problem_for_status — and checks that the document lists
// exactly those, each with the HTTP status the program answers with.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "http/problem.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The top-level arguments of the call whose opening bracket is at `open`,
// string literals skipped whole (a ',' or ')' inside one is text).
std::vector<std::string> arguments_at(const std::string& s, std::size_t open) {
  const char close = s[open] == '(' ? ')' : '}';
  std::vector<std::string> args(1);
  int depth = 0;
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      const auto start = i;
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      args.back() += s.substr(start, i - start + 1);
      continue;
    }
    if (c == '(' || c == '{' || c == '[') ++depth;
    if ((c == ')' || c == '}' || c == ']') && depth-- == 0) return c == close ? args : std::vector<std::string>{};
    if (c == ',' && depth == 0) args.emplace_back();
    else args.back() += c;
  }
  return {};
}

std::optional<std::string> plain_literal(const std::string& arg) {
  static const std::regex literal(R"re(^\s*"([a-z][a-z0-9_]*)"\s*$)re");
  std::smatch m;
  if (std::regex_match(arg, m, literal)) return m[1];
  return std::nullopt;
}

std::optional<ErrorCode> code_named(const std::string& arg) {
  static const std::regex code(R"re(^\s*ErrorCode::([a-z_]+)\s*$)re");
  std::smatch m;
  if (!std::regex_match(arg, m, code)) return std::nullopt;
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal); ++c)
    if (to_string(static_cast<ErrorCode>(c)) == m[1].str()) return static_cast<ErrorCode>(c);
  return std::nullopt;
}

// code -> the statuses it is answered with, from the sources under src/.
std::map<std::string, std::set<int>> codes_in_sources() {
  std::map<std::string, std::set<int>> out;
  static const std::regex call(R"re(\b(fail\(|Error\{|forbidden\())re");
  static const std::regex assigned(R"re(\breason\s*=\s*"([a-z][a-z0-9_]*)")re");
  static const std::regex fixed(R"re(render\((\d{3}), "([a-z_]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(KC_SOURCE_DIR) / "src")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
    const auto s = slurp(entry.path());
    for (auto it = std::sregex_iterator(s.begin(), s.end(), call); it != std::sregex_iterator(); ++it) {
      const auto open = static_cast<std::size_t>(it->position(0) + it->length(0) - 1);
      const auto args = arguments_at(s, open);
      const bool is_forbidden = (*it)[1] == "forbidden(";
      if (args.size() != (is_forbidden ? 2u : 4u)) continue;
      const auto reason = plain_literal(args.back());
      const auto code = is_forbidden ? std::optional(ErrorCode::forbidden) : code_named(args.front());
      if (reason && code) out[*reason].insert(status_for(Error{*code, "", "", *reason}));
    }
    for (auto it = std::sregex_iterator(s.begin(), s.end(), assigned); it != std::sregex_iterator(); ++it)
      out[(*it)[1]];  // status from the code it is set on: the document's word is checked by the API tests
    for (auto it = std::sregex_iterator(s.begin(), s.end(), fixed); it != std::sregex_iterator(); ++it)
      out[(*it)[2]].insert(std::stoi((*it)[1]));
  }
  // What problem_for_status answers for a status it has no word for.
  for (int status : {400, 500})
    out[nlohmann::json::parse(problem_for_status(status).body)["code"].get<std::string>()].insert(status);
  // An error without a reason answers with its code's name (problem_code).
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal); ++c) {
    const Error e{static_cast<ErrorCode>(c), "", ""};
    out[problem_code(e)].insert(status_for(e));
  }
  return out;
}

// code -> statuses, from the table rows "| `code` | 404 | ..." of docs/errors.md.
std::map<std::string, std::set<int>> codes_in_document() {
  std::map<std::string, std::set<int>> out;
  static const std::regex row(R"re(^\| `([a-z][a-z0-9_]*)` \| ([0-9, ]+) \|)re");
  std::istringstream doc(slurp(fs::path(KC_SOURCE_DIR) / "docs" / "errors.md"));
  std::string line;
  while (std::getline(doc, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    std::istringstream statuses(m[2]);
    for (std::string s; std::getline(statuses, s, ',');) out[m[1]].insert(std::stoi(s));
  }
  return out;
}

TEST(ErrorRegistryTest, TheDocumentListsEveryCodeTheProgramMintsWithItsStatus) {
  const auto code = codes_in_sources();
  const auto doc = codes_in_document();
  ASSERT_GT(code.size(), 40u);  // the scan found the sources
  for (const auto& [name, statuses] : code) {
    if (!doc.contains(name)) {
      ADD_FAILURE() << "docs/errors.md does not list `" << name << "` (" << ::testing::PrintToString(statuses) << ")";
      continue;
    }
    for (int status : statuses)
      EXPECT_TRUE(doc.at(name).contains(status)) << "`" << name << "` is answered with " << status;
  }
  for (const auto& [name, statuses] : doc) EXPECT_TRUE(code.contains(name)) << "`" << name << "` is minted nowhere";
}

TEST(ErrorRegistryTest, TheScannerSplitsCallsLikeTheCompiler) {
  const std::string s = R"re(fail(ErrorCode::conflict, "start", fmt::format("a, b; ({})", x), "slot_taken");)re";
  const auto args = arguments_at(s, s.find('('));
  ASSERT_EQ(args.size(), 4u);
  EXPECT_EQ(plain_literal(args[3]), "slot_taken");
  EXPECT_EQ(code_named(args[0]), ErrorCode::conflict);
  EXPECT_EQ(plain_literal(args[1]), "start");
  EXPECT_FALSE(plain_literal(args[2]).has_value());
}

}  // namespace
}  // namespace kc::http
