#pragma once
// Measured plasma ranges a prediction is read against (data/reference_ranges.json,
// read by src/catalog once at start-up): a `display` range is shaded on charts
// and its lower edge gives the time above it; an `alert` range turns a predicted
// peak inside or above it into a warning (pharm/warning.h). Concentrations ng/mL.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::pharm {

enum class RangeRole { display, alert };
std::string_view to_string(RangeRole role);

struct ReferenceRange {
  std::string id;     // "dissociation"
  std::string drug;   // the drug it was measured for, an id of the model catalogue: "ketamine"
  std::string name;   // "plasma range associated with dissociation after 0.5 mg/kg over 40 min"
  std::string label;  // short, for a legend: "dissociation range of this protocol"
  RangeRole role = RangeRole::display;
  double low_ng_ml = 0, high_ng_ml = 0;
  std::string source;    // the label shown to users: "Zanos 2018"
  std::string evidence;  // the evidence tag of the source (docs/sources.md): "[V]"
  std::string detail;    // where in the source: "Pharmacol Rev 2018;70:621, Table 1, ..."

  // "[V] Zanos 2018, Pharmacol Rev 2018;70:621, Table 1, ..." for reports.
  std::string citation() const;
};

struct ReferenceRanges {
  std::vector<ReferenceRange> ranges;  // sorted by id

  // The ranges measured for `drug` (of one role, when given), in order.
  std::vector<const ReferenceRange*> for_drug(std::string_view drug,
                                              std::optional<RangeRole> role = std::nullopt) const;
};

}  // namespace kc::pharm
