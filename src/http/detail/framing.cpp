#include "http/detail/framing.h"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace kc::http::detail {
namespace {

std::unexpected<Error> refuse(std::string field, std::string message) {
  return fail(ErrorCode::invalid_argument, std::move(field), std::move(message), "bad_framing");
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

std::string_view trim_ows(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// CR only before LF, LF only after CR, no other control character but TAB.
Result<void> check_bytes(std::string_view head) {
  for (std::size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    const bool crlf = (c == '\r' && i + 1 < head.size() && head[i + 1] == '\n') || (c == '\n' && i > 0 && head[i - 1] == '\r');
    if ((c < 0x20 && c != '\t' && !crlf) || c == 0x7f)
      return refuse("headers", "headers: a bare CR or LF or a control character in the header block");
  }
  return {};
}

// What the header lines say about the body's length.
struct Seen {
  std::optional<std::string_view> content_length;
  int transfer_encodings = 0;
};

Result<void> check_content_length(std::string_view value, Seen& f) {
  if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string_view::npos)
    return refuse("Content-Length", fmt::format("Content-Length: '{}' is not a number of bytes", value));
  if (f.content_length && *f.content_length != value)
    return refuse("Content-Length",
                  fmt::format("Content-Length: two different values ({} and {})", *f.content_length, value));
  f.content_length = value;
  return {};
}

Result<void> check_transfer_encoding(std::string_view value, Seen& f) {
  if (++f.transfer_encodings > 1) return refuse("Transfer-Encoding", "Transfer-Encoding: given twice");
  if (!iequals(value, "chunked"))
    return refuse("Transfer-Encoding", fmt::format("Transfer-Encoding: '{}' is not accepted, only chunked", value));
  return {};
}

Result<void> check_line(std::string_view line, Seen& f) {
  if (line.front() == ' ' || line.front() == '\t')
    return refuse("headers", "headers: a line starts with white space (obsolete line folding)");
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return refuse("headers", "headers: a line without a header name");
  const auto name = line.substr(0, colon);
  if (name.find_first_of(" \t") != std::string_view::npos)
    return refuse("headers", fmt::format("headers: white space before the colon of '{}'", trim_ows(name)));
  const auto value = trim_ows(line.substr(colon + 1));
  if (iequals(name, "Content-Length")) return check_content_length(value, f);
  if (iequals(name, "Transfer-Encoding")) return check_transfer_encoding(value, f);
  return {};
}

}  // namespace

Result<Framing> check_framing(std::string_view head) {
  if (auto ok = check_bytes(head); !ok) return std::unexpected(ok.error());
  const auto request_line_end = head.find("\r\n");
  if (request_line_end == std::string_view::npos) return Framing{};  // the library answers 400
  Seen f;
  auto rest = head.substr(request_line_end + 2);
  for (auto end = rest.find("\r\n"); end != 0 && end != std::string_view::npos; end = rest.find("\r\n")) {
    if (auto ok = check_line(rest.substr(0, end), f); !ok) return std::unexpected(ok.error());
    rest.remove_prefix(end + 2);
  }
  if (f.content_length && f.transfer_encodings > 0)
    return refuse("Transfer-Encoding", "Transfer-Encoding: not allowed together with Content-Length");
  if (f.content_length) return Framing{BodyFraming::content_length, std::stoull(std::string(*f.content_length))};
  return Framing{f.transfer_encodings > 0 ? BodyFraming::chunked : BodyFraming::none, 0};
}

std::pair<std::string_view, std::string_view> request_target(std::string_view head) {
  const auto line = head.substr(0, head.find("\r\n"));
  const auto space = line.find(' ');
  if (space == std::string_view::npos || space > 16) return {};  // not a method: log nothing of it
  auto target = line.substr(space + 1);
  target = target.substr(0, target.find_first_of(" ?"));
  return {line.substr(0, space), target};
}

}  // namespace kc::http::detail
