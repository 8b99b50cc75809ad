#pragma once
// A hash chain: every entry carries the hash of its canonical form, and that
// form ends with the previous entry's hash, so editing an entry changes its
// hash and removing one breaks the next entry's link. Ids are consecutive from
// the chain's start, so a removal shows as a gap even when the next entry is
// re-linked. It serves the audit trail (auth/audit.h) and is meant for the
// controlled-substance ledger too.
//
// The hash function is a parameter, because core links no cryptography: the
// audit trail passes SHA-256 from auth/secrets.h. No I/O. A HashChain is a
// value; it is not safe to share between threads while it is fed.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kc {

// Fields in a canonical, length-prefixed form, so that no two different
// sequences of fields share a form ("ab","c" and "a","bc" differ). Untyped:
// "<length>:<bytes>;" per field, integers as their decimal digits and null as
// an empty field. Typed: the same with a tag in front ('t' text, 'i' integer,
// 'n' null), so that the text "4" and the integer 4, or null and "", differ.
class CanonicalForm {
 public:
  enum class Tags : std::uint8_t { untyped, typed };

  // `domain` opens the form as it is (e.g. "kc-audit-v2;"), so forms of
  // different chains or formulas never coincide.
  CanonicalForm(std::string_view domain, Tags tags) : tags_(tags), bytes_(domain) {}

  CanonicalForm& text(std::string_view value) { return field('t', value); }
  CanonicalForm& integer(std::int64_t value);
  CanonicalForm& null() { return field('n', {}); }
  CanonicalForm& optional_integer(const std::optional<std::int64_t>& value) {
    return value ? integer(*value) : null();
  }

  const std::string& bytes() const { return bytes_; }

 private:
  CanonicalForm& field(char tag, std::string_view value);

  Tags tags_;
  std::string bytes_;
};

// The digest of some bytes as text (lower-case hex for SHA-256). Must be a
// pure function: the same bytes always give the same digest.
using HashFunction = std::function<std::string(std::string_view bytes)>;

// The hash of an entry with `fields` linked after `prev_hash`: of its fields
// followed by `prev_hash` as one more text field.
std::string link_hash(const HashFunction& hash, const CanonicalForm& fields, std::string_view prev_hash);

// Where a chain stands: the last entry accepted, or the start (id 0 and the
// genesis hash of a new chain, or an entry verified before).
struct ChainHead {
  std::int64_t id = 0;
  std::string hash;
  bool operator==(const ChainHead&) const = default;
};

// One entry as the chain sees it: its id, the link and hash it carries, and
// its own fields (without the link) in canonical form.
struct ChainEntry {
  std::int64_t id = 0;
  std::string_view prev_hash, hash;
  CanonicalForm fields;
};

// The first entry that does not fit, and how.
struct ChainBreak {
  enum class Kind : std::uint8_t {
    gap,      // its id is not the next one: entries are missing (or repeated)
    link,     // its prev_hash is not the hash of the entry before it
    content,  // its hash is not the hash of its fields: it was edited
  };
  Kind kind = Kind::gap;
  std::int64_t id = 0;        // the entry that broke the chain
  std::int64_t after_id = 0;  // the last entry that fitted (the head)
};

// "entry 7: its hash does not match its content (edited)", and the like.
std::string describe(const ChainBreak& broken);

class HashChain {
 public:
  HashChain(HashFunction hash, ChainHead start) : hash_(std::move(hash)), head_(std::move(start)) {}

  // The checks, in this order: the id follows the head (gap), the entry links
  // to the head's hash (link), its hash is that of its fields (content). A
  // caller with checks of its own runs them between `gap` and `seal`.
  std::optional<ChainBreak> gap(std::int64_t id) const;
  std::optional<ChainBreak> seal(const ChainEntry& entry) const;
  std::optional<ChainBreak> check(const ChainEntry& entry) const;

  // Moves the head to an entry that passed the checks.
  void accept(std::int64_t id, std::string_view hash);

  // Checks and accepts; once an entry broke the chain, refuses every later one
  // and keeps the first break.
  bool add(const ChainEntry& entry);

  const ChainHead& head() const { return head_; }
  const std::optional<ChainBreak>& first_break() const { return broken_; }
  // The hash an entry with `fields` has when it is appended after the head.
  std::string next_hash(const CanonicalForm& fields) const { return link_hash(hash_, fields, head_.hash); }

 private:
  HashFunction hash_;
  ChainHead head_;
  std::optional<ChainBreak> broken_;
};

}  // namespace kc
