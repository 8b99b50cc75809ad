#include "clinic/patients.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {
namespace {

constexpr std::size_t kMaxName = 100;
// Plausibility bounds on body weight to catch unit or typing errors (a value
// outside them is certainly wrong); not a clinical limit.
constexpr double kMinWeightKg = 0.5, kMaxWeightKg = 700;

void need(std::vector<Error>& out, bool ok, const char* field, std::string message, std::string reason = {}) {
  if (!ok) out.push_back(Error{ErrorCode::invalid_argument, field, fmt::format("{}: {}", field, message), std::move(reason)});
}

bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos && e.back() != '.' &&
         e.find(' ') == std::string::npos && e.size() <= 254;
}

bool plausible_phone(const std::string& p) {
  const auto digits = std::count_if(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool chars = std::all_of(p.begin(), p.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' || c == ')' || c == '.';
  });
  return chars && digits >= 7 && digits <= 15;
}

}  // namespace

std::vector<Error> check_patient(const Patient& p, date::year_month_day today) {
  std::vector<Error> out;
  need(out, !p.given_name.empty() && p.given_name.size() <= kMaxName, "given_name", "must be 1 to 100 characters");
  need(out, !p.family_name.empty() && p.family_name.size() <= kMaxName, "family_name", "must be 1 to 100 characters");
  need(out, p.date_of_birth.ok() && p.date_of_birth <= today && p.date_of_birth.year() >= kFirstBirthYear,
       "date_of_birth", fmt::format("must be a real date between {}-01-01 and today", static_cast<int>(kFirstBirthYear)),
       "date_out_of_range");
  need(out, p.email.empty() || plausible_email(p.email), "email", "is not an e-mail address");
  need(out, p.phone.empty() || plausible_phone(p.phone), "phone", "must have 7 to 15 digits (+, spaces, dashes allowed)");
  need(out, !p.weight_kg || (*p.weight_kg >= kMinWeightKg && *p.weight_kg <= kMaxWeightKg), "weight",
       "must be between 0.5kg and 700kg");
  need(out, !p.rems_enrolled_on || (p.rems_enrolled_on->ok() && *p.rems_enrolled_on <= today), "rems_enrolled_on",
       "must be a real date, today or before");
  return out;
}

Result<void> PatientService::check(const Patient& patient) const {
  const date::year_month_day today{std::chrono::floor<date::days>(clock_.now())};
  auto problems = check_patient(patient, today);
  if (problems.empty()) return {};
  return std::unexpected(problems.front());
}

Result<Patient> PatientService::create(Patient patient) {
  if (auto ok = check(patient); !ok) return std::unexpected(ok.error());
  patient.created_at = patient.updated_at = clock_.now();
  return store_.create_patient(patient);
}

Result<Patient> PatientService::update(Patient patient) {
  if (auto ok = check(patient); !ok) return std::unexpected(ok.error());
  patient.updated_at = clock_.now();
  return store_.update_patient(patient);
}

Result<std::vector<Patient>> PatientService::search(const PatientQuery& query) {
  if (query.name.empty() && !query.date_of_birth)
    return fail(ErrorCode::invalid_argument, "q", "q: give a name (or date_of_birth) to search for");
  if (query.limit < 1 || query.limit > 200) return fail(ErrorCode::invalid_argument, "limit", "limit: must be 1 to 200");
  return store_.find_patients(query);
}

Result<std::vector<CareLocation>> PatientService::care_of(Id patient_id) {
  if (auto p = store_.patient(patient_id); !p) return std::unexpected(p.error());
  return store_.care_of(patient_id);
}

Result<CareLocation> PatientService::transfer_care(Id patient_id, Id location_id, const Actor& by, std::string reason) {
  constexpr std::size_t kMaxReason = 500;
  if (reason.empty() || reason.size() > kMaxReason)
    return fail(ErrorCode::invalid_argument, "reason", "reason: must be 1 to 500 characters");
  if (auto p = store_.patient(patient_id); !p) return std::unexpected(p.error());
  return store_.add_care(CareLocation{patient_id, location_id, clock_.now(), by, std::move(reason)});
}

}  // namespace kc::clinic
