#pragma once
// Measurement-based care records as JSON for responses. Patient records carry
// no location, so their timestamps are in UTC ("2026-11-27T18:00:00Z").
//
// Which fields a view shows is part of the access design: flag_summary_json
// (front desk, the day board) says that a flag exists and nothing about the
// answers or why; flag_json (clinicians) carries the kind, reason and trigger.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "clinic/questionnaires.h"
#include "clinic/screening.h"

namespace kc::http {

nlohmann::json utc_json(clinic::Instant t);
nlohmann::json actor_json(const clinic::Actor& a);

// Without scoring internals; item text only where the licence allows (the data says).
nlohmann::json instrument_summary_json(const measures::Instrument& ins);
nlohmann::json instrument_json(const measures::Instrument& ins);

// `ins` may be null when the instrument left the catalogue.
nlohmann::json assignment_json(const clinic::Assignment& a, const measures::Instrument* ins);
nlohmann::json score_json(const measures::ScoreResult& s);
nlohmann::json submission_json(const clinic::Submission& s);
nlohmann::json flag_json(const clinic::Flag& f);
nlohmann::json flag_summary_json(const clinic::Flag& f, const std::string& patient_name);
nlohmann::json crisis_json(const measures::CrisisResources& c);
nlohmann::json trend_json(clinic::Id patient_id, const clinic::Trend& t);
nlohmann::json screening_json(const clinic::Screening& s);

}  // namespace kc::http
