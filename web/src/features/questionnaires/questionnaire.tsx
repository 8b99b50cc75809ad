// One questionnaire, one question at a time (a phone shows one question with
// large answer buttons; so does a desktop, in a narrow column): progress,
// Back and Next, a review of every answer, then POST
// /api/v1/assignments/{id}/submission. When the answers raise an urgent safety
// flag the response carries crisis resources, shown at once, before anything
// else, and the focus moves to them.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/http";
import { getInstrument, listAssignments, submitAssignment } from "../../api/questionnaires";
import type { Assignment, Instrument, InstrumentItem, SubmissionResult } from "../../api/schema";
import { CrisisResourcesPanel } from "../../components/crisis";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { ErrorSummary } from "../../components/error-summary";
import { type Submission, useSubmit } from "../../lib/useSubmit";
import { useSession } from "../../session";

type Answer = number | boolean | null; // null: left blank on purpose ("Not sure")
type Answers = Record<string, Answer>;

interface Data {
  assignment: Assignment;
  instrument: Instrument;
  others: Assignment[]; // the patient's other open questionnaires, for "Next questionnaire"
}

async function load(patientId: number, assignmentId: number, signal: AbortSignal): Promise<Data> {
  const all = await listAssignments(patientId, signal);
  const assignment = all.find((a) => a.id === assignmentId);
  if (!assignment) throw new ApiError(404, "not_found", "We could not find this questionnaire among yours.");
  const instrument = await getInstrument(assignment.instrument, signal);
  const others = all.filter((a) => a.id !== assignmentId && a.status === "open" && a.completed_by === "patient");
  return { assignment, instrument, others };
}

// The items asked, given the answers so far (enable_when: asked only after a given answer).
function asked(instrument: Instrument, answers: Answers): InstrumentItem[] {
  return instrument.items.filter((item) => {
    const when = item.enable_when;
    if (!when) return true;
    const got = answers[when.question];
    return got !== undefined && got !== null && Number(got) === Number(when.equals);
  });
}

const questionText = (item: InstrumentItem) => item.text ?? item.label;

function answerText(item: InstrumentItem, answer: Answer | undefined): string {
  if (answer === undefined || answer === null) return "Not answered";
  if (item.type === "boolean") return answer ? "Yes" : "No";
  return item.options?.find((o) => o.value === answer)?.display ?? String(answer);
}

function Question(props: {
  instrument: Instrument;
  item: InstrumentItem;
  index: number;
  count: number;
  answer: Answer | undefined;
  onAnswer: (a: Answer) => void;
  onNext: () => void;
  onBack: (() => void) | null;
}) {
  const { item, answer } = props;
  const name = `q-${item.link_id}`;
  const submission = useSubmit(() => undefined, {
    fields: { answer: `${name}-0` },
    validate: () => ({ answer: answer === undefined ? "Choose an answer to continue." : undefined }),
    onDone: props.onNext,
  });
  const error = submission.fields.answer;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    submission.reset();
    heading.current?.focus();
  }, [item.link_id]);
  const options: { value: Answer; display: string }[] =
    item.type === "boolean"
      ? [{ value: true, display: "Yes" }, { value: false, display: "No" }, ...(item.required ? [] : [{ value: null, display: "Not sure" }])]
      : (item.options ?? []).map((o) => ({ value: o.value, display: o.display }));
  return (
    <form class="question" onSubmit={submission.onSubmit} noValidate>
      <ErrorSummary submission={submission} />
      <div class="progress-line">
        <span>
          Question {props.index + 1} of {props.count}
        </span>
        <progress max={props.count} value={props.index + 1} aria-label={`Question ${props.index + 1} of ${props.count}`} />
      </div>
      {props.instrument.description && <p class="meta">{props.instrument.description}</p>}
      <fieldset aria-describedby={error ? `${name}-error` : undefined}>
        <legend>
          <h2 class="question-text" tabIndex={-1} ref={heading}>
            {questionText(item)}
          </h2>
        </legend>
        <div class="answer-list">
          {options.map((o, i) => (
            <label class="answer" key={String(o.value)}>
              <input type="radio" id={`${name}-${i}`} name={name} checked={answer === o.value}
                onChange={() => { submission.reset(); props.onAnswer(o.value); }} />
              <span>{o.display}</span>
            </label>
          ))}
        </div>
        {error && (
          <p class="field-error" id={`${name}-error`}>
            {error}
          </p>
        )}
      </fieldset>
      <div class="actions question-actions">
        <button type="submit" class="button">
          {props.index + 1 === props.count ? "Review answers" : "Next"}
        </button>
        {props.onBack && (
          <button type="button" class="button button-secondary" onClick={props.onBack}>
            Back
          </button>
        )}
        {!item.required && item.type !== "boolean" && (
          <button type="button" class="button button-secondary" onClick={() => { props.onAnswer(null); props.onNext(); }}>
            Skip this question
          </button>
        )}
      </div>
    </form>
  );
}

function Review(props: {
  instrument: Instrument;
  items: InstrumentItem[];
  answers: Answers;
  sending: Submission;
  onChange: (index: number) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1} ref={heading}>
        Check your answers
      </h2>
      <ErrorSummary submission={props.sending} title="Your answers are not sent yet." />
      <ol class="review-list">
        {props.items.map((item, i) => (
          <li key={item.link_id}>
            <p class="review-question">{questionText(item)}</p>
            <p class="review-answer">
              <strong>{answerText(item, props.answers[item.link_id])}</strong>{" "}
              <button type="button" class="link-button" onClick={() => props.onChange(i)}>
                Change<span class="visually-hidden"> the answer to question {i + 1}</span>
              </button>
            </p>
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" class="button" disabled={props.sending.pending} onClick={() => props.sending.run()}>
          {props.sending.pending ? "Sending…" : "Send answers"}
        </button>
      </div>
    </section>
  );
}

function Sent({ result, next }: { result: SubmissionResult; next: Assignment | undefined }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const crisis = result.crisis_resources;
  useEffect(() => {
    if (!crisis) heading.current?.focus();
  }, []);
  return (
    <>
      {crisis && <CrisisResourcesPanel crisis={crisis} />}
      <section aria-labelledby="sent-heading" class="card">
        <h2 id="sent-heading" tabIndex={-1} ref={heading}>
          Thank you, your answers are sent
        </h2>
        <p>Your care team reads them before your consultation and goes through them with you.</p>
        <div class="actions">
          {next ? (
            <Link class="button" href={`/questionnaires/${next.id}`}>
              Next questionnaire: {next.title ?? next.instrument}
            </Link>
          ) : (
            <Link class="button" href="/appointments">
              Go to my appointments
            </Link>
          )}
          <Link class="button button-secondary" href="/questionnaires">
            All my questionnaires
          </Link>
        </div>
      </section>
    </>
  );
}

function Runner({ data }: { data: Data }) {
  const { instrument, assignment } = data;
  const [answers, setAnswers] = useState<Answers>({});
  const [index, setIndex] = useState(0);
  const [reviewing, setReviewing] = useState(false);
  const [result, setResult] = useState<SubmissionResult | null>(null);
  const items = asked(instrument, answers);
  const sending = useSubmit(
    () => {
      const shown = new Set(items.map((i) => i.link_id));
      return submitAssignment(assignment.id, Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k))));
    },
    { onDone: setResult },
  );

  if (assignment.status === "submitted" && !result)
    return (
      <p>
        You have answered this questionnaire already. <Link href="/questionnaires">See all your questionnaires</Link>.
      </p>
    );
  if (result) return <Sent result={result} next={data.others[0]} />;

  if (reviewing)
    return (
      <Review instrument={instrument} items={items} answers={answers} sending={sending}
        onChange={(i) => { setIndex(i); setReviewing(false); }} />
    );
  const at = Math.min(index, items.length - 1);
  const item = items[at];
  return (
    <Question
      instrument={instrument}
      item={item}
      index={at}
      count={items.length}
      answer={answers[item.link_id]}
      onAnswer={(a) => setAnswers({ ...answers, [item.link_id]: a })}
      onNext={() => (at + 1 < asked(instrument, answers).length ? setIndex(at + 1) : setReviewing(true))}
      onBack={at > 0 ? () => setIndex(at - 1) : null}
    />
  );
}

export function QuestionnairePage({ id }: { id: number }) {
  const { session } = useSession();
  const patientId = session?.account.patient_id ?? 0;
  const [state, retry] = useRequest((signal) => load(patientId, id, signal), [patientId, id]);
  const title = state.status === "done" ? state.data.instrument.title : "Questionnaire";
  return (
    <Page title={title}>
      <Loaded state={state} what="the questionnaire" retry={retry}>
        {(data) => <Runner data={data} />}
      </Loaded>
    </Page>
  );
}

