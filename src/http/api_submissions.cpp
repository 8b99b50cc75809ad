// Submitting an assignment, reading a submission with its versions, corrections.
#include <fmt/format.h>

#include <limits>

#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/measures_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

struct SubmissionRoutes {
  Questionnaires& questionnaires;
  FlagInbox& inbox;
};

constexpr std::size_t kMaxText = 2000;

// {"phq9_1": 2, "cssrs_1": true, "phq9_10": null}: answers by link id; true/false
// answer yes/no items; null or a missing key leaves an item unanswered. The
// ranges and the link ids themselves are the instrument's to check.
std::vector<measures::LinkedAnswer> read_answers(JsonReader& body) {
  std::vector<measures::LinkedAnswer> out;
  auto answers = body.object("answers", Need::required);
  if (!answers) return out;
  for (const auto& key : answers->keys()) {
    const json* v = answers->value(key);
    if (v->is_null()) continue;
    if (v->is_boolean()) {
      out.push_back({key, v->get<bool>() ? 1 : 0});
      continue;
    }
    auto n = answers->integer(key, Need::required, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    if (n) out.push_back({key, static_cast<int>(*n)});
  }
  return out;
}

std::string read_text(JsonReader& body, std::string_view key, Need need) {
  auto text = body.text(key, need, TextKind::multiline).value_or("");
  if (text.size() > kMaxText) body.fail(key, fmt::format("must be at most {} characters", kMaxText));
  return text;
}

// Who submits, from the session: a patient acts for their own record, staff
// (a nurse or prescriber) for the patient. The use case checks the rest.
Submitter submitter(const ApiRequest& r, bool on_paper) {
  if (r.principal.kind == auth::Principal::Kind::patient) return Submitter{r.principal.patient_id, on_paper, r.actor};
  return Submitter{std::nullopt, on_paper, r.actor};
}

// With the crisis lines, the clinic that will call back: its phone and the
// response time it commits to (data/clinic/flag_policy.json).
Result<json> clinic_contact(FlagInbox& inbox, Id patient_id) {
  KC_TRY(auto location, inbox.routed_to(patient_id));
  if (location == nullptr) return json(nullptr);  // a clinic without locations yet
  return json{{"location", location->code},
              {"name", location->name},
              {"phone", location->phone.empty() ? json(nullptr) : json(location->phone)},
              {"response_time", inbox.policy().response_time}};
}

Result<ApiResponse> outcome_response(FlagInbox& inbox, const SubmitOutcome& o) {
  json body = submission_json(o.stored.submission);
  body["flags"] = json::array();
  for (const auto& f : o.stored.flags) body["flags"].push_back(flag_json(f));
  if (o.crisis) {
    body["crisis_resources"] = crisis_json(*o.crisis);
    KC_TRY(auto contact, clinic_contact(inbox, o.stored.submission.patient_id));
    if (!contact.is_null()) body["crisis_resources"]["clinic"] = std::move(contact);
  }
  auto response = json_response(201, body);
  response.headers.emplace_back("Location", fmt::format("/api/v1/submissions/{}", o.stored.submission.id));
  response.audit.resource_id = fmt::format("{}", o.stored.submission.id);
  return response;
}

Answer submit(const SubmissionRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"answers", "entered_on_paper"}));
  JsonReader& body = in->fields();
  auto answers = read_answers(body);
  const bool on_paper = body.boolean("entered_on_paper", Need::optional).value_or(false);
  if (!in->ok()) return in->problem();
  KC_TRY(auto outcome, c.questionnaires.submit(id, answers, submitter(r, on_paper)));
  return outcome_response(c.inbox, outcome);
}

Answer correct(const SubmissionRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"answers", "reason"}));
  JsonReader& body = in->fields();
  CorrectionRequest request{read_answers(body), read_text(body, "reason", Need::required)};
  if (!in->ok()) return in->problem();
  KC_TRY(auto outcome, c.questionnaires.correct(id, request, r.actor));
  return outcome_response(c.inbox, outcome);
}

Answer get_submission(const SubmissionRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto s, c.questionnaires.submission(id));
  KC_TRY(auto versions, c.questionnaires.versions(s.assignment_id));
  json body = submission_json(s);
  body["versions"] = json::array();
  for (const auto& v : versions)
    body["versions"].push_back({{"id", v.id}, {"version", v.version}, {"submitted_at", utc_json(v.submitted_at)}});
  body["current"] = versions.back().id == s.id;
  return json_response(200, body);
}

}  // namespace

void add_submission_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<SubmissionRoutes> add(routes, {c.questionnaires, c.inbox});
  add(Method::post, "/api/v1/assignments/{id}/submission", "submitAssignment",
      needs_or_owner(Permission::clinical_write, "submission", scope::assignment_path), submit);
  add(Method::get, "/api/v1/submissions/{id}", "getSubmission",
      needs(Permission::clinical_read, "submission", scope::submission_path), get_submission);
  add(Method::post, "/api/v1/submissions/{id}/corrections", "correctSubmission",
      needs(Permission::clinical_write, "submission", scope::submission_path, "correct"), correct);
}

}  // namespace kc::http
