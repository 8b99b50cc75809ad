#pragma once
// Safety flags raised by a questionnaire submission, and the crisis resources a
// client shows at once when one of them is urgent.
//
// A flag is a value: what fired (kind), how urgent, why, and the citation. An
// urgent flag must reach a clinician and be acknowledged by one (the store and
// the API keep that acknowledgement; this core only says which flags need it).
// PHQ-9 item 9 >= 1 is a trigger "regardless of the total score" ([V]
// [@mii_pro]), so flags are computed from whatever items were answered,
// even when the questionnaire is incomplete.
#include <string>
#include <string_view>
#include <vector>

namespace kc::measures {

enum class Severity { review, urgent };
std::string_view to_string(Severity severity);

struct FlagSpec {
  std::string kind;  // stable id, e.g. "phq9_item9", "cssrs_high"
  Severity severity = Severity::urgent;
  std::string reason;
  std::string source;  // citation + evidence tag
};

struct SafetyFlag {
  std::string kind;
  Severity severity = Severity::urgent;
  std::string reason;
  std::string source;
  std::string trigger;  // the item link id or risk tier that raised it
  bool requires_acknowledgement() const { return severity == Severity::urgent; }
};

SafetyFlag raise(const FlagSpec& spec, std::string trigger);

// Crisis resources shown to the patient with the submission response
// (data/safety/crisis_resources.json; US resources by default).
struct CrisisResource {
  std::string id;            // "988"
  std::string name;          // "988 Suicide & Crisis Lifeline"
  std::string instructions;  // "Call or text 988, or chat at 988lifeline.org."
  std::string url;           // may be empty
  std::string source;
};

struct CrisisResources {
  std::string version;
  std::string region;   // where the numbers work, e.g. "US"
  std::string message;  // the sentence shown above the list
  std::vector<CrisisResource> resources;
};

// True when any flag is urgent: the submission response then carries the
// crisis resources for the client to show immediately.
bool shows_crisis_resources(const std::vector<SafetyFlag>& flags);

}  // namespace kc::measures
