// `ketaclinic audit verify`: walks the audit trail and checks its hash chain.
// Exit 0 when intact (printing the entry count and the head hash, worth
// keeping elsewhere: see docs/security.md), 1 with the first break otherwise,
// 2 for bad arguments.
#include <fmt/format.h>

#include <charconv>

#include "auth/audit.h"
#include "auth/secrets.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::cli {
namespace {

constexpr int kExitBroken = 1;

struct AuditArgs {
  std::string db = "ketaclinic.db";
  std::string anchor;  // "ID:HASH" noted earlier
};

struct Anchor {
  std::int64_t id = 0;
  std::string hash;
};

Result<Anchor> parse_anchor(const std::string& text) {
  Anchor a;
  const auto colon = text.find(':');
  const auto [end, ec] = std::from_chars(text.data(), text.data() + std::min(colon, text.size()), a.id);
  if (colon == std::string::npos || ec != std::errc{} || a.id < 1 || text.size() - colon - 1 != 64)
    return fail(ErrorCode::invalid_argument, "anchor", "--anchor: give ID:HASH as printed by an earlier verify");
  a.hash = text.substr(colon + 1);
  return a;
}

// The first break, or "" when intact.
Result<std::string> verify(store::sqlite::SqliteStore& store, auth::ChainVerifier& chain, const std::optional<Anchor>& anchor) {
  std::string anchor_problem;
  auto ok = store.scan_audit([&](const auth::AuditEntry& e) {
    if (!chain.add(e)) return false;
    if (anchor && e.id == anchor->id && e.hash != anchor->hash)
      anchor_problem = fmt::format("entry {}: its hash differs from the anchor (the chain was rewritten)", e.id);
    return anchor_problem.empty();
  });
  if (!ok) return std::unexpected(ok.error());
  if (!chain.intact()) return chain.problem();
  if (!anchor_problem.empty()) return anchor_problem;
  auto high = store.audit_high_water();
  if (!high) return std::unexpected(high.error());
  if (*high > chain.last_id())
    return fmt::format("entries {} to {} are missing (the newest entries were removed)", chain.last_id() + 1, *high);
  if (anchor && anchor->id > chain.last_id()) return fmt::format("entry {} of the anchor is missing", anchor->id);
  return std::string{};
}

int run(const AuditArgs& a) {
  std::optional<Anchor> anchor;
  if (!a.anchor.empty()) {
    auto parsed = parse_anchor(a.anchor);
    if (!parsed) return report("audit verify", parsed.error());
    anchor = *parsed;
  }
  if (!auth::crypto_ready()) return report("audit verify", Error{ErrorCode::internal, "", "libsodium could not start"});
  auto store = store::sqlite::SqliteStore::open(a.db, {.create = false});
  if (!store) return report("audit verify", store.error());
  auth::ChainVerifier chain;
  auto problem = verify(**store, chain, anchor);
  if (!problem) return report("audit verify", problem.error());
  if (!problem->empty()) {
    fmt::print(stderr, "ketaclinic audit verify: BROKEN after {} intact entries: {}\n", chain.count(), *problem);
    return kExitBroken;
  }
  fmt::print("audit trail intact: {} entries\nhead: {}:{}\n", chain.count(), chain.last_id(), chain.head());
  return kExitOk;
}

}  // namespace

void register_audit(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  auto* cmd = root.add_subcommand("audit", "The audit trail: verify its hash chain");
  cmd->require_subcommand(1);
  auto* v = cmd->add_subcommand("verify", "check every entry's hash and link; exit 1 at the first break");
  v->add_option("--db", args->db, "SQLite database file")->capture_default_str();
  v->add_option("--anchor", args->anchor, "ID:HASH printed by an earlier verify, to detect a rewritten chain");
  v->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
