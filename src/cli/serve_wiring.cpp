#include "cli/serve_wiring.h"

#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <charconv>
#include <set>
#include <thread>

#include "catalog/comparators.h"
#include "catalog/crisis_resources.h"
#include "catalog/dose_policy.h"
#include "catalog/eligibility_rules.h"
#include "catalog/flag_policy.h"
#include "catalog/instruments.h"
#include "catalog/intake_set.h"
#include "catalog/models.h"
#include "catalog/reference_ranges.h"
#include "catalog/treatment_gates.h"
#include "cli/anchor_keeper.h"
#include "cli/auth_wiring.h"
#include "cli/exit_codes.h"
#include "core/units.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "store/open_store.h"

namespace kc::cli {
namespace {

using namespace kc::clinic;

Result<std::pair<std::string, int>> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  int port = -1;
  if (colon != std::string::npos)
    std::from_chars(text.data() + colon + 1, text.data() + text.size(), port);
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535)
    return fail(ErrorCode::invalid_argument, "listen", fmt::format("--listen: '{}' is not HOST:PORT, e.g. 127.0.0.1:8080", text));
  return std::pair{text.substr(0, colon), port};
}

// Everything the server holds, in construction order (destroyed in reverse:
// the HTTP server stops before the store closes).
struct Services {
  std::unique_ptr<store::Store> store;
  BookingPolicy policy;
  Directory directory;
  Gazetteer gazetteer;
  SystemClock clock;
  std::unique_ptr<Scheduler> scheduler;
  std::unique_ptr<PatientService> patients;
  std::unique_ptr<Questionnaires> questionnaires;
  std::unique_ptr<SafetyFlags> flags;
  std::unique_ptr<Screenings> screenings;
  TreatmentGates treatment_gates;
  std::unique_ptr<BookingGates> gates;
  std::unique_ptr<FlagInbox> inbox;
  std::unique_ptr<AuthParts> auth;
  catalog::ModelCatalog models;
  pharm::ReferenceRanges ranges;
  pharm::DosePolicy dose_policy;
  std::vector<pharm::Benchmark> benchmarks;
};

// Questionnaires, safety flags and screening from data/ (instruments, the
// eligibility rules, crisis resources); the intake set is returned for the scheduler.
Result<IntakeSet> build_measures(Services& s, const ServeOptions& o, const std::vector<AppointmentType>& types) {
  auto instruments = catalog::load_instruments(o.data_dir);
  if (!instruments) return std::unexpected(instruments.error());
  auto rules = catalog::load_eligibility_rules(o.data_dir, *instruments);
  if (!rules) return std::unexpected(rules.error());
  auto crisis = catalog::load_crisis_resources(o.data_dir);
  if (!crisis) return std::unexpected(crisis.error());
  auto intake = catalog::load_intake_set(o.data_dir / "clinic" / "intake_set.json", *instruments, types);
  if (!intake) return std::unexpected(intake.error());
  const measures::Instrument& screening = **instruments->find(rules->screening_instrument);
  s.screenings = std::make_unique<Screenings>(std::move(*rules), screening, *s.store, *s.store, s.directory, s.clock);
  s.questionnaires = std::make_unique<Questionnaires>(std::move(instruments->instruments), std::move(*crisis),
                                                      *s.store, *s.store, s.clock);
  s.flags = std::make_unique<SafetyFlags>(*s.store, *s.store, s.directory, s.clock);
  auto gates = catalog::load_treatment_gates(o.data_dir / "clinic" / "treatment_gates.json", types);
  if (!gates) return std::unexpected(gates.error());
  s.treatment_gates = std::move(*gates);
  s.gates = std::make_unique<BookingGates>(s.treatment_gates, *s.store, *s.store, s.directory);
  auto flag_policy = catalog::load_flag_policy(o.data_dir / "clinic" / "flag_policy.json");
  if (!flag_policy) return std::unexpected(flag_policy.error());
  s.inbox = std::make_unique<FlagInbox>(std::move(*flag_policy), s.questionnaires->instruments(), *s.store, *s.store,
                                        s.directory, s.clock);
  return intake;
}

// "--staff-idle 30min" and the like, from a minute to a day.
Result<std::chrono::seconds> minutes_option(const std::string& text, std::string_view field) {
  auto minutes = units::parse_duration_min(text, field);
  if (!minutes) return std::unexpected(minutes.error());
  if (*minutes < 1 || *minutes > 24 * 60)
    return fail(ErrorCode::invalid_argument, std::string(field), fmt::format("{}: must be from 1min to 24h", field));
  return std::chrono::seconds(static_cast<std::int64_t>(*minutes * 60));
}

// "--request-timeout 10s": from a second to ten minutes.
Result<std::chrono::seconds> request_timeout_option(const std::string& text) {
  auto minutes = units::parse_duration_min(text, "request-timeout");
  if (!minutes) return std::unexpected(minutes.error());
  const auto seconds = std::llround(*minutes * 60);
  if (seconds < 1 || seconds > 600)
    return fail(ErrorCode::invalid_argument, "request-timeout", "request-timeout: must be from 1s to 10min");
  return std::chrono::seconds(seconds);
}

Result<auth::AuthSettings> auth_settings(const ServeOptions& o) {
  auth::AuthSettings settings;
  auto staff = minutes_option(o.staff_idle, "staff-idle");
  if (!staff) return std::unexpected(staff.error());
  auto patient = minutes_option(o.patient_idle, "patient-idle");
  if (!patient) return std::unexpected(patient.error());
  settings.session.staff_idle = *staff;
  settings.session.patient_idle = *patient;
  return settings;
}

// The demo's treatment visits are seeded straight through the scheduler; so
// that the demo agrees with the booking gates, each patient with one gets a
// screening and an "eligible" decision by the demo prescriber, marked as demo data.
Result<int> seed_demo_decisions(Services& s, const catalog::DemoData& demo, const DemoSeed& seeded) {
  const Actor system{"system", "demo-seed"};
  std::set<std::pair<Id, measures::Treatment>> decided;
  for (const auto& b : demo.bookings) {
    const auto treatment = s.treatment_gates.treatment(b.type);
    const auto patient = seeded.patients.find(b.patient_key);
    if (!treatment || patient == seeded.patients.end() || !decided.insert({patient->second, *treatment}).second) continue;
    auto screening = s.screenings->screen(patient->second, {*treatment, false, 124, 78, std::vector<measures::Medication>{}},
                                          system);
    if (!screening) return std::unexpected(screening.error());
    auto decision = s.screenings->decide(
        screening->id, {measures::Decision::eligible, "avery-demo", "Demo data: an invented patient, decided eligible"},
        system);
    if (!decision) return std::unexpected(decision.error());
  }
  return static_cast<int>(decided.size());
}

// With --demo on a fresh database: the demo patients, their bookings, the
// screening decisions their treatment visits need, and one account per role.
Result<void> seed_demo(Services& s, const ServeOptions& o) {
  auto demo = catalog::load_demo(o.data_dir / "demo");
  if (!demo) return std::unexpected(demo.error());
  auto seeded = seed_demo_bookings(*demo, *s.scheduler, *s.patients);
  if (!seeded) return std::unexpected(seeded.error());
  auto decisions = seed_demo_decisions(s, *demo, *seeded);
  if (!decisions) return std::unexpected(decisions.error());
  auto accounts = seed_demo_accounts(*s.auth->service, s.directory, seeded->patients);
  if (!accounts) return std::unexpected(accounts.error());
  spdlog::info("demo data: {} locations, {} patients, {} appointments, {} eligibility decisions, {} demo accounts (README)",
               s.directory.locations().size(), demo->patients.size(), seeded->booked, *decisions, *accounts);
  return {};
}

// An empty database receives the clinics of --clinics, or with --demo the demo
// clinics (and later the demo bookings). True when it was seeded now.
Result<bool> seed_directory(Services& s, const ServeOptions& o) {
  if (!o.demo && o.clinics.empty()) return false;
  auto clinics = catalog::load_clinics(o.clinics.empty() ? o.data_dir / "demo" / "clinics.json"
                                                        : std::filesystem::path(o.clinics));
  if (!clinics) return std::unexpected(clinics.error());
  auto seeded = s.store->seed_directory(*clinics);
  if (seeded) return true;
  if (seeded.error().code == ErrorCode::precondition_failed) return false;  // already has clinics
  return std::unexpected(seeded.error());
}

Result<void> load_directory(Services& s) {
  auto data = s.store->load_directory();
  if (!data) return std::unexpected(data.error());
  if (auto ok = validate(*data); !ok) return ok;
  s.directory = Directory(std::move(*data));
  return {};
}

Result<std::unique_ptr<Services>> build_services(const ServeOptions& o) {
  auto s = std::make_unique<Services>();
  auto store = store::open(o.db, {.fsync_each_commit = o.sync != "normal"});
  if (!store) return std::unexpected(store.error());
  s->store = std::move(*store);
  auto types = catalog::load_appointment_types(o.data_dir / "clinic" / "appointment_types.json");
  if (!types) return std::unexpected(types.error());
  if (auto ok = s->store->sync_appointment_types(*types); !ok) return std::unexpected(ok.error());
  auto policy = catalog::load_booking_policy(o.data_dir / "clinic" / "booking_policy.json");
  if (!policy) return std::unexpected(policy.error());
  s->policy = std::move(*policy);
  auto fresh = seed_directory(*s, o);
  if (!fresh) return std::unexpected(fresh.error());
  if (auto ok = load_directory(*s); !ok) return std::unexpected(ok.error());
  auto gazetteer = catalog::load_gazetteer(o.data_dir / "geo");
  if (!gazetteer) return std::unexpected(gazetteer.error());
  s->gazetteer = std::move(*gazetteer);
  auto intake = build_measures(*s, o, *types);
  if (!intake) return std::unexpected(intake.error());
  s->scheduler = std::make_unique<Scheduler>(s->directory, s->policy, *s->store, s->clock, std::move(*intake));
  s->patients = std::make_unique<PatientService>(*s->store, s->clock);
  auto settings = auth_settings(o);
  if (!settings) return std::unexpected(settings.error());
  auto auth = make_auth(*s->store, s->clock, o.data_dir, s->directory, *settings);
  if (!auth) return std::unexpected(auth.error());
  s->auth = std::move(*auth);
  if (*fresh && o.demo)
    if (auto ok = seed_demo(*s, o); !ok) return std::unexpected(ok.error());
  auto models = catalog::load_models(o.data_dir);
  if (!models) return std::unexpected(models.error());
  s->models = std::move(*models);
  auto ranges = catalog::load_reference_ranges(o.data_dir, s->models);
  if (!ranges) return std::unexpected(ranges.error());
  s->ranges = std::move(*ranges);
  auto dose_policy = catalog::load_dose_policy(o.data_dir);
  if (!dose_policy) return std::unexpected(dose_policy.error());
  s->dose_policy = std::move(*dose_policy);
  auto benchmarks = catalog::load_benchmarks(o.data_dir);
  if (!benchmarks) return std::unexpected(benchmarks.error());
  s->benchmarks = std::move(*benchmarks);
  return s;
}

Result<std::unique_ptr<Services>> build(const ServeOptions& o) {
  if (!o.demo) return build_services(o);
  auto staged = seed_demo_staged(o.db, [&o](const std::string& staged_db) -> Result<void> {
    ServeOptions on_copy = o;
    on_copy.db = staged_db;
    auto seeded = build_services(on_copy);
    if (!seeded) return std::unexpected(seeded.error());
    return {};
  });
  if (!staged) return std::unexpected(staged.error());
  return build_services(o);
}

// SIGTERM and SIGINT are blocked in every thread (set before any is started)
// and taken by one waiting thread, which stops the server.
sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

Result<std::optional<http::StaticFiles>> open_web(const ServeOptions& o) {
  if (o.web.empty()) return std::nullopt;
  auto web = http::StaticFiles::open(o.web);
  if (web) return std::optional{std::move(*web)};
  if (!o.web_optional) return std::unexpected(web.error());
  spdlog::warn("web app not built ({}): serving the API only", detail_of(web.error()));
  return std::nullopt;
}

// With --audit-anchor: the keeper of the anchor file (not started yet).
Result<std::unique_ptr<AnchorKeeper>> anchor_keeper(Services& s, const ServeOptions& o) {
  if (o.audit_anchor.empty()) return std::unique_ptr<AnchorKeeper>{};
  auto every = minutes_option(o.audit_anchor_every, "audit-anchor-every");
  if (!every) return std::unexpected(every.error());
  return AnchorKeeper::open(*s.store, s.clock, o.audit_anchor, *every);
}

// The server's settings from the options; access log and web folder come later.
Result<http::ServerOptions> server_options(const ServeOptions& o, const std::pair<std::string, int>& listen) {
  auto request_timeout = request_timeout_option(o.request_timeout);
  if (!request_timeout) return std::unexpected(request_timeout.error());
  http::ServerOptions options{listen.first, listen.second, o.threads};
  options.request_timeout = *request_timeout;
  options.max_connections_per_client = static_cast<std::size_t>(o.max_connections_per_client);
  options.compress_min_bytes = static_cast<std::size_t>(o.compress_api_min_bytes);
  options.tls_cert = o.tls_cert;
  options.tls_key = o.tls_key;
  return options;
}

int serve(Services& s, const ServeOptions& o, http::ServerOptions options) {
  auto log = http::AccessLog::open(o.access_log);
  if (!log) return report("serve", log.error());
  auto anchors = anchor_keeper(s, o);
  if (!anchors) return report("serve", anchors.error());
  const bool tls = !o.tls_cert.empty();
  auto web = open_web(o);
  if (!web) return report("serve", web.error());
  http::ApiContext context{.scheduler = *s.scheduler,
                           .patients = *s.patients,
                           .store = *s.store,
                           .gazetteer = s.gazetteer,
                           .auth = *s.auth->service,
                           .questionnaires = *s.questionnaires,
                           .flags = *s.flags,
                           .screenings = *s.screenings,
                           .gates = *s.gates,
                           .inbox = *s.inbox,
                           .tls = tls,
                           .models = &s.models,
                           .ranges = &s.ranges,
                           .dose_policy = &s.dose_policy,
                           .benchmarks = &s.benchmarks};
  auto routes = http::api_routes(context);
  if (auto ok = http::check_routes(routes); !ok) return report("serve", ok.error());
  options.access_log = log->get();
  if (*web) options.web = &**web;
  http::ScopeResolver scopes(*s.store, *s.store, *s.store, *s.store, s.directory);
  http::ApiServer server(http::AuthLayer(http::Router(std::move(routes)), scopes, *s.auth->service, tls), options);
  auto port = server.bind();
  if (!port) return report("serve", port.error());
  spdlog::info("ketaclinic serving {}://{}:{}/api/v1 (database {}, {} threads)", tls ? "https" : "http", options.host,
               *port, o.db, o.threads);
  if (*web) spdlog::info("web app at {}://{}:{}/ from {}", tls ? "https" : "http", options.host, *port,
                         (*web)->root().string());
  const sigset_t signals = shutdown_signals();
  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signalled, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    signalled = true;
    spdlog::info("signal {}: finishing in-flight requests", signal);
    server.stop();
  });
  if (*anchors) (*anchors)->start();
  server.run();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);  // the server stopped on its own
  waiter.join();
  if (*anchors) (*anchors)->stop();  // after the last request: its anchor is the final head
  (*log)->flush();
  return kExitOk;
}

}  // namespace

Instant SystemClock::now() const { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

int run_serve(const ServeOptions& options) {
  const sigset_t signals = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto listen = parse_listen(options.listen);
  if (!listen) return report("serve", listen.error());
  if (options.tls_cert.empty() != options.tls_key.empty())
    return report("serve", Error{ErrorCode::invalid_argument, "tls-key", "--tls-cert and --tls-key go together"});
  auto server = server_options(options, *listen);
  if (!server) return report("serve", server.error());
  auto services = build(options);
  if (!services) return report("serve", services.error());
  const int code = serve(**services, options, std::move(*server));
  services->reset();  // closes every database connection (and checkpoints the WAL)
  spdlog::info("stopped; database closed");
  return code;
}

}  // namespace kc::cli
