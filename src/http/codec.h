#pragma once
// Domain values as JSON for responses. Instants are written in the zone of the
// location they belong to, with their offset ("2026-11-02T09:00:00-06:00");
// locations, resources, staff and appointment types appear by their codes.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clinic/board.h"
#include "clinic/locator.h"
#include "clinic/scheduler.h"

namespace kc::http {

// Serialises; invalid UTF-8 (only possible in echoed input) becomes U+FFFD
// instead of an exception.
std::string to_body(const nlohmann::json& doc);

nlohmann::json interval_json(const clinic::Interval& i, clinic::Zone zone);
nlohmann::json location_json(const clinic::Directory& d, const clinic::Location& l);
nlohmann::json type_json(const clinic::AppointmentType& t);
nlohmann::json appointment_json(const clinic::Directory& d, const clinic::Appointment& a);
nlohmann::json event_json(const clinic::AppointmentEvent& e, clinic::Zone zone);
nlohmann::json patient_json(const clinic::Patient& p);
// `flagged`: patients with an open safety flag; with it, every entry's patient
// carries safety_flag true/false and no details; without it, no such field.
nlohmann::json board_json(const clinic::Directory& d, const clinic::DayBoard& board,
                          const std::set<clinic::Id>* flagged = nullptr);

// The availability response, written directly: it is the hottest route.
std::string availability_body(const clinic::Availability& a, clinic::Instant from, clinic::Instant to);

}  // namespace kc::http
