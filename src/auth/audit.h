#pragma once
// The audit trail: one entry per access to patient data (reads included,
// refusals included) and per account event (login, logout, tokens, users).
//
// Entries are hash-chained (core/hash_chain.h, with SHA-256): each carries the
// hash of its canonical form, which includes the previous entry's hash, so
// editing an entry changes its hash and deleting one breaks the next entry's
// link. Ids are consecutive from
// 1, so a gap is a deletion too. Two formulas exist (`hash_version`): 1, the
// text of each field (entries written before schema migration 7), and 2, each
// field with a type tag, so that the text "4" and the integer 4 differ. The
// store reports how each column is stored (`StoredEntry`), and the verifier
// refuses a column of another type than this program writes, whichever formula.
//
// What a chain cannot show by itself is the removal of the newest entries:
// the store keeps a high-water mark apart from the rows (`HighWater`), and an
// anchor (`audit_anchor.h`) kept outside the database catches even a
// consistent rewrite of everything (docs/security.md says what is caught).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit_anchor.h"
#include "clinic/model.h"
#include "core/hash_chain.h"

namespace kc::auth {

enum class Outcome { allowed, denied, failed };
std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);
// allowed for 1xx-3xx, denied for 401, 403 and 429, failed otherwise.
Outcome outcome_for_status(int status);

// The hash formulas: 1 untyped (entries before migration 7), 2 typed (written now).
inline constexpr int kUntypedHash = 1;
inline constexpr int kTypedHash = 2;

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the store, consecutive from 1
  clinic::Instant at;
  std::string actor_kind;   // anonymous, staff, patient, system
  std::string actor_id;     // account id ("" when anonymous), or e.g. "cli"
  std::string actor_roles;  // "prescriber+admin"
  std::string client;       // remote address, or "local" for the command line
  std::string action;       // read, create, update, delete, login, logout, ...
  std::string resource_kind, resource_id;
  std::optional<clinic::Id> patient_id;  // the patient whose data it is, when known
  std::string operation;                 // the route's operationId, or the command
  Outcome outcome = Outcome::allowed;
  int status = 0;  // HTTP status, or the command's exit code
  std::string prev_hash, hash;
  int hash_version = kTypedHash;  // the formula of `hash`
};

// The hash before the first entry.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The SHA-256 (hex) of the entry's fields and prev_hash by the formula of its
// hash_version, each field length-prefixed (and, from version 2, type-tagged)
// so no two different entries share a canonical form. Precondition:
// hash_version is kUntypedHash or kTypedHash (the verifier checks stored ones).
std::string chain_hash(const AuditEntry& entry);

// SQLite's storage classes, as a store reads a column back.
enum class StoredType : std::uint8_t { null, integer, real, text, blob };
std::string_view to_string(StoredType type);

// The columns of an entry, in the order the store keeps them.
inline constexpr std::array<std::string_view, 16> kAuditColumns = {
    "id",          "at_s",      "actor_kind", "actor_id", "actor_roles", "client",    "action", "resource_kind",
    "resource_id", "patient_id", "operation", "outcome",  "status",      "prev_hash", "hash",   "hash_version"};
using ColumnTypes = std::array<StoredType, kAuditColumns.size()>;

// The storage class of every column as this program writes `entry`: integer
// for id, at_s, status and hash_version; integer or null for patient_id; text
// for the others.
ColumnTypes written_types(const AuditEntry& entry);

// One entry as the store read it back: the values (converted to their C++
// types) and how each column was actually stored.
struct StoredEntry {
  AuditEntry entry;
  ColumnTypes types{};
};

// What the store keeps apart from the rows about the newest entry, read in
// the same snapshot as the rows.
struct HighWater {
  std::optional<std::int64_t> mark;  // the highest id ever appended; nullopt when its record is gone
  std::int64_t sequence = 0;         // SQLite's AUTOINCREMENT counter (resettable, so a second opinion)
};

// Checks entries fed in id order, then the high-water mark and the anchors;
// remembers the first break.
class ChainVerifier {
 public:
  ChainVerifier();
  // Continues after an entry already verified: the next one must be from.id + 1 linked to from.hash.
  explicit ChainVerifier(const Anchor& from);

  // Anchors kept outside the database: each must be an entry of the chain
  // with that hash, and the chain must reach the newest. Anchors at or before
  // the starting point of a continued verifier are not examined.
  void expect(std::vector<Anchor> anchors);

  // False once a break was found (later entries are not examined).
  bool add(const StoredEntry& stored);
  // An entry as this program writes it (its columns of the written types).
  bool add(const AuditEntry& entry);
  // After the last entry: the high-water mark matches the newest entry and
  // every anchor was reached. False when broken (now or before).
  bool finish(const HighWater& high);

  bool intact() const { return !broken_; }
  std::int64_t count() const { return count_; }  // entries added and intact
  std::int64_t last_id() const { return chain_.head().id; }
  const std::string& head() const { return chain_.head().hash; }
  Anchor head_anchor() const { return {last_id(), head()}; }
  std::size_t anchors_checked() const { return next_anchor_; }
  // Which entry broke the chain and how ("entry 7: its hash does not match its content").
  const std::string& problem() const { return problem_; }

 private:
  bool fail(std::string why);
  std::string check(const StoredEntry& stored) const;
  std::string check_anchors(const AuditEntry& entry);

  bool broken_ = false;
  HashChain chain_;  // ids, links and hashes (core/hash_chain.h)
  std::int64_t count_ = 0;
  int last_version_ = kUntypedHash;
  std::string problem_;
  std::vector<Anchor> anchors_;  // sorted by id
  std::size_t next_anchor_ = 0;  // anchors before it were checked
};

}  // namespace kc::auth
