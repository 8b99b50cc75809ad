// Safety flags of one patient for clinicians (GET /api/v1/patients/{id}/flags):
// what raised each one and, until a clinician acknowledges it, a form for the
// action taken (POST /api/v1/flags/{id}/acknowledgement). Once acknowledged a
// flag shows who, when and what was done.
import { useState } from "preact/hooks";
import { acknowledgeFlag, listPatientFlags } from "../api/flags";
import type { Flag } from "../api/schema";
import { useRequest } from "../lib/useRequest";
import { useSession } from "../session";
import { ClinicianName, SignedAs } from "./clinician-select";
import { ErrorSummary } from "./error-summary";
import { Field } from "./field";
import { useSubmit } from "../lib/useSubmit";
import { Loaded } from "./status";

const when = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

export function AcknowledgeForm({ flag, location, zone, onDone }: { flag: Flag; location: string; zone?: string; onDone: (f: Flag) => void }) {
  const { session } = useSession();
  const [action, setAction] = useState("");
  const id = `ack-${flag.id}`;
  const submission = useSubmit(() => acknowledgeFlag(flag.id, { action_taken: action.trim() }), {
    fields: { action_taken: id },
    validate: () => ({
      action_taken: action.trim() ? undefined : "Describe what you did, for example who you called and what you agreed.",
    }),
    onDone,
  });
  const error = submission.fields.action_taken;
  const busy = submission.pending || !session?.account.staff_code;
  return (
    <form class="form ack-form" onSubmit={submission.onSubmit} noValidate aria-label={`Acknowledge flag ${flag.id}`}>
      <ErrorSummary submission={submission} title="The flag is not acknowledged yet." />
      <SignedAs location={location} zone={zone} />
      <Field id={id} label="Action taken" hint="Recorded with the time; it cannot be changed afterwards." error={error}>
        {(a) => (
          <textarea {...a} class="input" rows={3} maxLength={2000} value={action}
            onInput={(e) => setAction((e.target as HTMLTextAreaElement).value)} />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Saving…" : "Acknowledge flag"}
        </button>
      </div>
    </form>
  );
}

export function FlagItem({ flag, location, onChange }: { flag: Flag; location: string; onChange: (f: Flag) => void }) {
  const { can } = useSession();
  const ack = flag.acknowledgement;
  return (
    <li class={`card flag flag-${flag.status}`}>
      <div class="visit-head">
        <h3>{flag.reason}</h3>
        <span class={`badge ${flag.status === "open" ? "badge-flag" : "badge-completed"}`}>
          {flag.status === "open" ? `Open · ${flag.severity}` : "Acknowledged"}
        </span>
      </div>
      <p class="meta">
        Raised {when(flag.raised_at)} by the {flag.instrument.toUpperCase().replace("PHQ9", "PHQ-9")} answers ({flag.trigger}).
      </p>
      {ack ? (
        <p class="ack">
          Acknowledged by{" "}
          <strong>
            <ClinicianName code={ack.staff} location={location} />
          </strong>{" "}
          on {when(ack.at)}: {ack.action_taken}
        </p>
      ) : can("clinical_write") ? (
        <AcknowledgeForm flag={flag} location={location} onDone={onChange} />
      ) : (
        <p class="meta">A nurse or prescriber acknowledges this flag.</p>
      )}
    </li>
  );
}

export function FlagList({ patientId, location }: { patientId: number; location: string }) {
  const [state, retry, replace] = useRequest((signal) => listPatientFlags(patientId, signal), [patientId]);
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Safety flags</h2>
      <Loaded state={state} what="the safety flags" retry={retry}>
        {(flags) =>
          flags.length === 0 ? (
            <p>No safety flags.</p>
          ) : (
            <ul class="card-list">
              {flags.map((f) => (
                <FlagItem key={f.id} flag={f} location={location} onChange={(changed) => replace(flags.map((x) => (x.id === changed.id ? changed : x)))} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
