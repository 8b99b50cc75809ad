#pragma once
// The clinic's dose caps (pharm/dose_policy.h) at the command line: `sim`, `tci`
// and `plan` check what they would give against data/clinic/dose_policy.json. A
// hard cap exits 2 naming the option; a soft cap exits 2 unless --override-reason
// says why, and the overridden findings are printed on stderr and in the JSON.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/pharm_args.h"
#include "core/error.h"
#include "pharm/dose_policy.h"

namespace kc::cli {

void add_override_option(CLI::App& app, std::string& reason);

// The findings for `amounts` when the policy lets them through (none for a drug the
// policy is not about); else an invalid_argument error whose message starts with
// `dose_option` ("--infuse") or, for a target, "--target", names the cap and says
// how to proceed; its code and reason are pharm::decide's (dose_above_hard_cap, dose_needs_override).
Result<std::vector<pharm::PolicyFinding>> gate_dose(const pharm::DosePolicy& policy, const PatientSetup& setup,
                                                    const pharm::DoseAmounts& amounts, std::string_view dose_option,
                                                    std::string_view override_reason);

// "ketaclinic <command>: dose policy: <finding>; overridden: <reason>" on stderr, one a finding.
void print_overrides(std::string_view command, const std::vector<pharm::PolicyFinding>& findings,
                     std::string_view override_reason);

}  // namespace kc::cli
