// `ketaclinic audit verify` and `audit anchor`: walk the audit trail and check
// every entry's stored types, hash and link, the high-water mark, and anchors
// kept outside the database (src/auth/audit.h, docs/security.md).
//
// verify: exit 0 when intact, printing the entry count and the head as
// ID:HASH (an anchor worth keeping elsewhere); 1 with the first break; 2 for
// bad arguments or an unreadable file.
// anchor: verifies the same way, then prints the head as an anchor line
// ("ID:HASH TIME", for `>> FILE` from cron) or appends it to --anchor-file
// after checking the anchors already there; nothing is written when broken.
#include <fmt/format.h>

#include <algorithm>

#include "auth/audit.h"
#include "auth/secrets.h"
#include "cli/audit_anchors.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/serve_wiring.h"
#include "store/open_store.h"

namespace kc::cli {
namespace {

constexpr int kExitBroken = 1;

struct AuditArgs {
  std::string db = "ketaclinic.db";
  std::string anchor;       // "ID:HASH" noted earlier
  std::string anchor_file;  // one anchor a line
};

// The anchors to check: --anchor and every line of --anchor-file.
Result<std::vector<auth::Anchor>> anchors_of(const AuditArgs& a, bool missing_file_is_empty) {
  std::vector<auth::Anchor> anchors;
  if (!a.anchor_file.empty()) {
    auto lines = read_anchor_file(a.anchor_file, "anchor-file", missing_file_is_empty);
    if (!lines) return std::unexpected(lines.error());
    anchors = std::move(*lines);
  }
  if (!a.anchor.empty()) {
    auto one = auth::parse_anchor(a.anchor, "anchor");
    if (!one) return std::unexpected(one.error());
    anchors.push_back(std::move(*one));
  }
  return anchors;
}

// The verified chain, or the exit code when it could not be verified at all.
Result<auth::ChainVerifier> check(const AuditArgs& a, const std::vector<auth::Anchor>& anchors) {
  if (!auth::crypto_ready()) return fail(ErrorCode::internal, "", "libsodium could not start");
  auto store = store::open(a.db, {.create = false});
  if (!store) return std::unexpected(store.error());
  auth::ChainVerifier chain;
  chain.expect(anchors);
  if (auto ok = verify_trail(**store, chain); !ok) return std::unexpected(ok.error());
  return chain;
}

int broken(std::string_view command, const auth::ChainVerifier& chain) {
  fmt::print(stderr, "ketaclinic {}: BROKEN after {} intact entries: {}\n", command, chain.count(), chain.problem());
  return kExitBroken;
}

int verify(const AuditArgs& a) {
  auto anchors = anchors_of(a, false);
  if (!anchors) return report("audit verify", anchors.error());
  auto chain = check(a, *anchors);
  if (!chain) return report("audit verify", chain.error());
  if (!chain->intact()) return broken("audit verify", *chain);
  fmt::print("audit trail intact: {} entries\nhead: {}\n", chain->count(), to_string(chain->head_anchor()));
  if (!anchors->empty())
    fmt::print("anchors: {} checked; the newest, entry {}, is on the chain\n", anchors->size(),
               std::max_element(anchors->begin(), anchors->end(), [](auto& x, auto& y) { return x.id < y.id; })->id);
  return kExitOk;
}

int anchor(const AuditArgs& a) {
  auto anchors = anchors_of(a, true);
  if (!anchors) return report("audit anchor", anchors.error());
  auto chain = check(a, *anchors);
  if (!chain) return report("audit anchor", chain.error());
  if (!chain->intact()) return broken("audit anchor", *chain);
  const auto line = auth::anchor_line(chain->head_anchor(), SystemClock().now());
  if (a.anchor_file.empty()) {
    fmt::print("{}", line);
    return kExitOk;
  }
  if (auto ok = append_anchor_line(a.anchor_file, "anchor-file", line); !ok) return report("audit anchor", ok.error());
  return kExitOk;
}

}  // namespace

void register_audit(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  auto* cmd = root.add_subcommand("audit", "The audit trail: verify its hash chain, keep anchors of it");
  cmd->require_subcommand(1);
  auto* v = cmd->add_subcommand("verify", "check every entry's types, hash and link and the anchors; exit 1 at the first break");
  v->add_option("--db", args->db, "SQLite database file")->capture_default_str();
  v->add_option("--anchor", args->anchor, "ID:HASH printed by an earlier verify: it must still be on the chain");
  v->add_option("--anchor-file", args->anchor_file, "a file of anchors (audit anchor, serve --audit-anchor): all checked");
  v->callback([args, &exit_code] { exit_code = verify(*args); });
  auto* a = cmd->add_subcommand("anchor", "verify, then print the head as an anchor line (or append it to --anchor-file)");
  a->add_option("--db", args->db, "SQLite database file")->capture_default_str();
  a->add_option("--anchor-file", args->anchor_file, "check the anchors in this file, then append the head to it");
  a->callback([args, &exit_code] { exit_code = anchor(*args); });
}

}  // namespace kc::cli
