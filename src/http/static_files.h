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
// Files are read per request (a rebuilt app needs no restart). Thread-safe.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "http/router.h"

namespace kc::http {

class StaticFiles {
 public:
  // invalid_argument (field "web") unless `root` holds an index.html.
  static Result<StaticFiles> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }

  // The response for a GET or HEAD of `raw_path` (the request target's path,
  // not percent-decoded) outside the API; nullopt when the request belongs to
  // the API router. `if_none_match` is the request header.
  std::optional<ApiResponse> serve(Method method, std::string_view raw_path, std::string_view if_none_match) const;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

// The MIME type for a file name by its extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view file_name);

}  // namespace kc::http
