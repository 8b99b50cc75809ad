// Questionnaires: instruments, assignments, submissions and corrections.
#include "clinic/questionnaires.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {

using measures::Instrument;
using measures::LinkedAnswer;

Questionnaires::Questionnaires(std::vector<Instrument> instruments, measures::CrisisResources crisis,
                               MeasuresStore& store, PatientStore& patients, const Clock& clock)
    : instruments_(std::move(instruments)), crisis_(std::move(crisis)), store_(store), patients_(patients),
      clock_(clock) {}

Result<const Instrument*> Questionnaires::instrument(std::string_view id, std::string_view field) const {
  for (const auto& ins : instruments_)
    if (ins.id == id) return &ins;
  return fail(ErrorCode::not_found, std::string(field), fmt::format("{}: no instrument '{}'", field, id));
}

namespace {

std::vector<LinkedAnswer> answered_items(const Instrument& ins, const measures::Answers& answers) {
  std::vector<LinkedAnswer> out;
  for (std::size_t i = 0; i < answers.size() && i < ins.items.size(); ++i)
    if (answers[i]) out.push_back({ins.items[i].link_id, answers[i]});
  return out;
}

// Scores the answers into `s`: what was answered, in item order, and the result.
Result<void> score_into(Submission& s, const Instrument& ins, const std::vector<LinkedAnswer>& answers) {
  auto ordered = measures::answers_from_linked(ins, answers);
  if (!ordered) return std::unexpected(ordered.error());
  auto scored = measures::score(ins, *ordered, measures::FieldStyle::link_id);
  if (!scored) return std::unexpected(scored.error());
  s.instrument_version = ins.version;
  s.answers = answered_items(ins, *ordered);
  s.score = std::move(*scored);
  return {};
}

}  // namespace

Result<Assignment> Questionnaires::assign(const AssignRequest& request, const Actor& actor) {
  if (auto p = patients_.patient(request.patient_id); !p)
    return std::unexpected(Error{p.error().code, "patient_id", p.error().message});
  auto ins = instrument(request.instrument, "instrument");
  if (!ins) return std::unexpected(ins.error());
  Assignment a;
  a.patient_id = request.patient_id;
  a.instrument = (*ins)->id;
  a.due = request.due;
  a.reason = AssignmentReason::staff;
  a.created_by = actor;
  a.created_at = clock_.now();
  return store_.insert_assignment(a);
}

Result<std::vector<Assignment>> Questionnaires::assignments(Id patient_id) {
  if (auto p = patients_.patient(patient_id); !p) return std::unexpected(p.error());
  return store_.assignments_of(patient_id);
}

// Identity first: a patient learns nothing about another patient's
// questionnaire from the order of the checks.
Result<void> Questionnaires::check_submitter(const Assignment& a, const Instrument& ins, const Submitter& who) const {
  if (who.patient) {
    if (*who.patient != a.patient_id)
      return fail(ErrorCode::forbidden, "id", fmt::format("id: assignment {} is not yours", a.id), "not_your_assignment");
    if (who.on_paper)
      return fail(ErrorCode::invalid_argument, "entered_on_paper", "entered_on_paper: only staff enter paper forms");
    if (ins.administration == measures::Administration::clinician)
      return fail(ErrorCode::forbidden, "instrument",
                  fmt::format("instrument: {} is rated by a clinician, not by the patient", ins.id), "clinician_rated");
    return {};
  }
  if (ins.administration == measures::Administration::self_report && !who.on_paper)
    return fail(ErrorCode::invalid_argument, "entered_on_paper",
                fmt::format("entered_on_paper: {} is answered by the patient; staff entering it transcribe the "
                            "patient's paper form and must say so",
                            ins.id));
  return {};
}

SubmitOutcome Questionnaires::outcome(StoredSubmission stored) const {
  const bool urgent = measures::shows_crisis_resources(stored.submission.score.flags);
  return SubmitOutcome{std::move(stored), urgent ? &crisis_ : nullptr};
}

Result<SubmitOutcome> Questionnaires::submit(Id assignment_id, const std::vector<LinkedAnswer>& answers,
                                             const Submitter& who) {
  auto a = store_.assignment(assignment_id);
  if (!a) return std::unexpected(Error{a.error().code, "id", a.error().message});
  auto ins = instrument(a->instrument, "instrument");
  if (!ins) return std::unexpected(ins.error());
  if (auto ok = check_submitter(*a, **ins, who); !ok) return std::unexpected(ok.error());
  if (a->current_submission)
    return fail(ErrorCode::conflict, "id",
                fmt::format("id: assignment {} was already submitted (submission {}); correct that instead",
                            a->id, *a->current_submission),
                "already_submitted");
  NewSubmission n;
  Submission& s = n.submission;
  if (auto ok = score_into(s, **ins, answers); !ok) return std::unexpected(ok.error());
  s.assignment_id = a->id;
  s.patient_id = a->patient_id;
  s.instrument = (*ins)->id;
  s.entered_by = who.patient ? EnteredBy::patient : EnteredBy::staff;
  s.on_paper = who.on_paper;
  s.actor = who.actor;
  s.submitted_at = s.answered_at = clock_.now();
  n.flags = s.score.flags;
  auto stored = store_.insert_submission(n);
  if (!stored) return std::unexpected(stored.error());
  return outcome(std::move(*stored));
}

// Flags of kinds that no version of this assignment raised yet.
Result<std::vector<measures::SafetyFlag>> Questionnaires::new_kinds(const Submission& previous,
                                                                    const std::vector<measures::SafetyFlag>& flags) {
  auto earlier = store_.versions(previous.assignment_id);
  if (!earlier) return std::unexpected(earlier.error());
  auto raised = store_.flags({std::vector<Id>{previous.patient_id}, false});
  if (!raised) return std::unexpected(raised.error());
  auto seen = [&](const measures::SafetyFlag& f) {
    return std::any_of(raised->begin(), raised->end(), [&](const Flag& r) {
      const bool ours = std::any_of(earlier->begin(), earlier->end(), [&](const Submission& v) { return v.id == r.submission_id; });
      return ours && r.raised.kind == f.kind;
    });
  };
  std::vector<measures::SafetyFlag> out;
  for (const auto& f : flags)
    if (!seen(f)) out.push_back(f);
  return out;
}

Result<SubmitOutcome> Questionnaires::correct(Id submission_id, const CorrectionRequest& request, const Actor& actor) {
  if (request.reason.empty()) return fail(ErrorCode::invalid_argument, "reason", "reason: say why it is corrected");
  auto previous = store_.submission(submission_id);
  if (!previous) return std::unexpected(Error{previous.error().code, "id", previous.error().message});
  auto ins = instrument(previous->instrument, "instrument");
  if (!ins) return std::unexpected(ins.error());
  NewSubmission n;
  Submission& s = n.submission;
  s = *previous;
  if (auto ok = score_into(s, **ins, request.answers); !ok) return std::unexpected(ok.error());
  s.id = 0;
  s.version = previous->version + 1;
  s.supersedes = previous->id;
  s.entered_by = EnteredBy::staff;
  s.on_paper = false;
  s.actor = actor;
  s.submitted_at = clock_.now();
  s.correction_reason = request.reason;
  auto flags = new_kinds(*previous, s.score.flags);
  if (!flags) return std::unexpected(flags.error());
  n.flags = std::move(*flags);
  auto stored = store_.insert_submission(n);
  if (!stored) return std::unexpected(stored.error());
  return outcome(std::move(*stored));
}

}  // namespace kc::clinic
