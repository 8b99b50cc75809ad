// Eligibility screening on the patient record: the rule engine's proposal
// (eligible, needs review, not eligible) with every reason, its source and the
// rule-set version, from the medical-screening answers and the recorded facts;
// a form to record the facts and screen (clinical_write); and the prescriber's
// decision with a note (clinical_signoff), recorded once.
import { useState } from "preact/hooks";
import { decideScreening, listScreenings, screenPatient } from "../../api/screening";
import type { DecisionInput, Screening, ScreeningInput } from "../../api/schema";
import { Field, Input } from "../../components/field";
import { ClinicianName, SignedAs } from "../../components/clinician-select";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { useSession } from "../../session";
import { ErrorSummary } from "../../components/error-summary";
import { useSubmit } from "../../lib/useSubmit";

const kOutcome: Record<string, { text: string; badge: string }> = {
  eligible: { text: "Eligible", badge: "badge-completed" },
  needs_review: { text: "Needs a prescriber's review", badge: "badge-booked" },
  not_eligible: { text: "Not eligible", badge: "badge-cancelled" },
};
const kReasonKind: Record<string, string> = {
  absolute: "Rules out",
  relative: "Caution",
  missing_information: "Missing information",
};
const kTreatments: [ScreeningInput["treatment"], string][] = [
  ["iv_ketamine", "IV ketamine"],
  ["esketamine", "Esketamine (Spravato)"],
];
const when = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

function Outcome({ outcome }: { outcome: string }) {
  const o = kOutcome[outcome] ?? { text: outcome.replace(/_/g, " "), badge: "badge-booked" };
  return <span class={`badge ${o.badge}`}>{o.text}</span>;
}

const kDecisions: [DecisionInput["decision"], string][] = [
  ["eligible", "Eligible for treatment"],
  ["not_eligible", "Not eligible"],
];

function DecisionForm({ screening, location, onDone }: { screening: Screening; location: string; onDone: (s: Screening) => void }) {
  const { session } = useSession();
  const [decision, setDecision] = useState<DecisionInput["decision"] | "">("");
  const [note, setNote] = useState("");
  // validate() refuses an empty decision before the request.
  const submission = useSubmit(() => decideScreening(screening.id, { decision: decision as DecisionInput["decision"], note: note.trim() }), {
    fields: {
      decision: `decision-${screening.id}-eligible`,
      note: "decision-note",
    },
    validate: () => ({
      decision: decision ? undefined : "Choose eligible or not eligible.",
      note: note.trim() ? undefined : "Write the reasoning behind your decision.",
    }),
    onDone,
  });
  const errors = submission.fields;
  const busy = submission.pending || !session?.account.staff_code;
  return (
    <form class="form card" onSubmit={submission.onSubmit} noValidate aria-labelledby="decision-heading">
      <h3 id="decision-heading">Your decision</h3>
      <ErrorSummary submission={submission} title="The decision is not recorded yet." />
      <fieldset aria-describedby={errors.decision ? "decision-error" : undefined}>
        <legend class="legend">Decision</legend>
        {kDecisions.map(([value, label]) => (
          <label class="check" key={value}>
            <input type="radio" id={`decision-${screening.id}-${value}`} name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
            {label}
          </label>
        ))}
        {errors.decision && (
          <p class="field-error" id="decision-error">
            {errors.decision}
          </p>
        )}
      </fieldset>
      <Field id="decision-note" label="Note" hint="Your reasoning, especially where you depart from the proposal." error={errors.note}>
        {(a) => <textarea {...a} class="input" rows={3} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <SignedAs location={location} />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Recording…" : "Record decision"}
        </button>
      </div>
    </form>
  );
}

function ScreeningCard({ screening, location, onChange }: { screening: Screening; location: string; onChange: (s: Screening) => void }) {
  const { can } = useSession();
  const { proposal, decision } = screening;
  return (
    <article class="card screening" aria-labelledby={`screening-${screening.id}`}>
      <div class="visit-head">
        <h3 id={`screening-${screening.id}`}>Screening of {when(screening.created_at)}</h3>
        <Outcome outcome={proposal.outcome} />
      </div>
      <p class="meta">Proposal by rule set {proposal.rule_set_version}; a prescriber decides.</p>
      {proposal.reasons.length === 0 ? (
        <p>No rule raised a concern.</p>
      ) : (
        <ul class="reason-list">
          {proposal.reasons.map((r) => (
            <li key={r.rule_id}>
              <strong>{kReasonKind[r.kind] ?? r.kind}:</strong> {r.reason}
              {r.unknown ? " (not known yet)" : ""} <span class="meta">({r.source})</span>
            </li>
          ))}
        </ul>
      )}
      {decision ? (
        <p class="ack">
          Decision: <strong>{kOutcome[decision.decision]?.text ?? decision.decision}</strong> by{" "}
          <ClinicianName code={decision.prescriber} location={location} /> on{" "}
          {when(decision.decided_at)}
          {decision.overrides_proposal ? " (differs from the proposal)" : ""}. {decision.note}
        </p>
      ) : can("clinical_signoff") ? (
        <DecisionForm screening={screening} location={location} onDone={onChange} />
      ) : (
        <p class="meta">Waiting for a prescriber's decision.</p>
      )}
    </article>
  );
}

function NewScreening({ patientId, onDone }: { patientId: number; onDone: (s: Screening) => void }) {
  const [open, setOpen] = useState(false);
  const [treatment, setTreatment] = useState<ScreeningInput["treatment"]>("iv_ketamine");
  const [pregnant, setPregnant] = useState("");
  const [systolic, setSystolic] = useState("");
  const [diastolic, setDiastolic] = useState("");
  const [noMedications, setNoMedications] = useState(false);
  const submission = useSubmit(
    () => {
      const facts: ScreeningInput = { treatment };
      if (pregnant) facts.pregnant = pregnant === "yes";
      if (systolic) facts.systolic_mmhg = Number(systolic);
      if (diastolic) facts.diastolic_mmhg = Number(diastolic);
      if (noMedications) facts.medications = [];
      return screenPatient(patientId, facts);
    },
    {
      fields: { treatment: "screen-treatment", pregnant: "screen-pregnant", systolic_mmhg: "screen-systolic", diastolic_mmhg: "screen-diastolic" },
      onDone: (s) => {
        onDone(s);
        setOpen(false);
      },
    },
  );
  const busy = submission.pending;
  const errors = submission.fields;
  if (!open)
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
        Screen for eligibility
      </button>
    );
  return (
    <form class="form card" onSubmit={submission.onSubmit} noValidate aria-labelledby="new-screening-heading">
      <h3 id="new-screening-heading">Screen for eligibility</h3>
      <p class="meta">The patient's medical-screening answers are used with these facts. Leave a fact empty when it is not known.</p>
      <ErrorSummary submission={submission} title="The screening did not run." />
      <div class="form-row">
        <Field id="screen-treatment" label="Treatment" error={errors.treatment}>
          {(a) => (
            <select {...a} class="input" value={treatment} onChange={(e) => setTreatment((e.target as HTMLSelectElement).value as ScreeningInput["treatment"])}>
              {kTreatments.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="screen-pregnant" label="Pregnancy test" error={errors.pregnant}>
          {(a) => (
            <select {...a} class="input" value={pregnant} onChange={(e) => setPregnant((e.target as HTMLSelectElement).value)}>
              <option value="">Not known</option>
              <option value="no">Negative / not pregnant</option>
              <option value="yes">Pregnant</option>
            </select>
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field id="screen-systolic" label="Systolic blood pressure (mmHg)" error={errors.systolic_mmhg}>
          {(a) => <Input {...a} inputMode="numeric" value={systolic} onValue={setSystolic} />}
        </Field>
        <Field id="screen-diastolic" label="Diastolic blood pressure (mmHg)" error={errors.diastolic_mmhg}>
          {(a) => <Input {...a} inputMode="numeric" value={diastolic} onValue={setDiastolic} />}
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={noMedications} onChange={(e) => setNoMedications((e.target as HTMLInputElement).checked)} />
        Takes no current medications (checked with the patient)
      </label>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Screening…" : "Screen"}
        </button>
        <button type="button" class="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ScreeningSection({ patientId, location }: { patientId: number; location: string }) {
  const { can } = useSession();
  const [state, retry, replace] = useRequest((signal) => listScreenings(patientId, signal), [patientId]);
  return (
    <section aria-labelledby="screening-heading">
      <h2 id="screening-heading">Eligibility screening</h2>
      <Loaded state={state} what="the screenings" retry={retry}>
        {(screenings) => (
          <>
            {screenings.length === 0 && <p>Not screened yet.</p>}
            {screenings.map((s) => (
              <ScreeningCard key={s.id} screening={s} location={location}
                onChange={(changed) => replace(screenings.map((x) => (x.id === changed.id ? changed : x)))} />
            ))}
            {can("clinical_write") && <NewScreening patientId={patientId} onDone={(s) => replace([s, ...screenings])} />}
          </>
        )}
      </Loaded>
    </section>
  );
}
