#pragma once
// Compression of dynamic responses (API JSON), done here rather than by
// cpp-httplib: the library would compress every text or JSON body at Brotli's
// slowest quality, which costs more than the request itself. Here a body is
// compressed only when asked — JSON of at least `min_bytes` (0: never), no
// Content-Encoding of its own yet, a client that accepts br or gzip — at the
// fastest level (Brotli quality 1, preferred, or gzip level 1), and kept only
// if smaller. A response that could be compressed says "Vary: Accept-Encoding"
// whichever coding it got. Off by default (`serve --compress-api-min`): on
// loopback even Brotli quality 1 costs ~40 % of the API's throughput;
// docs/performance.md ("First load") has the numbers. Thread-safe.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/content_coding.h"
#include "http/router.h"

namespace kc::http {

// `body` in `coding` at its fastest level; nullopt for identity or when the
// encoder fails.
std::optional<std::string> compress_fast(std::string_view body, Coding coding);

// `response` compressed for `accept_encoding` as described above.
void compress_response(ApiResponse& response, std::string_view accept_encoding, std::size_t min_bytes);

}  // namespace kc::http
