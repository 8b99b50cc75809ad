// Every citation resolves inside the repository (docs/sources.md): data files,
// documents, code comments and the web app cite a source as [@key] (or, in a
// code comment, docs/sources.md#key); each key has an entry "### key" there,
// each entry is cited somewhere, and its "Used in:" list names exactly the
// files that cite it. Nothing points at notes outside the repository.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = KC_SOURCE_DIR;
const std::string kSources = "docs/sources.md";
// Documents explain the form as `[@key]`; that word is no source.
const std::string kPlaceholder = "key";

// Where citations may appear: relative to the repository root.
const std::vector<std::string> kTrees = {"data", "docs", "src", "web/src"};
const std::vector<std::string> kFiles = {"README.md", "CONTRIBUTING.md"};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Repository-relative paths of every file that may cite a source.
std::vector<std::string> citing_files() {
  std::vector<std::string> out;
  for (const auto& tree : kTrees) {
    for (const auto& e : fs::recursive_directory_iterator(kRoot / tree)) {
      if (e.is_regular_file()) out.push_back(fs::relative(e.path(), kRoot).generic_string());
    }
  }
  for (const auto& f : kFiles) {
    if (fs::exists(kRoot / f)) out.push_back(f);
  }
  return out;
}

struct Entry {
  int line = 0;
  std::set<std::string> used_in;  // the backticked paths of its "Used in:" item
};

// "### key" headings and the "- Used in:" item that follows each, up to the next heading.
std::map<std::string, Entry> entries(std::vector<std::string>& duplicates) {
  static const std::regex heading(R"(^### ([a-z0-9_]+)\s*$)");
  static const std::regex path(R"(`([^`]+)`)");
  std::map<std::string, Entry> out;
  std::istringstream in(slurp(kRoot / kSources));
  std::string text, key;
  bool in_used = false;
  for (int n = 1; std::getline(in, text); ++n) {
    std::smatch m;
    if (std::regex_match(text, m, heading)) {
      key = m[1];
      in_used = false;
      if (!out.emplace(key, Entry{n, {}}).second) duplicates.push_back(key);
      continue;
    }
    if (text.rfind("#", 0) == 0) key.clear();
    if (key.empty()) continue;
    if (text.rfind("- Used in:", 0) == 0) in_used = true;
    else if (text.rfind("- ", 0) == 0 || text.empty()) in_used = false;
    if (!in_used) continue;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), path); it != std::sregex_iterator(); ++it) {
      out[key].used_in.insert((*it)[1]);
    }
  }
  return out;
}

struct Citation {
  std::string file;
  int line;
  std::string key;
};

std::vector<Citation> citations_in(const std::string& file) {
  static const std::regex cite(R"(\[@([a-z0-9_]+)\]|docs/sources\.md#([a-z0-9_]+))");
  std::vector<Citation> out;
  std::istringstream in(slurp(kRoot / file));
  std::string text;
  for (int n = 1; std::getline(in, text); ++n) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), cite); it != std::sregex_iterator(); ++it) {
      std::string key = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      if (key != kPlaceholder) out.push_back({file, n, key});
    }
  }
  return out;
}

std::vector<Citation> all_citations() {
  std::vector<Citation> out;
  for (const auto& f : citing_files()) {
    if (f == kSources) continue;  // an entry naming another is not a use
    auto c = citations_in(f);
    out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

TEST(Sources, NothingPointsOutsideTheRepository) {
  // The developer notes the sources were learnt from are not part of the
  // repository; neither are their section numbers or source numbers.
  static const std::regex outside(
      R"((\.\./shared|shared/reference|\b(clinical|pharmacology|mechanism)\.md\b|\[S[0-9]+\]))");
  std::vector<std::string> found;
  for (const auto& f : citing_files()) {
    std::istringstream in(slurp(kRoot / f));
    std::string text;
    for (int n = 1; std::getline(in, text); ++n) {
      std::smatch m;
      if (std::regex_search(text, m, outside)) found.push_back(f + ":" + std::to_string(n) + ": " + m[0].str());
    }
  }
  EXPECT_TRUE(found.empty()) << "cite a key of docs/sources.md instead:\n" << testing::PrintToString(found);
}

TEST(Sources, EveryEntryHasAUniqueKey) {
  std::vector<std::string> duplicates;
  auto e = entries(duplicates);
  EXPECT_TRUE(duplicates.empty()) << testing::PrintToString(duplicates);
  EXPECT_GT(e.size(), 20u) << "docs/sources.md lost its entries";
}

TEST(Sources, EveryCitedKeyHasAnEntry) {
  std::vector<std::string> duplicates;
  auto e = entries(duplicates);
  std::vector<std::string> missing;
  for (const auto& c : all_citations()) {
    if (!e.contains(c.key)) missing.push_back(c.file + ":" + std::to_string(c.line) + ": " + c.key);
  }
  EXPECT_TRUE(missing.empty()) << "no entry in docs/sources.md for:\n" << testing::PrintToString(missing);
}

TEST(Sources, EveryEntryIsCitedWhereItSaysAndNowhereElse) {
  std::vector<std::string> duplicates;
  auto e = entries(duplicates);
  std::map<std::string, std::set<std::string>> cited_by;  // key -> files
  for (const auto& c : all_citations()) cited_by[c.key].insert(c.file);
  std::vector<std::string> problems;
  for (const auto& [key, entry] : e) {
    const auto& actual = cited_by[key];
    if (actual.empty()) problems.push_back(key + ": cited nowhere");
    for (const auto& f : entry.used_in) {
      if (!actual.contains(f)) problems.push_back(key + ": listed as used in " + f + ", which does not cite it");
    }
    for (const auto& f : actual) {
      if (!entry.used_in.contains(f)) problems.push_back(key + ": cited by " + f + ", missing from its Used in");
    }
  }
  EXPECT_TRUE(problems.empty()) << testing::PrintToString(problems);
}

// The reader of this test's input: a citation is found where it is written,
// in either form, and a heading in prose is not an entry.
TEST(Sources, CitationFormsAreRecognised) {
  auto cites = [](const std::string& file, const std::string& key) {
    for (const auto& c : citations_in(file))
      if (c.key == key) return true;
    return false;
  };
  EXPECT_TRUE(cites("src/clinic/policy.h", "murrough2013bp"));  // [@murrough2013bp]
  EXPECT_TRUE(cites("src/pharm/ke0.h", "minto2003"));           // docs/sources.md#minto2003
  EXPECT_FALSE(cites("docs/style.md", kPlaceholder));            // the form explained, not a citation
}

}  // namespace
