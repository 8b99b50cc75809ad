// `ketaclinic serve`: the clinic server (JSON API under /api/v1, the web app at /).
#include <cstdlib>

#include "catalog/models.h"
#include "cli/commands.h"
#include "cli/serve_wiring.h"

namespace kc::cli {
namespace {

// Where the built web app is: $KETACLINIC_WEB_DIR, else the source tree's
// web/dist that the binary was built from, else ../share/ketaclinic/web next to
// the executable (as catalog::default_data_dir() finds data/).
std::filesystem::path default_web_dir() {
  if (const char* env = std::getenv("KETACLINIC_WEB_DIR"); env != nullptr && *env != '\0') return env;
  const auto source = std::filesystem::path(KC_SOURCE_DIR) / "web" / "dist";
  if (std::filesystem::exists(source / "index.html")) return source;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return exe.parent_path().parent_path() / "share" / "ketaclinic" / "web";
}

}  // namespace

void register_serve(CLI::App& root, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = root.add_subcommand("serve", "Run the clinic server: JSON API under /api/v1, /healthz, the web app at /");
  cmd->add_option("--db", options->db, "SQLite database file; created and migrated when needed")->capture_default_str();
  cmd->add_option("--listen", options->listen, "address to listen on, HOST:PORT")->capture_default_str();
  cmd->add_flag("--demo", options->demo,
                "load the demo clinics, patients, appointments and demo accounts (README) into an empty database");
  cmd->add_option("--clinics", options->clinics, "load locations, staff and chairs from this file into an empty database")
      ->check(CLI::ExistingFile);
  cmd->add_option("--web", options->web, "folder of the built web app, served at / (default: the source tree's web/dist)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--threads", options->threads, "worker threads (each serves one connection at a time)")
      ->check(CLI::Range(2, 4096))
      ->capture_default_str();
  cmd->add_option("--request-timeout", options->request_timeout,
                  "a request's line, headers and body must arrive within this time (1s to 10min); else 408")
      ->capture_default_str();
  cmd->add_option("--max-connections-per-client", options->max_connections_per_client,
                  "open connections per client address (IPv6: per /64); more get 503. 0: no limit "
                  "(behind a reverse proxy every client is the proxy)")
      ->check(CLI::Range(0, 1'000'000))
      ->capture_default_str();
  cmd->add_option("--compress-api-min", options->compress_api_min_bytes,
                  "compress API JSON bodies of at least this many bytes (Brotli 1 or gzip 1) for clients that accept "
                  "it; 0: never (the web app's files are always sent precompressed)")
      ->check(CLI::Range(0, 1 << 30))
      ->capture_default_str();
  cmd->add_option("--access-log", options->access_log, "access log: - (stderr), off, or a file")->capture_default_str();
  cmd->add_option("--tls-cert", options->tls_cert, "serve HTTPS with this PEM certificate (needs --tls-key)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", options->tls_key, "the PEM private key of --tls-cert")->check(CLI::ExistingFile);
  cmd->add_option("--staff-idle", options->staff_idle, "end staff sessions after this long without a request")
      ->capture_default_str();
  cmd->add_option("--patient-idle", options->patient_idle, "end patient sessions after this long without a request")
      ->capture_default_str();
  cmd->add_option("--audit-anchor", options->audit_anchor,
                  "append the audit trail's head (ID:HASH) to this file at start, periodically and at shutdown");
  cmd->add_option("--audit-anchor-every", options->audit_anchor_every, "how often --audit-anchor gets the head")
      ->capture_default_str();
  cmd->add_option("--sync", options->sync, "SQLite synchronous mode: full (fsync every commit) or normal")
      ->check(CLI::IsMember({"full", "normal"}))
      ->capture_default_str();
  cmd->callback([options, &exit_code] {
    options->data_dir = catalog::default_data_dir();
    if (options->web.empty()) {
      options->web = default_web_dir();
      options->web_optional = true;
    }
    exit_code = run_serve(*options);
  });
}

}  // namespace kc::cli
