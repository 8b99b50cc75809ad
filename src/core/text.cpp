#include "core/text.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

namespace kc {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t bytes;
};

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The code point starting at `at`, or nullopt for any ill-formed sequence
// (the table of well-formed sequences in Unicode §3.9, D92).
std::optional<CodePoint> decode(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[at + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return CodePoint{b0, 1};
  std::size_t n = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return std::nullopt;
  }
  if (at + n > s.size() || byte(1) < low || byte(1) > high) return std::nullopt;
  char32_t value = b0 & (0xFF >> (n + 1));
  for (std::size_t i = 1; i < n; ++i) {
    if (!continuation(byte(i))) return std::nullopt;
    value = (value << 6) | (byte(i) & 0x3F);
  }
  return CodePoint{value, n};
}

bool refused(char32_t c, TextKind kind) {
  if (kind == TextKind::multiline && (c == U'\n' || c == U'\t')) return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029;
}

std::string_view class_of(char32_t c) {
  if (c == U'\r' || c == U'\n' || c == 0x2028 || c == 0x2029) return "a line break";
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return "a control character";
  return "a bidirectional formatting character";
}

}  // namespace

Result<std::string> check_text(std::string_view text, TextKind kind, std::string_view field) {
  std::string out;
  out.reserve(text.size());
  std::size_t position = 0;
  for (std::size_t at = 0; at < text.size();) {
    ++position;
    auto cp = decode(text, at);
    if (!cp)
      return fail(ErrorCode::invalid_argument, std::string(field),
                  fmt::format("{}: is not valid UTF-8 at byte {}", field, at), "invalid_characters");
    if (kind == TextKind::multiline && cp->value == U'\r') {  // CRLF or a lone CR: one LF
      out += '\n';
      at += text.substr(at, 2) == "\r\n" ? 2 : 1;
      continue;
    }
    if (refused(cp->value, kind))
      return fail(ErrorCode::invalid_argument, std::string(field),
                  fmt::format("{}: contains {} (U+{:04X}) at position {}", field, class_of(cp->value),
                              static_cast<std::uint32_t>(cp->value), position),
                  "invalid_characters");
    out.append(text.substr(at, cp->bytes));
    at += cp->bytes;
  }
  return out;
}

std::string scrub_text(std::string_view text, TextKind kind) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    auto cp = decode(text, at);
    if (!cp) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, for one ill-formed byte
      ++at;
      continue;
    }
    if (kind == TextKind::multiline && cp->value == U'\r') {
      out += '\n';
      at += text.substr(at, 2) == "\r\n" ? 2 : 1;
      continue;
    }
    if (!refused(cp->value, kind)) out.append(text.substr(at, cp->bytes));
    at += cp->bytes;
  }
  return out;
}

std::string log_safe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  const auto shown = text.substr(0, max_bytes);
  out.reserve(shown.size() + 3);
  for (char ch : shown) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') out += "\\\\";
    else if (c >= 0x20 && c < 0x7F) out += ch;
    else out += fmt::format("\\x{:02X}", c);
  }
  if (text.size() > max_bytes) out += "...";
  return out;
}

}  // namespace kc
