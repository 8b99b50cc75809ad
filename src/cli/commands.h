#pragma once
// Each subcommand lives in its own file and registers itself on the root app;
// src/app/main.cpp lists them in one table. `exit_code` receives the result.
#include <CLI/CLI.hpp>

namespace kc::cli {

using Register = void (*)(CLI::App& root, int& exit_code);

void register_models(CLI::App& root, int& exit_code);
void register_sim(CLI::App& root, int& exit_code);
void register_brain(CLI::App& root, int& exit_code);
void register_tci(CLI::App& root, int& exit_code);
void register_pop(CLI::App& root, int& exit_code);
void register_plan(CLI::App& root, int& exit_code);
void register_validate(CLI::App& root, int& exit_code);
void register_score(CLI::App& root, int& exit_code);
void register_serve(CLI::App& root, int& exit_code);
void register_db(CLI::App& root, int& exit_code);
void register_user(CLI::App& root, int& exit_code);
void register_audit(CLI::App& root, int& exit_code);

}  // namespace kc::cli
