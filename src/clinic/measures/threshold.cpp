#include "clinic/measures/threshold.h"

namespace kc::measures {

std::string_view to_symbol(Compare op) {
  switch (op) {
    case Compare::less: return "<";
    case Compare::less_equal: return "<=";
    case Compare::greater: return ">";
    case Compare::greater_equal: return ">=";
  }
  return "<";
}

std::optional<Compare> parse_compare(std::string_view symbol) {
  for (Compare op : {Compare::less, Compare::less_equal, Compare::greater, Compare::greater_equal})
    if (to_symbol(op) == symbol) return op;
  return std::nullopt;
}

bool Threshold::holds(double x) const {
  switch (op) {
    case Compare::less: return x < value;
    case Compare::less_equal: return x <= value;
    case Compare::greater: return x > value;
    case Compare::greater_equal: return x >= value;
  }
  return false;
}

}  // namespace kc::measures
