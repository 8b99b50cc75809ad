// Which characters text fields may hold (one case per character class), the
// normalisation of line breaks in multi-line text, and log-safe escaping.
#include "core/text.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

struct Refused {
  const char* name;
  std::string text;
  bool in_multiline_too;  // refused in free text as well as in one-line fields
};

std::vector<Refused> refused_cases() {
  using namespace std::string_literals;
  return {
      {"NUL", "a\0b"s, true},
      {"SOH", "a\x01"s, true},
      {"ESC (terminal colours)", "\x1b[31mred", true},
      {"backspace", "ab\x08", true},
      {"unit separator", "a\x1f", true},
      {"DEL", "a\x7f", true},
      {"C1 NEL U+0085", "a\xc2\x85", true},
      {"C1 CSI U+009B", "a\xc2\x9b", true},
      {"C1 U+0080", "\xc2\x80", true},
      {"LRE U+202A", "a\xe2\x80\xaa", true},
      {"RLE U+202B", "a\xe2\x80\xab", true},
      {"PDF U+202C", "a\xe2\x80\xac", true},
      {"LRO U+202D", "a\xe2\x80\xad", true},
      {"RLO U+202E", "evil\xe2\x80\xaetxt.exe", true},
      {"LRI U+2066", "a\xe2\x81\xa6", true},
      {"RLI U+2067", "a\xe2\x81\xa7", true},
      {"FSI U+2068", "a\xe2\x81\xa8", true},
      {"PDI U+2069", "a\xe2\x81\xa9", true},
      {"line separator U+2028", "a\xe2\x80\xa8" "b", true},
      {"paragraph separator U+2029", "a\xe2\x80\xa9" "b", true},
      {"LF", "a\nb", false},
      {"CR", "a\rb", false},
      {"CRLF", "a\r\nb", false},
      {"TAB", "a\tb", false},
      {"invalid byte 0xFF", "a\xff", true},
      {"stray continuation byte", "\x80", true},
      {"truncated sequence", "\xe2\x82", true},
      {"overlong NUL", "\xc0\x80", true},
      {"overlong slash", "\xe0\x80\xaf", true},
      {"UTF-8 encoded surrogate U+D800", "\xed\xa0\x80", true},
      {"above U+10FFFF", "\xf4\x90\x80\x80", true},
  };
}

TEST(TextTest, RefusesEachClassOfCharacterNamingTheField) {
  for (const auto& c : refused_cases()) {
    SCOPED_TRACE(c.name);
    auto line = check_text(c.text, TextKind::line, "given_name");
    ASSERT_FALSE(line.has_value());
    EXPECT_EQ(line.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(line.error().field, "given_name");
    EXPECT_EQ(line.error().reason, "invalid_characters");
    auto free = check_text(c.text, TextKind::multiline, "note");
    EXPECT_EQ(free.has_value(), !c.in_multiline_too);
    if (!free) {
      EXPECT_EQ(free.error().field, "note");
    }
  }
}

TEST(TextTest, AcceptsOrdinaryTextOfEveryScript) {
  for (const char* text : {"", "Ariel", "O'Brien-Smith", "Zoë Ångström", "محمد", "עברית", "李小龙", "😀 emoji",
                           "a@b.example", "+1 (972) 555-0101", "U+FFFD \xef\xbf\xbd", "\xf4\x8f\xbf\xbf"}) {
    auto r = check_text(text, TextKind::line, "f");
    ASSERT_TRUE(r.has_value()) << text;
    EXPECT_EQ(*r, text);
  }
}

TEST(TextTest, MultilineTextKeepsLfAndTabAndStoresCrlfAndCrAsLf) {
  struct Case {
    std::string in, out;
  };
  for (const auto& c : std::vector<Case>{{"one\ntwo", "one\ntwo"},
                                         {"one\r\ntwo\r\n", "one\ntwo\n"},
                                         {"one\rtwo", "one\ntwo"},
                                         {"\r\r\n", "\n\n"},
                                         {"a\tb", "a\tb"}}) {
    auto r = check_text(c.in, TextKind::multiline, "note");
    ASSERT_TRUE(r.has_value()) << c.in;
    EXPECT_EQ(*r, c.out);
  }
}

TEST(TextTest, TheMessageSaysWhichCharacterAndWhere) {
  auto r = check_text("ab\x1b", TextKind::line, "family_name");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("U+001B"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("position 3"), std::string::npos) << r.error().message;
  auto bidi = check_text("é\xe2\x80\xae", TextKind::line, "f");
  EXPECT_NE(bidi.error().message.find("(U+202E) at position 2"), std::string::npos) << bidi.error().message;
  auto bytes = check_text("ab\xff", TextKind::line, "f");
  EXPECT_NE(bytes.error().message.find("byte 2"), std::string::npos) << bytes.error().message;
}

TEST(TextTest, ScrubbedTextHoldsOnlyWhatCheckTextAccepts) {
  for (const auto& c : refused_cases()) {
    SCOPED_TRACE(c.name);
    for (auto kind : {TextKind::line, TextKind::multiline}) {
      const auto scrubbed = scrub_text("x" + c.text + "y", kind);
      auto again = check_text(scrubbed, kind, "f");
      ASSERT_TRUE(again.has_value()) << again.error().message;
      EXPECT_EQ(*again, scrubbed);
      EXPECT_EQ(scrubbed.front(), 'x');
      EXPECT_EQ(scrubbed.back(), 'y');
    }
  }
  EXPECT_EQ(scrub_text("a\x1b[31mb\xe2\x80\xae" "c", TextKind::line), "a[31mbc");
  EXPECT_EQ(scrub_text("a\xff" "b", TextKind::line), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(scrub_text("one\r\ntwo\rthree\n", TextKind::multiline), "one\ntwo\nthree\n");
  EXPECT_EQ(scrub_text("one\r\ntwo", TextKind::line), "onetwo");
  EXPECT_EQ(scrub_text("Zoë 李", TextKind::line), "Zoë 李");
}

TEST(TextTest, LogSafeTextIsPrintableAsciiOnOneLine) {
  using namespace std::string_literals;
  EXPECT_EQ(log_safe("/api/v1/patients/7"), "/api/v1/patients/7");
  EXPECT_EQ(log_safe("a\nb\r\x1b[31m"), "a\\x0Ab\\x0D\\x1B[31m");
  EXPECT_EQ(log_safe("\0\xff"s), "\\x00\\xFF");
  EXPECT_EQ(log_safe("\xe2\x80\xae"), "\\xE2\\x80\\xAE");
  EXPECT_EQ(log_safe("back\\slash"), "back\\\\slash");  // so that "\x0A" in the input cannot pose as an escape
  EXPECT_EQ(log_safe(std::string(300, 'a')), std::string(256, 'a') + "...");
  EXPECT_EQ(log_safe("abcdef", 3), "abc...");
}

}  // namespace
}  // namespace kc
