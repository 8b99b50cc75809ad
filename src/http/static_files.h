#pragma once
// The web app's built files (web/dist) served next to the API, public to all.
// - /api/... and /healthz are never static: serve() returns nullopt for them,
//   and for methods other than GET/HEAD, so the Router answers.
// - A path naming a regular file under the root is that file, with its MIME
//   type; a path without a file extension that names no file is the single-page
//   app's own route and gets index.html (SPA fallback); a missing file with an
//   extension is a 404 problem.
// - Caching: Vite's content-hashed files under /assets/ are immutable for a
//   year; everything else (index.html above all) is "no-cache" with an ETag, so
//   a new build is picked up at once and an unchanged one answers 304.
// - No path leaves the root. serve() takes the path exactly as the client sent
//   it (before percent-decoding): only "/" or "/name/name..." with plain file
//   names (letters, digits, "-", "_", "~", "." not leading) is looked up, so
//   "//", "..", ".", hidden names, any %-escape, backslashes, control and
//   non-ASCII bytes answer 404; a file found is served only if, with symbolic
//   links resolved, it is a regular file inside the root.
// - Precompressed copies: the build writes X.br and X.gz beside a compressible
//   file X (scripts/precompress.mjs). The copy Accept-Encoding prefers is sent
//   (content_coding.h: q-values, br before gzip, identity otherwise) with
//   Content-Encoding, X's Content-Type, an ETag of its own and, whenever X has a
//   copy, "Vary: Accept-Encoding". A copy older than X, or outside the root
//   with links resolved, is not used; a path naming a copy ("/x.js.br", any
//   name ending in .br or .gz) is a 404, so a copy is only ever reached through
//   the file it belongs to, after the checks above.
// Files are read per request (a rebuilt app needs no restart). Thread-safe.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "http/router.h"

namespace kc::http {

// What a file request carries: `raw_path` is the request target's path, not
// percent-decoded; the other two are the request headers ("" when absent).
struct FileRequest {
  Method method = Method::get;
  std::string_view raw_path;
  std::string_view if_none_match;
  std::string_view accept_encoding;
};

class StaticFiles {
 public:
  // invalid_argument (field "web") unless `root` holds an index.html.
  static Result<StaticFiles> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }

  // The response for a GET or HEAD outside the API; nullopt when the request
  // belongs to the API router.
  std::optional<ApiResponse> serve(const FileRequest& request) const;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

// The MIME type for a file name by its extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view file_name);

}  // namespace kc::http
