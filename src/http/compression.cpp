#include "http/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>

namespace kc::http {
namespace {

// Brotli's window for one-shot compression of small bodies: 256 KiB is more than
// any API response needs and keeps the encoder's tables small.
constexpr int kBrotliWindowBits = 18;

std::optional<std::string> brotli_fast(std::string_view body) {
  std::string out(BrotliEncoderMaxCompressedSize(body.size()), '\0');
  std::size_t size = out.size();
  if (out.empty() ||
      !BrotliEncoderCompress(1, kBrotliWindowBits, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const std::uint8_t*>(body.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    return std::nullopt;
  out.resize(size);
  return out;
}

std::optional<std::string> gzip_fast(std::string_view body) {
  z_stream z{};
  constexpr int kGzipWindowBits = 15 + 16;  // 16: a gzip header and trailer, not zlib's
  if (deflateInit2(&z, 1, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));  // zlib does not write the input
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

bool is_json(std::string_view content_type) {
  const auto base = content_type.substr(0, content_type.find(';'));
  return base == "application/json" || base == "application/problem+json" || base.ends_with("+json");
}

bool has_header(const ApiResponse& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(), [name](const auto& header) {
    return header.first.size() == name.size() &&
           std::equal(name.begin(), name.end(), header.first.begin(),
                      [](char a, char b) { return (a | 0x20) == (b | 0x20); });
  });
}

}  // namespace

std::optional<std::string> compress_fast(std::string_view body, Coding coding) {
  switch (coding) {
    case Coding::identity: return std::nullopt;
    case Coding::gzip: return gzip_fast(body);
    case Coding::br: return brotli_fast(body);
  }
  return std::nullopt;
}

void compress_response(ApiResponse& response, std::string_view accept_encoding, std::size_t min_bytes) {
  if (min_bytes == 0 || response.body.size() < min_bytes || !is_json(response.content_type) || has_header(response, "Content-Encoding"))
    return;
  response.headers.emplace_back("Vary", "Accept-Encoding");
  const Coding coding = choose_coding(accept_encoding, {.br = true, .gzip = true});
  auto compressed = compress_fast(response.body, coding);
  if (!compressed || compressed->size() >= response.body.size()) return;
  response.body = std::move(*compressed);
  response.headers.emplace_back("Content-Encoding", std::string(coding_name(coding)));
}

}  // namespace kc::http
