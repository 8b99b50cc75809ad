#pragma once
// The gates of treatment_gates.h applied to a booking: gathers the facts (the
// patient's age on the first visit's local date, the latest screening
// decision for the treatment, open urgent flags, REMS enrolment). A gate is
// met by a clinician's own authenticated action (an "eligible" decision, with
// a note where it departs from the proposal; an acknowledgement after
// evaluation), never by whoever books.
#include <optional>
#include <string>
#include <vector>

#include "clinic/directory.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"
#include "clinic/scheduler.h"
#include "clinic/treatment_gates.h"

namespace kc::clinic {

struct GateCheck {
  std::vector<UnmetGate> unmet;  // every gate the booking does not meet
  // When some gate is unmet: precondition_failed with the first one's code (refusal_code).
  std::optional<Error> refusal;
};

class BookingGates {
 public:
  BookingGates(const TreatmentGates& gates, MeasuresStore& measures, PatientStore& patients, const Directory& directory)
      : gates_(gates), measures_(measures), patients_(patients), directory_(directory) {}

  const TreatmentGates& gates() const { return gates_; }
  // A type that delivers no treatment passes with nothing unmet. Errors only
  // for an unknown patient or location, or a store failure.
  Result<GateCheck> check(const BookingRequest& request) const;

 private:
  Result<GateFacts> facts(const BookingRequest& request, measures::Treatment treatment) const;

  const TreatmentGates& gates_;
  MeasuresStore& measures_;
  PatientStore& patients_;
  const Directory& directory_;
};

}  // namespace kc::clinic
