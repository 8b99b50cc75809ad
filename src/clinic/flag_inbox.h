#pragma once
// A location's flag inbox: every open safety flag of the patients in care
// there, whatever their appointment dates, with its age, the answer that
// raised it and, once an urgent flag has waited longer than the clinic allows,
// its escalation to the prescribers on duty (in-app; by message once
// notifications exist). Patients in care nowhere yet go to the clinic's
// configured location. Settings: data/clinic/flag_policy.json.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clinic/directory.h"
#include "clinic/measures/instrument.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"

namespace kc::clinic {

struct FlagPolicy {
  std::chrono::minutes escalate_after{60};
  // The location code for patients in care nowhere yet; when the directory has
  // no such location, its first location takes them.
  std::string unrouted_location;
  std::string response_time;      // what the clinic commits to, shown to the patient with the crisis resources
};

struct InboxEntry {
  Flag flag;
  Patient patient;
  std::chrono::minutes age{0};
  std::optional<std::string> answer;  // "item 9: More than half the days (2)"; none for a risk tier
  bool escalated = false;
  std::vector<const StaffMember*> on_duty;  // prescribers on shift at the location now
};

// The answer that raised a flag, as the patient gave it: the item's prefix and
// the option's anchor text. nullopt when the trigger is not an answered item.
std::optional<std::string> answer_text(const measures::Instrument& instrument, const Submission& submission,
                                       const std::string& trigger);

// Prescribers with a shift at the location covering `now` (its local time).
std::vector<const StaffMember*> prescribers_on_duty(const Directory& directory, const Location& location, Instant now);

class FlagInbox {
 public:
  FlagInbox(FlagPolicy policy, const std::vector<measures::Instrument>& instruments, MeasuresStore& measures,
            ClinicStore& clinic, const Directory& directory, const Clock& clock)
      : policy_(std::move(policy)), instruments_(instruments), measures_(measures), clinic_(clinic),
        directory_(directory), clock_(clock) {}

  const FlagPolicy& policy() const { return policy_; }
  // Where the patient's flags go: their first care location, else the
  // unrouted one; nullptr for a clinic without locations. What the crisis
  // panel names (its phone) beside the clinic's response time.
  Result<const Location*> routed_to(Id patient_id);
  // The location that takes patients in care nowhere (nullptr: none).
  const Location* unrouted() const;
  // Oldest first. not_found naming "location" for an unknown code.
  Result<std::vector<InboxEntry>> of_location(const std::string& location);

 private:
  Result<bool> routed_here(Id patient_id, Id location_id, bool takes_unrouted);
  Result<InboxEntry> entry(const Flag& flag, Instant now);

  FlagPolicy policy_;
  const std::vector<measures::Instrument>& instruments_;
  MeasuresStore& measures_;
  ClinicStore& clinic_;
  const Directory& directory_;
  const Clock& clock_;
};

}  // namespace kc::clinic
