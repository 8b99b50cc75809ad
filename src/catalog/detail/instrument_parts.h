#pragma once
// The pieces of parse_instrument (instruments.cpp), one concern per file:
// items (instrument_items.cpp), scoring (instrument_scoring.cpp), risk tiers
// and outcomes (instrument_outcomes.cpp).
#include <cstddef>
#include <string_view>
#include <vector>

#include "catalog/json_fields.h"
#include "clinic/measures/instrument.h"

namespace kc::catalog::detail {

// {"system", "code", "display"}; `display_required` for answer codings.
Result<measures::Coding> read_coding(const Fields& f, bool display_required = false);
Result<std::vector<measures::Coding>> read_codes(const Fields& f, std::string_view key);

// A link id (string) naming an item already read, resolved to its position.
Result<std::size_t> item_ref(const Fields& f, std::string_view key, const measures::Instrument& ins);
Result<std::vector<std::size_t>> item_refs(const Fields& f, std::string_view key, const measures::Instrument& ins);

// {"kind", "severity", "reason", "source"}
Result<measures::FlagSpec> read_flag_spec(const Fields& f);
// scoring.risk (instrument_outcomes.cpp, with the outcomes block)
Result<void> read_risk(const Fields& scoring, measures::Instrument& ins);

Result<void> read_items(const Fields& root, measures::Instrument& ins);
Result<void> read_scoring(const Fields& root, measures::Instrument& ins);
Result<void> read_outcomes(const Fields& root, measures::Instrument& ins);

}  // namespace kc::catalog::detail
