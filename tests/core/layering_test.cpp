// The layering of docs/ARCHITECTURE.md, read from the sources: a core module
// (core, pharm, brain, clinic, auth) includes only the core modules below it and no
// I/O header; an edge (catalog, store, http) includes the core and never
// another edge; only the composition root (cli, app) sees everything. Inside
// the store, the backend-neutral layer (store/sql) names no backend, each
// backend (store/sqlite) builds on it, and only the factory (store) picks one,
// so the composition root never names a backend. A new include that breaks
// this fails here with the file and the line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

// What each module may include, besides itself.
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"core", {}},
    {"pharm", {"core"}},
    {"brain", {"core", "pharm"}},
    {"clinic", {"core"}},
    {"auth", {"core", "clinic"}},
    {"catalog", {"core", "pharm", "clinic"}},
    {"store/sql", {"core", "clinic", "auth"}},
    {"store/sqlite", {"core", "clinic", "auth", "store/sql"}},
    {"store", {"core", "clinic", "auth", "store/sql", "store/sqlite"}},
    {"http", {"core", "pharm", "clinic", "auth"}},
    {"cli", {"core", "pharm", "brain", "clinic", "auth", "catalog", "store", "store/sql", "http"}},
    {"app", {"cli"}},
};

// Declared exceptions, each with its reason; a stale one fails too.
const std::set<std::pair<std::string, std::string>> kDeclared = {};

const std::set<std::string> kCore = {"core", "pharm", "brain", "clinic", "auth"};
// The one core file that writes: a broken invariant's last words (core/contract.h).
const std::set<std::string> kMayWrite = {"src/core/contract.cpp"};
// The backend-neutral store links no database client.
const std::set<std::string> kNoDatabaseClient = {"store/sql"};
const std::regex kDatabaseClient(R"(^(sqlite3\.h|libpq-fe\.h)$)");
const std::regex kIoHeader(R"(^(fstream|iostream|filesystem|cstdio|stdio\.h|sqlite3\.h|httplib\.h|spdlog/.*|sys/socket\.h|unistd\.h)$)");

struct Include {
  std::string file;
  int line;
  std::string target;  // as written: "clinic/model.h" or <fstream>
  bool angled;
};

std::vector<Include> includes_of(const fs::path& file, const std::string& shown) {
  static const std::regex line_re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> out;
  std::ifstream in(file);
  std::string text;
  for (int n = 1; std::getline(in, text); ++n) {
    std::smatch m;
    if (std::regex_search(text, m, line_re)) out.push_back({shown, n, m[2], m[1] == "<"});
  }
  return out;
}

std::vector<Include> all_includes() {
  const fs::path src = fs::path(KC_SOURCE_DIR) / "src";
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    auto found = includes_of(entry.path(), fs::relative(entry.path(), src.parent_path()).string());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// "clinic/measures/x.h" -> "clinic"; the store's folders are modules of their
// own: "store/sql/x.h" -> "store/sql", "store/open_store.h" -> "store".
std::string module_of_target(const std::string& target) {
  const auto top = target.substr(0, target.find('/'));
  if (top != "store") return top;
  const auto second = target.find('/', top.size() + 1);
  return second == std::string::npos ? top : target.substr(0, second);
}
// "src/clinic/measures/x.h" -> "clinic".
std::string module_of_file(const std::string& shown) { return module_of_target(shown.substr(4)); }

TEST(LayeringTest, EveryModuleIncludesOnlyWhatItsLayerAllows) {
  const auto includes = all_includes();
  ASSERT_GT(includes.size(), 500u);  // the scan found the sources
  std::set<std::pair<std::string, std::string>> used_exceptions;
  for (const auto& inc : includes) {
    const auto from = module_of_file(inc.file);
    ASSERT_TRUE(kAllowed.contains(from)) << inc.file << ": a module this test does not know; add it to kAllowed";
    if (inc.angled) {
      const bool io_in_core =
          kCore.contains(from) && !kMayWrite.contains(inc.file) && std::regex_match(inc.target, kIoHeader);
      EXPECT_FALSE(io_in_core) << inc.file << ":" << inc.line << ": core module " << from << " includes I/O header <"
                               << inc.target << ">";
      EXPECT_FALSE(kNoDatabaseClient.contains(from) && std::regex_match(inc.target, kDatabaseClient))
          << inc.file << ":" << inc.line << ": " << from << " is backend-neutral but includes <" << inc.target << ">";
      continue;
    }
    const auto to = module_of_target(inc.target);
    if (to == from || !kAllowed.contains(to)) continue;
    if (kDeclared.contains({inc.file, inc.target})) {
      used_exceptions.insert({inc.file, inc.target});
      continue;
    }
    EXPECT_TRUE(kAllowed.at(from).contains(to))
        << inc.file << ":" << inc.line << ": " << from << " may not include " << inc.target;
  }
  for (const auto& declared : kDeclared)
    EXPECT_TRUE(used_exceptions.contains(declared)) << declared.first << " no longer includes " << declared.second
                                                    << ": remove the exception";
}

// The checker itself, on lines it must flag and lines it must pass.
TEST(LayeringTest, TheCheckerReadsIncludeLinesAndModules) {
  const auto dir = fs::temp_directory_path() / "kc-layering-test";
  fs::create_directories(dir);
  const auto file = dir / "sample.cpp";
  std::ofstream(file) << "#include \"http/api.h\"\n  #  include <fstream>\n// #include \"x/y.h\" is a comment\nint x;\n";
  const auto found = includes_of(file, "src/pharm/sample.cpp");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].target, "http/api.h");
  EXPECT_FALSE(found[0].angled);
  EXPECT_EQ(found[1].line, 2);
  EXPECT_TRUE(std::regex_match(found[1].target, kIoHeader));
  EXPECT_EQ(module_of_file("src/clinic/measures/x.h"), "clinic");
  EXPECT_EQ(module_of_file("src/store/sql/statement.h"), "store/sql");
  EXPECT_EQ(module_of_file("src/store/open_store.cpp"), "store");
  EXPECT_EQ(module_of_target("store/sqlite/detail/pool.h"), "store/sqlite");
  EXPECT_FALSE(kAllowed.at("store/sql").contains("store/sqlite"));
  EXPECT_FALSE(kAllowed.at("cli").contains("store/sqlite"));
  EXPECT_FALSE(kAllowed.at(module_of_file(found[0].file)).contains(module_of_target(found[0].target)));
  fs::remove_all(dir);
}

}  // namespace
