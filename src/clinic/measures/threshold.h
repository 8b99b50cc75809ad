#pragma once
// A comparison with a configured threshold. The operator is data, not code,
// because the reference leaves it to the clinic: MADRS remission is "< 10"
// (Hawley 2002) or "<= 10" (many ketamine trials), docs/sources.md#madrs_cutpoints.
#include <optional>
#include <string_view>

namespace kc::measures {

enum class Compare { less, less_equal, greater, greater_equal };

std::string_view to_symbol(Compare op);                        // "<", "<=", ">", ">="
std::optional<Compare> parse_compare(std::string_view symbol);  // the inverse; nullopt otherwise

struct Threshold {
  Compare op = Compare::less;
  double value = 0;
  bool holds(double x) const;  // x <op> value
};

}  // namespace kc::measures
