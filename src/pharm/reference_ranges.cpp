#include "pharm/reference_ranges.h"

namespace kc::pharm {

std::string_view to_string(RangeRole role) { return role == RangeRole::display ? "display" : "alert"; }

std::string ReferenceRange::citation() const { return evidence + " " + source + ", " + detail; }

std::vector<const ReferenceRange*> ReferenceRanges::for_drug(std::string_view drug,
                                                             std::optional<RangeRole> role) const {
  std::vector<const ReferenceRange*> out;
  for (const auto& r : ranges)
    if (r.drug == drug && (!role || r.role == *role)) out.push_back(&r);
  return out;
}

}  // namespace kc::pharm
