#pragma once
// Anchors of the audit trail: "ID:HASH", an entry's id and its chain hash, as
// `audit verify` prints the head. Someone who can write the database file can
// rewrite the whole trail consistently (hashes, high-water mark and all); an
// anchor kept where they cannot write (another machine, a ticket, a mail)
// still shows it: the entry must still be on the chain with that hash, and the
// chain must reach it. ChainVerifier (audit.h) checks them.
//
// An anchor file holds one anchor a line, as its first word; anything after
// it (a time stamp) is a note. Blank lines and lines starting with '#' are
// skipped. Text only here: reading and appending files is the CLI's.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/time.h"
#include "core/error.h"

namespace kc::auth {

struct Anchor {
  std::int64_t id = 0;  // 0 only with the genesis hash: an empty trail
  std::string hash;     // 64 lowercase hex digits
  friend bool operator==(const Anchor&, const Anchor&) = default;
};

// "ID:HASH". invalid_argument naming `field` when it is not one.
Result<Anchor> parse_anchor(std::string_view text, std::string_view field);
std::string to_string(const Anchor& anchor);

// Every anchor of an anchor file's text; an error names `name:LINE`.
Result<std::vector<Anchor>> parse_anchor_lines(std::string_view text, std::string_view name);
// The line `audit anchor` and `serve --audit-anchor` append, with the time it
// was taken: "ID:HASH 2026-11-27T10:00:00Z\n".
std::string anchor_line(const Anchor& anchor, clinic::Instant taken_at);

}  // namespace kc::auth
