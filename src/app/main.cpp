// ketaclinic: one binary, a table of subcommands (each in src/cli/<name>.cpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace {

constexpr kc::cli::Register kCommands[] = {
    kc::cli::register_models,
    kc::cli::register_sim,
    kc::cli::register_brain,
    kc::cli::register_tci,
    kc::cli::register_pop,
    kc::cli::register_plan,
    kc::cli::register_validate,
    kc::cli::register_score,
    kc::cli::register_serve,
    kc::cli::register_db,
    kc::cli::register_user,
    kc::cli::register_audit,
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ketaclinic: software for ketamine clinics, with a pharmacology engine"};
  app.name("ketaclinic");
  app.require_subcommand(1);
  app.set_version_flag("--version", "ketaclinic " KC_VERSION);
  int exit_code = kc::cli::kExitOk;
  for (auto add : kCommands) add(app, exit_code);
  const auto named = [&](CLI::App* sub) { return argc > 1 && sub->check_name(argv[1]); };
  if (argc > 1 && argv[1][0] != '-' && app.get_subcommands(named).empty()) {
    fmt::print(stderr, "ketaclinic: error: unknown command '{}'. Run ketaclinic --help for the list.\n", argv[1]);
    return kc::cli::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 and say which argument (CLI11's own codes differ).
    fmt::print(stderr, "ketaclinic: error: {}\nRun with --help for usage.\n", e.what());
    return kc::cli::kExitUsage;
  }
  return exit_code;
}
