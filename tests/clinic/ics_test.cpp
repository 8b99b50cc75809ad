// .ics TEXT values (RFC 5545 §3.3.11) and line folding (§3.1): one case per
// character class, and folding at every offset of multi-byte text.
#include <gtest/gtest.h>

#include "clinic/ics.h"
#include "fixtures.h"

namespace kc::clinic {
namespace {

using namespace testing;

struct EscapeCase {
  const char* name;
  std::string in, out;
};

TEST(IcsEscapeTest, EachCharacterClassIsEscapedOrLeftOut) {
  using namespace std::string_literals;
  const std::vector<EscapeCase> cases{
      {"plain", "Infusion at Allen", "Infusion at Allen"},
      {"backslash", "a\\b", "a\\\\b"},
      {"semicolon", "a;b", "a\\;b"},
      {"comma", "a,b", "a\\,b"},
      {"colon and quote stay", "a:\"b\"", "a:\"b\""},
      {"LF", "a\nb", "a\\nb"},
      {"CRLF", "a\r\nb", "a\\nb"},
      {"lone CR", "a\rb", "a\\nb"},
      {"TAB stays (WSP)", "a\tb", "a\tb"},
      {"NUL", "a\0b"s, "ab"},
      {"ESC", "a\x1b[31mb", "a[31mb"},
      {"DEL", "a\x7f" "b", "ab"},
      {"C1 control", "a\xc2\x85" "b", "ab"},
      {"RLO", "a\xe2\x80\xae" "b", "ab"},
      {"LRI and PDI", "a\xe2\x81\xa6" "b\xe2\x81\xa9", "ab"},
      {"line separator", "a\xe2\x80\xa8" "b", "ab"},
      {"invalid UTF-8", "a\xff" "b", "a\xef\xbf\xbd" "b"},
      {"a content line cannot be injected", "x\r\nATTENDEE:mailto:evil@example.org",
       "x\\nATTENDEE:mailto:evil@example.org"},
      {"an escape cannot be closed early", "x\\;\\,", "x\\\\\\;\\\\\\,"},
      {"non-ASCII stays", "Zoë 李 😀", "Zoë 李 😀"},
  };
  for (const auto& c : cases) EXPECT_EQ(ics_escape(c.in), c.out) << c.name;
}

// Every physical line is at most 75 octets, continuation lines start with one
// space, no line starts inside a UTF-8 sequence, and unfolding gives the line back.
void expect_folded(const std::string& line) {
  const auto folded = ics_fold(line);
  ASSERT_TRUE(folded.ends_with("\r\n"));
  std::string unfolded;
  std::size_t begin = 0;
  for (auto end = folded.find("\r\n"); end != std::string::npos; begin = end + 2, end = folded.find("\r\n", begin)) {
    const auto physical = std::string_view(folded).substr(begin, end - begin);
    EXPECT_LE(physical.size(), 75u) << physical;
    if (begin > 0) {
      ASSERT_EQ(physical.front(), ' ');
      ASSERT_GT(physical.size(), 1u);
      EXPECT_NE(static_cast<unsigned char>(physical[1]) & 0xC0, 0x80) << "split UTF-8 at " << begin;
    }
    unfolded += begin > 0 ? physical.substr(1) : physical;
  }
  EXPECT_EQ(unfolded, line);
}

TEST(IcsFoldTest, NoLineExceeds75OctetsWhateverTheCharactersAndOffsets) {
  for (const std::string ch : {"x", "\xc3\xa9", "\xe6\x9d\x8e", "\xf0\x9f\x98\x80"}) {  // 1 to 4 octets
    for (int prefix = 0; prefix < 8; ++prefix) {
      SCOPED_TRACE(::testing::Message() << ch.size() << "-octet characters after " << prefix);
      std::string line = "DESCRIPTION:" + std::string(static_cast<std::size_t>(prefix), 'a');
      for (int i = 0; i < 60; ++i) line += ch;
      expect_folded(line);
    }
  }
  expect_folded("SHORT:line");
  expect_folded(std::string(75, 'x'));
  EXPECT_EQ(ics_fold(std::string(75, 'x')), std::string(75, 'x') + "\r\n");
  EXPECT_EQ(ics_fold(std::string(76, 'x')), std::string(75, 'x') + "\r\n x\r\n");
}

TEST(IcsFoldTest, ACalendarFileOfHostileClinicTextStaysWellFormed) {
  Location loc;
  loc.name = "Evil\r\nATTENDEE:mailto:x@example.org;\xe2\x80\xae\x1b[2J";
  loc.address = {std::string(80, 'z') + "\xc3\xa9", "Allen", "TX", "75013", "US"};
  loc.phone = "+1 972-555-0101\n";
  Appointment a;
  a.id = 7;
  a.visit = {at("2026-11-02T09:00:00-06:00"), at("2026-11-02T10:55:00-06:00")};
  const auto text = to_ics(a, loc, infusion(), {"example.org", at("2026-11-01T12:00:00Z")});
  EXPECT_EQ(text.find("\r\nATTENDEE"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find("\xe2\x80\xae"), std::string::npos);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      EXPECT_EQ(text[i - 1], '\r') << "a bare LF at " << i;
    }
    if (c == '\r') {
      EXPECT_EQ(text[i + 1], '\n') << "a bare CR at " << i;
    }
    EXPECT_TRUE(c >= 0x20 || c == '\r' || c == '\n' || c == '\t') << "control " << int{c} << " at " << i;
  }
  std::size_t begin = 0;
  for (auto end = text.find("\r\n"); end != std::string::npos; begin = end + 2, end = text.find("\r\n", begin))
    EXPECT_LE(end - begin, 75u) << text.substr(begin, end - begin);
}

}  // namespace
}  // namespace kc::clinic
