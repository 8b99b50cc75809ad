#include "cli/audit_anchors.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kc::cli {
namespace {

Error io_error(std::string_view field, std::string_view what, const std::string& path) {
  return Error{ErrorCode::invalid_argument, std::string(field),
               fmt::format("{}: cannot {} {}: {}", field, what, path, std::strerror(errno))};
}

}  // namespace

Result<std::vector<auth::Anchor>> read_anchor_file(const std::string& path, std::string_view field,
                                                   bool missing_is_empty) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (missing_is_empty && errno == ENOENT) return std::vector<auth::Anchor>{};
    return std::unexpected(io_error(field, "read", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::unexpected(io_error(field, "read", path));
  return auth::parse_anchor_lines(text.str(), path);
}

Result<void> append_anchor_line(const std::string& path, std::string_view field, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(io_error(field, "open", path));
  // One write of a short line in append mode: concurrent writers do not interleave within it.
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  const auto failure = written ? Error{} : io_error(field, "append to", path);
  ::close(fd);
  if (!written) return std::unexpected(failure);
  return {};
}

Result<void> verify_trail(auth::AuditStore& store, auth::ChainVerifier& chain) {
  auto high = store.scan_audit(chain.last_id(), [&chain](const auth::StoredEntry& e) { return chain.add(e); });
  if (!high) return std::unexpected(high.error());
  chain.finish(*high);
  return {};
}

}  // namespace kc::cli
