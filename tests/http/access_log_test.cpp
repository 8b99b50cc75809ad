// The access log writes client text (the path) so that it can never split,
// colour or reorder a line: one line per request, printable ASCII only, valid
// JSON that gives the path back (invalid UTF-8 as U+FFFD).
#include "http/access_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kc::http {
namespace {

TEST(AccessLogTest, HostilePathsStayOnePrintableLineOfJson) {
  using namespace std::string_literals;
  const auto file = std::filesystem::temp_directory_path() / ("kc-access-" + std::to_string(getpid()) + ".log");
  std::filesystem::remove(file);
  struct Case {
    std::string path, logged;  // what the client sent, what the line's "path" says
  };
  const std::vector<Case> cases{
      {"/api/v1/patients/7", "/api/v1/patients/7"},
      {"/a\r\n{\"forged\":true}", "/a\r\n{\"forged\":true}"},
      {"/\x1b[2J\x1b[31mred", "/\x1b[2J\x1b[31mred"},
      {"/evil\xe2\x80\xaetxt.exe", "/evil\xe2\x80\xaetxt.exe"},
      {"/nul\0x"s, "/nul\0x"s},
      {"/bad\xff\xfe", "/bad\xef\xbf\xbd\xef\xbf\xbd"},
      {"/quote\"and\\backslash", "/quote\"and\\backslash"},
      {"/c1\xc2\x85", "/c1\xc2\x85"},
  };
  {
    auto log = AccessLog::open(file.string());
    ASSERT_TRUE(log.has_value()) << log.error().message;
    std::uint64_t id = 0;
    for (const auto& c : cases) (*log)->write({++id, "GET", c.path, "127.0.0.1", 404, 10, std::chrono::microseconds(5)});
  }  // flushed on destruction
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ASSERT_LT(n, cases.size()) << line;
    for (unsigned char c : line) ASSERT_TRUE(c >= 0x20 && c < 0x7F) << "byte " << int{c} << " in " << line;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(record.is_discarded()) << line;
    EXPECT_EQ(record["path"], cases[n].logged) << line;
    EXPECT_EQ(record["method"], "GET");
    EXPECT_EQ(record["remote"], "127.0.0.1");
    ++n;
  }
  EXPECT_EQ(n, cases.size());
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace kc::http
