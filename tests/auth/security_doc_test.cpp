// docs/security.md prints the permission table; this test reads it back and
// compares it with src/auth/permissions.cpp, so the two cannot drift apart.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "auth/permissions.h"

namespace kc::auth {
namespace {

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  std::getline(in, cell, '|');  // before the first bar
  while (std::getline(in, cell, '|')) {
    const auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
  }
  return out;
}

// permission name -> the roles marked "x" in the documented table.
std::map<std::string, std::vector<Role>> documented_table() {
  std::ifstream doc(std::string(KC_SOURCE_DIR) + "/docs/security.md");
  std::map<std::string, std::vector<Role>> out;
  std::string line;
  while (std::getline(doc, line) && !line.starts_with("| permission | patient |")) {}
  std::getline(doc, line);  // | --- |
  while (std::getline(doc, line) && line.starts_with("|")) {
    const auto row = cells(line);
    auto& roles = out[row.at(0)];
    for (std::size_t i = 0; i < std::size(kRoles); ++i)
      if (row.at(i + 1) == "x") roles.push_back(kRoles[i]);
  }
  return out;
}

TEST(SecurityDocTest, TheDocumentedTableIsTheTableInCode) {
  const auto table = documented_table();
  ASSERT_EQ(table.size(), static_cast<std::size_t>(kPermissionCount - 2)) << "every permission but undeclared and public";
  for (int i = 0; i < kPermissionCount; ++i) {
    const auto p = static_cast<Permission>(i);
    if (p == Permission::undeclared || p == Permission::public_) continue;
    SCOPED_TRACE(std::string(to_string(p)));
    const auto it = table.find(std::string(to_string(p)));
    ASSERT_NE(it, table.end());
    std::vector<Role> holders;
    for (auto r : kRoles)
      if (permissions_of(r).has(p)) holders.push_back(r);
    EXPECT_EQ(it->second, holders);
  }
}

}  // namespace
}  // namespace kc::auth
