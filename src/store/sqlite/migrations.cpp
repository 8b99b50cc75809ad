#include "store/sqlite/migrations.h"

#include <fmt/format.h>

namespace kc::store::sqlite {
namespace {

// 1: the clinic directory (configuration).
constexpr std::string_view kDirectory = R"sql(
CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  line1 TEXT NOT NULL, city TEXT NOT NULL, region TEXT NOT NULL,
  postal_code TEXT NOT NULL, country TEXT NOT NULL,
  phone TEXT NOT NULL,
  zone TEXT NOT NULL,
  lat_deg REAL NOT NULL CHECK (lat_deg BETWEEN -90 AND 90),
  lon_deg REAL NOT NULL CHECK (lon_deg BETWEEN -180 AND 180)
);
CREATE TABLE location_hours (
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  CHECK (0 <= begin_min AND begin_min < end_min AND end_min <= 1440),
  PRIMARY KEY (location_id, weekday, begin_min)
) WITHOUT ROWID;
CREATE TABLE location_closures (
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (location_id, day)
) WITHOUT ROWID;
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL
);
CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('prescriber', 'nurse', 'front_desk', 'admin')),
  PRIMARY KEY (staff_id, role)
) WITHOUT ROWID;
CREATE TABLE staff_locations (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, location_id)
) WITHOUT ROWID;
CREATE INDEX staff_locations_by_location ON staff_locations(location_id, staff_id);
CREATE TABLE shifts (
  staff_id INTEGER NOT NULL,
  location_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  CHECK (0 <= begin_min AND begin_min < end_min AND end_min <= 1440),
  PRIMARY KEY (staff_id, location_id, weekday, begin_min),
  FOREIGN KEY (staff_id, location_id) REFERENCES staff_locations(staff_id, location_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('chair', 'room'))
);
CREATE TABLE appointment_types (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  prep_min INTEGER NOT NULL CHECK (prep_min >= 0),
  service_min INTEGER NOT NULL CHECK (service_min > 0),
  recovery_min INTEGER NOT NULL CHECK (recovery_min >= 0),
  buffer_before_min INTEGER NOT NULL CHECK (buffer_before_min >= 0),
  buffer_after_min INTEGER NOT NULL CHECK (buffer_after_min >= 0),
  source TEXT NOT NULL
);
CREATE TABLE appointment_type_modes (
  type_id INTEGER NOT NULL REFERENCES appointment_types(id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'telehealth')),
  PRIMARY KEY (type_id, mode)
) WITHOUT ROWID;
CREATE TABLE appointment_type_requirements (
  type_id INTEGER NOT NULL REFERENCES appointment_types(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('resource', 'staff')),
  resource_kind TEXT CHECK (resource_kind IN ('chair', 'room')),
  role TEXT CHECK (role IN ('prescriber', 'nurse', 'front_desk', 'admin')),
  span TEXT NOT NULL CHECK (span IN ('visit', 'service', 'prep_and_service')),
  exclusive INTEGER NOT NULL CHECK (exclusive IN (0, 1)),
  in_person_only INTEGER NOT NULL CHECK (in_person_only IN (0, 1)),
  CHECK ((kind = 'resource') = (resource_kind IS NOT NULL) AND (kind = 'staff') = (role IS NOT NULL)),
  PRIMARY KEY (type_id, position)
) WITHOUT ROWID;
)sql";

// 2: patients, appointments, their reservations and history. Double booking is
// refused by the primary key of reservation_cells: one row per key (class, id)
// and 5-minute cell, inserted in the booking's transaction.
constexpr std::string_view kAppointments = R"sql(
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  given_name TEXT NOT NULL CHECK (length(given_name) > 0),
  family_name TEXT NOT NULL CHECK (length(family_name) > 0),
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  weight_kg REAL CHECK (weight_kg > 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX patients_by_family_name ON patients(family_name COLLATE NOCASE);
CREATE INDEX patients_by_given_name ON patients(given_name COLLATE NOCASE);
CREATE INDEX patients_by_birth ON patients(date_of_birth);
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL
);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  type_id INTEGER NOT NULL REFERENCES appointment_types(id),
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'telehealth')),
  start_s INTEGER NOT NULL,
  end_s INTEGER NOT NULL CHECK (end_s > start_s),
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')),
  series_id INTEGER REFERENCES series(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX appointments_by_location ON appointments(location_id, start_s);
CREATE INDEX appointments_by_patient ON appointments(patient_id, start_s);
CREATE TABLE reservations (
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  cls INTEGER NOT NULL CHECK (cls IN (1, 2, 3)),
  ref_id INTEGER NOT NULL,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  begin_s INTEGER NOT NULL,
  end_s INTEGER NOT NULL CHECK (end_s > begin_s),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (appointment_id, cls, ref_id)
) WITHOUT ROWID;
CREATE INDEX reservations_by_location ON reservations(location_id, begin_s) WHERE active = 1;
CREATE INDEX reservations_by_key ON reservations(cls, ref_id, begin_s) WHERE active = 1;
CREATE TABLE reservation_cells (
  cls INTEGER NOT NULL,
  ref_id INTEGER NOT NULL,
  cell INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  PRIMARY KEY (cls, ref_id, cell)
) WITHOUT ROWID;
CREATE INDEX reservation_cells_by_appointment ON reservation_cells(appointment_id);
CREATE TABLE appointment_events (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  at_s INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  from_start_s INTEGER, from_end_s INTEGER,
  to_start_s INTEGER, to_end_s INTEGER,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appointment_events_by_appointment ON appointment_events(appointment_id, id);
)sql";

// 3: idempotency keys of booking requests, written in the booking's transaction.
constexpr std::string_view kIdempotency = R"sql(
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  appointment_ids TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

// 4: accounts, sessions, API tokens, login attempts and the audit trail.
// Secrets are stored only as digests (sessions, tokens, login emails) or
// Argon2id hashes (passwords). audit_log is append-only: triggers refuse
// UPDATE and DELETE (and, from migration 7, REPLACE; its high-water mark then
// moves to audit_high_water, src/auth/audit.h).
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND length(email) BETWEEN 3 AND 254),
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  patient_id INTEGER UNIQUE REFERENCES patients(id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE account_roles (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('patient', 'front_desk', 'nurse', 'prescriber', 'admin')),
  PRIMARY KEY (account_id, role)
) WITHOUT ROWID;
CREATE TABLE account_locations (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  PRIMARY KEY (account_id, location_id)
) WITHOUT ROWID;
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  client TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions(account_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  prefix TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX api_tokens_by_account ON api_tokens(account_id);
CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  account_key TEXT NOT NULL CHECK (length(account_key) = 64),
  client TEXT NOT NULL,
  at_s INTEGER NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_by_key ON login_attempts(account_key, at_s);
CREATE INDEX login_attempts_by_client ON login_attempts(client, at_s);
CREATE INDEX login_attempts_by_age ON login_attempts(at_s);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_s INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_roles TEXT NOT NULL,
  client TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_kind TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  patient_id INTEGER,
  operation TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  status INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_patient ON audit_log(patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_by_actor ON audit_log(actor_id, id);
CREATE INDEX audit_by_time ON audit_log(at_s);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// 5: questionnaires assigned to patients, submissions with their scores, and
// the safety flags they raise (issue 5). Submissions and their answers are
// never updated or deleted: a correction is a new row that supersedes the
// previous version (one original per assignment, one correction per version).
// A flag changes once, when a clinician acknowledges it.
constexpr std::string_view kQuestionnaires = R"sql(
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  instrument TEXT NOT NULL CHECK (length(instrument) > 0),
  due_s INTEGER,
  reason TEXT NOT NULL CHECK (reason IN ('intake', 'staff')),
  appointment_id INTEGER REFERENCES appointments(id),
  created_by_kind TEXT NOT NULL,
  created_by_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX assignments_by_patient ON assignments(patient_id, instrument);
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  instrument TEXT NOT NULL,
  instrument_version TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  supersedes INTEGER UNIQUE REFERENCES submissions(id),
  entered_by TEXT NOT NULL CHECK (entered_by IN ('patient', 'staff')),
  on_paper INTEGER NOT NULL CHECK (on_paper IN (0, 1)),
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  answered_at INTEGER NOT NULL,
  correction_reason TEXT NOT NULL DEFAULT '',
  total INTEGER,
  band TEXT,
  score TEXT NOT NULL,
  CHECK ((version = 1) = (supersedes IS NULL)),
  CHECK ((version = 1) = (correction_reason = '')),
  UNIQUE (assignment_id, version)
);
CREATE INDEX submissions_by_patient ON submissions(patient_id, instrument, answered_at);
CREATE TRIGGER submissions_follow_their_version BEFORE INSERT ON submissions WHEN NEW.supersedes IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a correction follows the version it supersedes') WHERE NOT EXISTS (
    SELECT 1 FROM submissions s WHERE s.id = NEW.supersedes AND s.assignment_id = NEW.assignment_id
    AND s.version = NEW.version - 1);
END;
CREATE TRIGGER submissions_are_immutable BEFORE UPDATE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions are immutable: record a correction'); END;
CREATE TRIGGER submissions_are_kept BEFORE DELETE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions are kept'); END;
CREATE TABLE submission_answers (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  position INTEGER NOT NULL,
  link_id TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (submission_id, position)
) WITHOUT ROWID;
CREATE TRIGGER submission_answers_are_immutable BEFORE UPDATE ON submission_answers
BEGIN SELECT RAISE(ABORT, 'answers are immutable: record a correction'); END;
CREATE TRIGGER submission_answers_are_kept BEFORE DELETE ON submission_answers
BEGIN SELECT RAISE(ABORT, 'answers are kept'); END;
CREATE TABLE safety_flags (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  instrument TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('review', 'urgent')),
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  trigger_item TEXT NOT NULL,
  raised_at INTEGER NOT NULL,
  acknowledged_by TEXT,
  ack_actor_kind TEXT,
  ack_actor_id TEXT,
  acknowledged_at INTEGER,
  action_taken TEXT CHECK (length(action_taken) > 0),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)
         AND (acknowledged_at IS NULL) = (action_taken IS NULL))
);
CREATE INDEX safety_flags_by_patient ON safety_flags(patient_id, id);
CREATE INDEX safety_flags_open ON safety_flags(patient_id) WHERE acknowledged_at IS NULL;
CREATE TRIGGER safety_flags_change_once BEFORE UPDATE ON safety_flags
WHEN OLD.acknowledged_at IS NOT NULL OR NEW.patient_id IS NOT OLD.patient_id
  OR NEW.submission_id IS NOT OLD.submission_id OR NEW.instrument IS NOT OLD.instrument OR NEW.kind IS NOT OLD.kind
  OR NEW.severity IS NOT OLD.severity OR NEW.reason IS NOT OLD.reason OR NEW.source IS NOT OLD.source
  OR NEW.trigger_item IS NOT OLD.trigger_item OR NEW.raised_at IS NOT OLD.raised_at
BEGIN SELECT RAISE(ABORT, 'a flag changes only by its one acknowledgement'); END;
CREATE TRIGGER safety_flags_are_kept BEFORE DELETE ON safety_flags
BEGIN SELECT RAISE(ABORT, 'safety flags are kept'); END;
)sql";

// 6: eligibility screenings: the facts, the engine's proposal with its reasons
// and the rule-set version, and the prescriber's decision, kept together and
// never changed (a screening is decided once; new facts make a new screening).
constexpr std::string_view kScreenings = R"sql(
CREATE TABLE screenings (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  treatment TEXT NOT NULL CHECK (treatment IN ('iv_ketamine', 'esketamine')),
  facts TEXT NOT NULL,
  screening_submission_id INTEGER REFERENCES submissions(id),
  proposal TEXT NOT NULL CHECK (proposal IN ('eligible', 'needs_review', 'not_eligible')),
  reasons TEXT NOT NULL,
  rule_set_version TEXT NOT NULL CHECK (length(rule_set_version) > 0),
  created_by_kind TEXT NOT NULL,
  created_by_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX screenings_by_patient ON screenings(patient_id, id);
CREATE TRIGGER screenings_are_immutable BEFORE UPDATE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings are immutable'); END;
CREATE TRIGGER screenings_are_kept BEFORE DELETE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings are kept'); END;
CREATE TABLE screening_decisions (
  screening_id INTEGER PRIMARY KEY REFERENCES screenings(id),
  decision TEXT NOT NULL CHECK (decision IN ('eligible', 'not_eligible')),
  prescriber TEXT NOT NULL CHECK (length(prescriber) > 0),
  note TEXT NOT NULL CHECK (length(note) > 0),
  overrides_proposal INTEGER NOT NULL CHECK (overrides_proposal IN (0, 1)),
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE TRIGGER screening_decisions_are_immutable BEFORE UPDATE ON screening_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER screening_decisions_are_kept BEFORE DELETE ON screening_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are kept'); END;
)sql";

// 7: tamper resistance of the append-only tables (issue 16).
// - INSERT OR REPLACE (and REPLACE INTO) deletes the row it conflicts with
//   without firing DELETE triggers, so each append-only table gets a BEFORE
//   INSERT trigger refusing a row whose key (primary or unique) is taken: the
//   statement aborts before any conflict is resolved. appointment_events, an
//   append-only history the code never changes, now refuses UPDATE and DELETE
//   too; a safety flag keeps its id (UPDATE OR REPLACE could move an open
//   flag onto an acknowledged one).
// - audit_log: the high-water mark moves to a one-row table that a trigger
//   raises on every append and that refuses to go down or away (resetting
//   sqlite_sequence no longer hides removed entries); an entry must take the
//   next id and the types this program writes (checked as STRICT would, without
//   rebuilding the table); hash_version says which formula an entry's hash
//   follows: existing entries keep formula 1, new ones use the typed formula 2
//   (src/auth/audit.h).
constexpr std::string_view kTamperResistance = R"sql(
ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE audit_high_water (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id INTEGER NOT NULL CHECK (typeof(last_id) = 'integer' AND last_id >= 0)
);
INSERT INTO audit_high_water VALUES (1, max(
  ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0), ifnull((SELECT max(id) FROM audit_log), 0)));
CREATE TRIGGER audit_high_water_has_one_row BEFORE INSERT ON audit_high_water
BEGIN SELECT RAISE(ABORT, 'audit_high_water has one row'); END;
CREATE TRIGGER audit_high_water_only_rises BEFORE UPDATE ON audit_high_water
WHEN NEW.singleton IS NOT OLD.singleton OR NEW.last_id < OLD.last_id
BEGIN SELECT RAISE(ABORT, 'the audit high-water mark only rises'); END;
CREATE TRIGGER audit_high_water_is_kept BEFORE DELETE ON audit_high_water
BEGIN SELECT RAISE(ABORT, 'the audit high-water mark is kept'); END;
CREATE TRIGGER audit_log_appends_next BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT last_id + 1 FROM audit_high_water WHERE singleton = 1)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry takes the next id'); END;
CREATE TRIGGER audit_log_typed BEFORE INSERT ON audit_log
WHEN typeof(NEW.at_s) IS NOT 'integer' OR typeof(NEW.actor_kind) IS NOT 'text' OR typeof(NEW.actor_id) IS NOT 'text'
  OR typeof(NEW.actor_roles) IS NOT 'text' OR typeof(NEW.client) IS NOT 'text' OR typeof(NEW.action) IS NOT 'text'
  OR typeof(NEW.resource_kind) IS NOT 'text' OR typeof(NEW.resource_id) IS NOT 'text'
  OR typeof(NEW.patient_id) NOT IN ('integer', 'null') OR typeof(NEW.operation) IS NOT 'text'
  OR typeof(NEW.outcome) IS NOT 'text' OR typeof(NEW.status) IS NOT 'integer' OR typeof(NEW.prev_hash) IS NOT 'text'
  OR typeof(NEW.hash) IS NOT 'text' OR typeof(NEW.hash_version) IS NOT 'integer'
BEGIN SELECT RAISE(ABORT, 'audit_log: a field of another type than written'); END;
CREATE TRIGGER audit_log_raises_high_water AFTER INSERT ON audit_log
BEGIN UPDATE audit_high_water SET last_id = NEW.id WHERE singleton = 1; END;
CREATE TRIGGER submissions_refuse_replace BEFORE INSERT ON submissions
WHEN EXISTS (SELECT 1 FROM submissions WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM submissions WHERE supersedes = NEW.supersedes)
  OR EXISTS (SELECT 1 FROM submissions WHERE assignment_id = NEW.assignment_id AND version = NEW.version)
BEGIN SELECT RAISE(ABORT, 'submissions are immutable: record a correction'); END;
CREATE TRIGGER submission_answers_refuse_replace BEFORE INSERT ON submission_answers
WHEN EXISTS (SELECT 1 FROM submission_answers WHERE submission_id = NEW.submission_id AND position = NEW.position)
BEGIN SELECT RAISE(ABORT, 'answers are immutable: record a correction'); END;
CREATE TRIGGER safety_flags_refuse_replace BEFORE INSERT ON safety_flags
WHEN EXISTS (SELECT 1 FROM safety_flags WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'a flag changes only by its one acknowledgement'); END;
CREATE TRIGGER safety_flags_keep_their_id BEFORE UPDATE ON safety_flags WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'a flag changes only by its one acknowledgement'); END;
CREATE TRIGGER screenings_refuse_replace BEFORE INSERT ON screenings
WHEN EXISTS (SELECT 1 FROM screenings WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'screenings are immutable'); END;
CREATE TRIGGER screening_decisions_refuse_replace BEFORE INSERT ON screening_decisions
WHEN EXISTS (SELECT 1 FROM screening_decisions WHERE screening_id = NEW.screening_id)
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER appointment_events_refuse_replace BEFORE INSERT ON appointment_events
WHEN EXISTS (SELECT 1 FROM appointment_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'appointment events are append-only'); END;
CREATE TRIGGER appointment_events_no_update BEFORE UPDATE ON appointment_events
BEGIN SELECT RAISE(ABORT, 'appointment events are append-only'); END;
CREATE TRIGGER appointment_events_no_delete BEFORE DELETE ON appointment_events
BEGIN SELECT RAISE(ABORT, 'appointment events are append-only'); END;
)sql";

// 8: where each patient is in care (clinic::CareLocation): the locations whose
// staff see the record. Append-only. Existing databases start from the
// locations of each patient's appointments that were not cancelled, and the
// location of their first appointment (so that nobody is left in care nowhere,
// which would make the record visible to every location's staff).
constexpr std::string_view kPatientCare = R"sql(
CREATE TABLE patient_care (
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  since_s INTEGER NOT NULL,
  by_kind TEXT NOT NULL,
  by_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  PRIMARY KEY (patient_id, location_id)
);
INSERT INTO patient_care (patient_id, location_id, since_s, by_kind, by_id, reason)
SELECT a.patient_id, a.location_id, min(a.created_at), 'system', '', 'from the appointments before schema 8'
FROM appointments a
WHERE a.status <> 'cancelled'
   OR a.id = (SELECT b.id FROM appointments b WHERE b.patient_id = a.patient_id ORDER BY b.start_s, b.id LIMIT 1)
GROUP BY a.patient_id, a.location_id;
CREATE TRIGGER patient_care_refuse_replace BEFORE INSERT ON patient_care
WHEN EXISTS (SELECT 1 FROM patient_care WHERE patient_id = NEW.patient_id AND location_id = NEW.location_id)
BEGIN SELECT RAISE(ABORT, 'already in care at this location'); END;
CREATE TRIGGER patient_care_no_update BEFORE UPDATE ON patient_care
BEGIN SELECT RAISE(ABORT, 'patient_care is append-only'); END;
CREATE TRIGGER patient_care_no_delete BEFORE DELETE ON patient_care
BEGIN SELECT RAISE(ABORT, 'patient_care is append-only'); END;
)sql";

// 9: a staff account names the clinic's staff record its clinical writes are
// signed as (src/auth/staff_link.h), one account per record; a patient's
// SPRAVATO REMS enrolment date, which booking esketamine requires.
constexpr const char* kStaffLink = R"sql(
ALTER TABLE accounts ADD COLUMN staff_code TEXT CHECK (staff_code IS NULL OR length(staff_code) > 0);
CREATE UNIQUE INDEX accounts_by_staff_code ON accounts(staff_code) WHERE staff_code IS NOT NULL;
ALTER TABLE patients ADD COLUMN rems_enrolled_on TEXT CHECK (rems_enrolled_on IS NULL OR length(rems_enrolled_on) = 10);
)sql";

constexpr Migration kMigrations[] = {
    {1, "clinic directory", kDirectory},
    {2, "patients and appointments", kAppointments},
    {3, "idempotency keys", kIdempotency},
    {4, "accounts, sessions, tokens and the audit trail", kAccounts},
    {5, "questionnaires, submissions and safety flags", kQuestionnaires},
    {6, "eligibility screenings and decisions", kScreenings},
    {7, "append-only tables refuse REPLACE; audit high-water mark, typed hashes", kTamperResistance},
    {8, "where patients are in care", kPatientCare},
    {9, "accounts linked to staff records; REMS enrolment", kStaffLink},
};

Result<void> apply(Connection& db, const Migration& m) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = db.exec(std::string(m.sql)); !ok) return ok;
  if (auto ok = db.exec(fmt::format("PRAGMA user_version = {}", m.version)); !ok) return ok;
  return tx->commit();
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latest_version() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> schema_version(Connection& db) {
  auto q = db.query("PRAGMA user_version");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(q->int64(0));
}

Result<int> migrate(Connection& db, int target) {
  if (target < 0) target = latest_version();
  auto current = schema_version(db);
  if (!current) return current;
  if (*current > target)
    return fail(ErrorCode::precondition_failed, "db",
                fmt::format("db: the database has schema version {}, newer than this program's {}", *current, target));
  for (const auto& m : kMigrations) {
    if (m.version <= *current || m.version > target) continue;
    if (auto ok = apply(db, m); !ok)
      return fail(ErrorCode::internal, "db", fmt::format("db: migration {} ({}) failed: {}", m.version, m.name,
                                                         ok.error().message));
  }
  return schema_version(db);
}

}  // namespace kc::store::sqlite
