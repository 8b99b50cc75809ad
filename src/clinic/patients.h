#pragma once
// Patient records: checks and the create / read / update / search use cases.
// Demographic checks are sanity bounds against typing errors, not clinical
// rules (eligibility, such as a minimum age, is its own use case).
#include <vector>

#include "clinic/ports.h"

namespace kc::clinic {

// Every problem with a patient record, each naming its field ("given_name",
// "date_of_birth", "weight", ...); empty when the record is acceptable.
// `today` is the clinic's current date (birth dates must not be after it).
std::vector<Error> check_patient(const Patient& patient, date::year_month_day today);

class PatientService {
 public:
  PatientService(PatientStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<Patient> create(Patient patient);
  Result<Patient> get(Id id) { return store_.patient(id); }
  // `patient` carries the version it was read at (conflict/stale_version if moved).
  Result<Patient> update(Patient patient);
  Result<std::vector<Patient>> search(const PatientQuery& query);
  // Where the patient is in care (not_found for an unknown patient).
  Result<std::vector<CareLocation>> care_of(Id patient_id);
  // A transfer of care: the patient is also in care at `location_id` from now
  // on. `reason` is required (1 to 500 characters); conflict/already_in_care
  // when they already are. Who may transfer is the caller's rule (the auth layer
  // admits the patient and staff of a current care location).
  Result<CareLocation> transfer_care(Id patient_id, Id location_id, const Actor& by, std::string reason);

 private:
  Result<void> check(const Patient& patient) const;
  PatientStore& store_;
  const Clock& clock_;
};

}  // namespace kc::clinic
