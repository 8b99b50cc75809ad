#pragma once
// Composition root of `ketaclinic serve`: opens the store, loads
// configuration and (with --demo) demo data and demo accounts, builds the
// clinic and auth use cases and the HTTP server (over TLS with a certificate),
// and runs it until SIGTERM/SIGINT.
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "clinic/patients.h"
#include "clinic/scheduler.h"
#include "catalog/clinic_config.h"

namespace kc::cli {

struct ServeOptions {
  std::string db = "ketaclinic.db";
  std::string listen = "127.0.0.1:8080";
  std::string access_log = "-";
  std::string sync = "full";  // SQLite synchronous: full or normal
  int threads = 64;
  std::string request_timeout = "10s";   // a whole request's line, headers and body (http/server.h)
  int max_connections_per_client = 16;  // 0: no limit
  int compress_api_min_bytes = 0;        // 0: API JSON is never compressed
  bool demo = false;
  std::string clinics;  // a clinics file (data/demo/clinics.json format) to seed an empty database
  std::string tls_cert, tls_key;  // PEM files: serve HTTPS
  std::string staff_idle = "30min", patient_idle = "15min";  // session idle expiry
  std::string audit_anchor;                  // an anchor file of the audit trail to keep up to date (cli/anchor_keeper.h)
  std::string audit_anchor_every = "15min";  // how often it gets the head
  std::filesystem::path data_dir;
  std::filesystem::path web;  // the built web app (web/dist); empty: API only
  bool web_optional = false;  // the default folder: when it is not built, warn and serve the API only
};

// Returns the process exit code (docs: src/cli/exit_codes.h).
int run_serve(const ServeOptions& options);

// The wall clock, to the second.
class SystemClock final : public clinic::Clock {
 public:
  clinic::Instant now() const override;
};

struct DemoSeed {
  int booked = 0;                               // appointments
  std::map<std::string, clinic::Id> patients;  // demo key ("demo-04") -> patient id
};

// Registers the demo patients and books their appointments relative to today
// (the first free start at or after the preferred time, within a week).
// Bookings that fail are logged and skipped.
Result<DemoSeed> seed_demo_bookings(const catalog::DemoData& demo, clinic::Scheduler& scheduler,
                                    clinic::PatientService& patients);

// `serve --demo` on a database without clinics: `seed` builds the server's
// services on a copy ("DB.seeding", which seeds it) and closes them; the copy
// then replaces DB in one rename. A server killed while seeding leaves DB as
// it was, and the next start seeds again from the beginning.
Result<void> seed_demo_staged(const std::string& db, const std::function<Result<void>(const std::string& staged_db)>& seed);

}  // namespace kc::cli
