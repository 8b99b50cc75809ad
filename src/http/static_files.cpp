#include "http/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "http/content_coding.h"
#include "http/problem.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
// The app loads only its own scripts, styles and data; nothing may frame it.
constexpr std::string_view kPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

bool is_api(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz";
}

// The raw request path (before any percent-decoding) is "/" or a sequence of
// "/name" segments, each a plain file name: letters, digits, "-", "_", "~" and
// ".", not starting with "." (no "..", no hidden files), never empty (no "//",
// which would make the rest an absolute path). The built app needs nothing
// else, so every escape ("%2e", "%2f", "%5c", "%00", overlong UTF-8), backslash,
// control byte or non-ASCII byte is refused rather than interpreted.
bool plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '~' || c == '.';
}

bool is_plain_segment(std::string_view segment) {
  return !segment.empty() && segment.front() != '.' && std::all_of(segment.begin(), segment.end(), plain_char);
}

bool is_safe(std::string_view path) {
  constexpr std::size_t kMaxPathBytes = 1024;
  if (path == "/") return true;
  if (path.empty() || path.front() != '/' || path.size() > kMaxPathBytes) return false;
  std::string_view rest = path.substr(1);
  for (;;) {
    const auto slash = rest.find('/');
    if (!is_plain_segment(rest.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    rest = rest.substr(slash + 1);
  }
}

// Whether `file`, with every symbolic link resolved, is a regular file inside
// `root` (itself canonical): a link out of the folder is not served.
bool is_inside(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  const auto real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return false;
  const auto [root_end, real_end] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  return root_end == root.end() && real_end != real.end();
}

bool has_extension(std::string_view path) {
  const auto name = path.substr(path.rfind('/') + 1);
  return name.find('.') != std::string_view::npos;
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return body;
}

// Size and modification time identify a build's file well enough to revalidate;
// the coding keeps the representations of one file apart.
std::string etag(const fs::path& file, Coding coding) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  const auto name = coding_name(coding);
  return fmt::format("\"{:x}-{:x}{}{}\"", size, static_cast<unsigned long long>(mtime), name.empty() ? "" : "-", name);
}

// The build's precompressed copy of `file` (X.br, X.gz) is used when it is a
// regular file inside the root and not older than `file` (a copy left from an
// earlier build would be another file's content).
bool has_sibling(const fs::path& root, const fs::path& file, Coding coding) {
  fs::path sibling = file;
  sibling += std::string(coding_suffix(coding));
  if (!is_inside(root, sibling)) return false;
  std::error_code ec;
  const auto sibling_time = fs::last_write_time(sibling, ec);
  if (ec) return false;
  const auto file_time = fs::last_write_time(file, ec);
  return !ec && sibling_time >= file_time;
}

// Precompressed copies are representations of their file, never files of their own.
bool names_sibling(std::string_view path) { return path.ends_with(".br") || path.ends_with(".gz"); }

ApiResponse file_response(const fs::path& root, const fs::path& file, std::string_view cache, const FileRequest& request) {
  const Available available{has_sibling(root, file, Coding::br), has_sibling(root, file, Coding::gzip)};
  const Coding coding = choose_coding(request.accept_encoding, available);
  fs::path served = file;
  served += std::string(coding_suffix(coding));
  auto tag = etag(served, coding);
  ApiResponse out{200, std::string(mime_type(file.filename().string())), {}, {}};
  out.headers = {{"Cache-Control", std::string(cache)}, {"ETag", tag}, {"X-Content-Type-Options", "nosniff"}};
  if (available.br || available.gzip) out.headers.emplace_back("Vary", "Accept-Encoding");
  if (coding != Coding::identity) out.headers.emplace_back("Content-Encoding", std::string(coding_name(coding)));
  if (out.content_type.starts_with("text/html")) {
    out.headers.emplace_back("Content-Security-Policy", std::string(kPolicy));
    out.headers.emplace_back("Referrer-Policy", "same-origin");
  }
  if (request.if_none_match == tag) {
    out.status = 304;
    return out;
  }
  auto body = read_file(served);
  if (!body) return problem(Error{ErrorCode::internal, "path", fmt::format("cannot read {}", served.string())});
  out.body = std::move(*body);
  return out;
}

}  // namespace

Result<StaticFiles> StaticFiles::open(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_regular_file(root / "index.html", ec))
    return fail(ErrorCode::invalid_argument, "web",
                fmt::format("--web: {} has no index.html (build the web app: scripts/build-web.sh)", root.string()));
  return StaticFiles(fs::canonical(root, ec));
}

std::optional<ApiResponse> StaticFiles::serve(const FileRequest& request) const {
  const auto raw_path = request.raw_path;
  if (request.method != Method::get || is_api(raw_path)) return std::nullopt;
  if (!is_safe(raw_path) || names_sibling(raw_path))
    return problem(Error{ErrorCode::not_found, "path", "no such file", "no_file"});
  const fs::path file = root_ / fs::path(raw_path.substr(1));
  if (raw_path != "/" && is_inside(root_, file))
    return file_response(root_, file, raw_path.starts_with("/assets/") ? kImmutable : kRevalidate, request);
  if (has_extension(raw_path)) return problem(Error{ErrorCode::not_found, "path", "no such file", "no_file"});
  return file_response(root_, root_ / "index.html", kRevalidate, request);
}

std::string_view mime_type(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},     {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},              {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},                    {".webp", "image/webp"},
      {".ico", "image/x-icon"},                   {".woff2", "font/woff2"},
      {".woff", "font/woff"},                     {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [extension, type] : kTypes)
    if (name.ends_with(extension)) return type;
  return "application/octet-stream";
}

}  // namespace kc::http
