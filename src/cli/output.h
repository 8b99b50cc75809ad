#pragma once
// Output formats shared by the commands: an aligned text table for people,
// CSV and JSON for programs. Writers build strings; the command prints them
// only once everything succeeded, so an error leaves stdout empty.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kc::cli {

enum class Format { table, csv, json };
Result<Format> parse_format(std::string_view text);

// A rectangular table of already formatted cells.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string render_table(const Table& t);  // aligned columns, right-justified numbers
std::string render_csv(const Table& t);     // RFC 4180 quoting

// Fixed number of significant digits, no exponent for ordinary values ("240.4").
std::string number(double v, int significant = 5);

}  // namespace kc::cli
