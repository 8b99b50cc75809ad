// `ketaclinic db migrate|status|backup`: schema migrations and online backups.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "store/open_store.h"

namespace kc::cli {
namespace {

struct DbArgs {
  std::string db = "ketaclinic.db";
  std::string target;
};

int migrate(const DbArgs& args) {
  auto change = store::migrate(args.db);
  if (!change) return report("db migrate", change.error());
  fmt::print("{}: schema version {} -> {}\n", args.db, change->before, change->after);
  return kExitOk;
}

int status(const DbArgs& args) {
  auto version = store::schema_version(args.db);
  if (!version) return report("db status", version.error());
  fmt::print("{}: schema version {} (this program: {})\n", args.db, *version, store::latest_schema_version());
  return kExitOk;
}

int backup(const DbArgs& args) {
  auto store = store::open(args.db);
  if (!store) return report("db backup", store.error());
  if (auto ok = (*store)->backup_to(args.target); !ok) return report("db backup", ok.error());
  fmt::print("{}: backed up to {}\n", args.db, args.target);
  return kExitOk;
}

}  // namespace

void register_db(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<DbArgs>();
  auto* cmd = root.add_subcommand("db", "Database maintenance: migrate, status, backup");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "SQLite database file")->capture_default_str();
  // --db may come before or after the action ("db --db F migrate" or "db migrate --db F").
  auto* m = cmd->add_subcommand("migrate", "apply pending schema migrations")->fallthrough();
  m->callback([args, &exit_code] { exit_code = migrate(*args); });
  auto* s = cmd->add_subcommand("status", "print the schema version")->fallthrough();
  s->callback([args, &exit_code] { exit_code = status(*args); });
  auto* b = cmd->add_subcommand("backup", "copy the live database with SQLite's online backup API")->fallthrough();
  b->add_option("FILE", args->target, "the backup file to write")->required();
  b->callback([args, &exit_code] { exit_code = backup(*args); });
}

}  // namespace kc::cli
