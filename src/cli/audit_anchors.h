#pragma once
// The audit trail's anchor files on disk (their format and checks are
// src/auth/audit_anchor.h), and one verification of the whole trail that
// `audit verify`, `audit anchor` and `serve --audit-anchor` share.
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/ports.h"

namespace kc::cli {

// The anchors in `path`. invalid_argument naming `field` when the file
// cannot be read (a missing file is empty when `missing_is_empty`), and
// naming the file and line when a line is not an anchor.
Result<std::vector<auth::Anchor>> read_anchor_file(const std::string& path, std::string_view field,
                                                   bool missing_is_empty);

// Appends `line` to `path` (created if needed) and syncs it to disk, so that
// an anchor that was reported as kept is kept.
Result<void> append_anchor_line(const std::string& path, std::string_view field, const std::string& line);

// Feeds the entries after `chain.last_id()` through `chain` and finishes it
// with the high-water marks of the same snapshot. An error only when the
// store cannot be read; a break is in `chain.problem()`.
Result<void> verify_trail(auth::AuditStore& store, auth::ChainVerifier& chain);

}  // namespace kc::cli
