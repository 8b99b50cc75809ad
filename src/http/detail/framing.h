#pragma once
// Checks of a request's header block (the request line through the blank
// line, as received) made before cpp-httplib parses it, for what decides where
// the body ends. The library takes the first of two Content-Length headers,
// reads "5abc" as 5, ignores a Transfer-Encoding other than exactly "chunked"
// and splits lines at a bare LF; a proxy in front may read the same bytes
// differently, which is how requests are smuggled (RFC 9112 §6.3, §11.2). So:
// - two Content-Length headers with different values, or one that is not a
//   plain number of bytes: refused;
// - Transfer-Encoding together with Content-Length, twice, or other than
//   "chunked": refused;
// - a bare CR or LF, another control character, a folded line (leading white
//   space), a line without a colon, or white space before the colon: refused.
// A refusal is invalid_argument with reason "bad_framing" naming the header
// (field "Content-Length", "Transfer-Encoding", or "headers"); the caller
// answers 400 and closes the connection, since the body was not read. (A
// valid chunked body is refused by the caller too: detail/connection.h.)
#include <cstdint>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace kc::http::detail {

// How a request that passed the checks says where its body ends.
enum class BodyFraming { none, content_length, chunked };
struct Framing {
  BodyFraming body = BodyFraming::none;
  std::uint64_t content_length = 0;  // with BodyFraming::content_length
};

// `head` ends with the blank line ("...\r\n\r\n").
Result<Framing> check_framing(std::string_view head);

// The method and the path without the query of a request line, for the
// access log of a refused request ("" for what is missing).
std::pair<std::string_view, std::string_view> request_target(std::string_view head);

}  // namespace kc::http::detail
