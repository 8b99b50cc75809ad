#pragma once
// Answers to one instrument and their validation. Bad input never reaches the
// scoring rules: an answer outside its item's range, an answer to an item the
// skip logic disables (C-SSRS Q3-Q5 when Q2 = no, test vector C9), or an
// unknown link id is an ErrorCode::invalid_argument whose field names the item.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clinic/measures/instrument.h"
#include "core/error.h"

namespace kc::measures {

// One entry per item, in the instrument's order; nullopt = not answered.
using Answers = std::vector<std::optional<int>>;

// An answer addressed by link id, as an API client submits it.
struct LinkedAnswer {
  std::string link_id;
  std::optional<int> value;
};

// How errors name the offending item: "answers[8]" (position, as typed on the
// command line) or "answers.phq9_9" (link id, as submitted by a client).
enum class FieldStyle { position, link_id };

std::string answer_field(const Instrument& instrument, std::size_t item, FieldStyle style);

// Orders linked answers by item; unknown or repeated link ids are errors
// (field "answers.<link id>"). Items not mentioned are unanswered.
Result<Answers> answers_from_linked(const Instrument& instrument, const std::vector<LinkedAnswer>& linked);

// Whether the skip logic asks this item, given the other answers.
bool is_enabled(const Instrument& instrument, const Answers& answers, std::size_t item);

// Exactly one entry per item; each value in range; none for a disabled item.
Result<void> check_answers(const Instrument& instrument, const Answers& answers, FieldStyle style);

}  // namespace kc::measures
