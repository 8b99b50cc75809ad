#include "store/sql/constraint_reasons.h"

#include <array>

#include "core/contract.h"

namespace kc::store::sql {
namespace {

struct Row {
  std::string_view write;
  std::string_view constraint;  // empty: any constraint, or the store's own check
  Error error;                  // its message may hold {} for the subject
};

const std::array<Row, 15>& rows() {
  static const std::array<Row, 15> table = {{
      // Reservation cells: their primary key refuses any overlap (booking_rows.cpp).
      {"booking.cells", "", Error{ErrorCode::conflict, "start", "start: this time was just taken by another booking", "slot_taken"}},
      {"booking.patient_cells", "", Error{ErrorCode::conflict, "start", "start: the patient has another appointment then", "patient_busy"}},
      {"booking.idempotency_key", "",
       Error{ErrorCode::precondition_failed, "Idempotency-Key",
             "Idempotency-Key: this key was already used for a different request", "idempotency_key_reused"}},
      {"appointment.change", "",
       Error{ErrorCode::conflict, "version", "version: appointment {} changed meanwhile; read it again", "stale_version"}},
      {"patient.update", "",
       Error{ErrorCode::conflict, "version", "version: patient {} changed meanwhile (now version {}); read it again",
             "stale_version"}},
      {"care.add", "", Error{ErrorCode::conflict, "location", "location: the patient is already in care there", "already_in_care"}},
      {"account.create", "accounts.email",
       Error{ErrorCode::conflict, "email", "email: an account with this email exists already", "email_taken"}},
      {"account.create", "accounts.staff_code",
       Error{ErrorCode::conflict, "staff_code", "staff_code: another account is linked to this staff record", "staff_code_taken"}},
      {"account.update", "accounts.staff_code",
       Error{ErrorCode::conflict, "staff_code", "staff_code: another account is linked to this staff record", "staff_code_taken"}},
      {"account.create", "accounts.patient_id",
       Error{ErrorCode::conflict, "patient_id", "patient_id: this patient has an account already", "patient_has_account"}},
      // Unique keys (assignment, version) and supersedes, and the trigger that
      // a correction follows its version (submission_rows.cpp).
      {"submission.original", "", Error{ErrorCode::conflict, "id", "id: assignment {} was already submitted", "already_submitted"}},
      {"submission.correction", "",
       Error{ErrorCode::conflict, "id", "id: submission {} was already corrected; correct the latest version", "superseded"}},
      {"screening.decision", "", Error{ErrorCode::conflict, "id", "id: screening {} was already decided", "already_decided"}},
      {"flag.acknowledgement", "",
       Error{ErrorCode::conflict, "id", "id: safety flag {} was already acknowledged", "already_acknowledged"}},
      {"directory.seed", "",
       Error{ErrorCode::precondition_failed, "db", "db: the directory already holds locations"}},
  }};
  return table;
}

}  // namespace

std::optional<Error> refusal_row(std::string_view write, std::string_view constraint) {
  const Row* any = nullptr;
  for (const auto& row : rows()) {
    if (row.write != write) continue;
    if (row.constraint == constraint) return row.error;
    if (row.constraint.empty()) any = &row;
  }
  if (any == nullptr) return std::nullopt;
  return any->error;
}

std::optional<Error> constraint_refusal(std::string_view write, std::string_view constraint, std::string_view subject) {
  auto error = refusal_row(write, constraint);
  if (error) error->message = fmt::format(fmt::runtime(error->message), subject);
  return error;
}

Error refusal_of(std::string_view write, fmt::format_args args) {
  auto error = refusal_row(write, "");
  KC_EXPECT(error.has_value(), "every write the store refuses has its row in constraint_reasons.cpp");
  error->message = fmt::vformat(error->message, args);
  return *error;
}

}  // namespace kc::store::sql
