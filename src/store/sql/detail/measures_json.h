#pragma once
// The parts of measurement-based care records that the store keeps as JSON
// text: a submission's score as computed when it was recorded, the facts a
// screening read and the reasons it gave. They are read back whole, never
// queried inside, and the store wrote every one of them (a text that does not
// parse is ErrorCode::internal).
#include <string>
#include <vector>

#include "clinic/measures/eligibility.h"
#include "clinic/measures/scoring.h"
#include "core/error.h"

namespace kc::store::sql::detail {

std::string score_text(const measures::ScoreResult& score);
Result<measures::ScoreResult> parse_score(const std::string& text);

std::string facts_text(const measures::Facts& facts);
Result<measures::Facts> parse_facts(const std::string& text);

std::string reasons_text(const std::vector<measures::Reason>& reasons);
Result<std::vector<measures::Reason>> parse_reasons(const std::string& text);

}  // namespace kc::store::sql::detail
