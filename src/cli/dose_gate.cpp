#include "cli/dose_gate.h"

#include <fmt/format.h>

#include <cstdio>

namespace kc::cli {

void add_override_option(CLI::App& app, std::string& reason) {
  app.add_option("--override-reason", reason,
                 "why a dose above a soft cap of data/clinic/dose_policy.json is intended (a hard cap cannot be "
                 "overridden)");
}

Result<std::vector<pharm::PolicyFinding>> gate_dose(const pharm::DosePolicy& policy, const PatientSetup& setup,
                                                    const pharm::DoseAmounts& amounts, std::string_view dose_option,
                                                    std::string_view override_reason) {
  if (setup.drug.id != policy.drug) return std::vector<pharm::PolicyFinding>{};
  auto findings = pharm::check_dose(policy, amounts);
  auto decision = pharm::decide(findings, override_reason);
  if (decision) return findings;
  const auto& first = findings.front();
  const bool blocked = first.level == pharm::FindingLevel::blocked;
  Error e = decision.error();
  e.message = fmt::format("{}: {}; {}", first.cap == pharm::CapCode::target_ng_ml ? "--target" : dose_option,
                          first.message,
                          blocked ? "a hard cap cannot be overridden (data/clinic/dose_policy.json)"
                                  : "give --override-reason \"...\" to proceed");
  return std::unexpected(e);
}

void print_overrides(std::string_view command, const std::vector<pharm::PolicyFinding>& findings,
                     std::string_view override_reason) {
  for (const auto& f : findings)
    fmt::print(stderr, "ketaclinic {}: dose policy: {}; overridden: {}\n", command, f.message, override_reason);
}

}  // namespace kc::cli
