#include "auth/audit_anchor.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "auth/audit.h"

namespace kc::auth {
namespace {

bool is_hash(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string_view trim(std::string_view line) {
  const auto begin = line.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

Result<Anchor> parse_anchor(std::string_view text, std::string_view field) {
  Anchor a;
  const auto colon = text.find(':');
  const auto id_text = text.substr(0, std::min(colon, text.size()));
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), a.id);
  const bool ok = colon != std::string_view::npos && ec == std::errc{} && end == id_text.data() + id_text.size() &&
                  a.id >= 0 && is_hash(text.substr(colon + 1)) && (a.id > 0 || text.substr(colon + 1) == kGenesisHash);
  if (!ok)
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' is not ID:HASH as printed by `audit verify` (a number, ':', 64 hex digits)",
                            field, text.substr(0, 80)));
  a.hash = std::string(text.substr(colon + 1));
  return a;
}

std::string to_string(const Anchor& anchor) { return fmt::format("{}:{}", anchor.id, anchor.hash); }

Result<std::vector<Anchor>> parse_anchor_lines(std::string_view text, std::string_view name) {
  std::vector<Anchor> out;
  int number = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const auto line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto anchor = parse_anchor(line.substr(0, line.find_first_of(" \t")), fmt::format("{}:{}", name, number));
    if (!anchor) return std::unexpected(anchor.error());
    out.push_back(std::move(*anchor));
  }
  return out;
}

std::string anchor_line(const Anchor& anchor, clinic::Instant taken_at) {
  return fmt::format("{} {}\n", to_string(anchor), date::format("%FT%TZ", taken_at));
}

}  // namespace kc::auth
