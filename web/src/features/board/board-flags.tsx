// Safety flags on the day board (GET /api/v1/flags for the location and day),
// for staff with flags_view: whose answers raised a flag, how urgent, when,
// and whether a clinician has acknowledged it. The front desk sees that much
// and nothing of the answers; a nurse or prescriber (clinical_write) opens the
// flag's reason and acknowledges it with the action taken, right here.
import { useState } from "preact/hooks";
import { listFlags, listPatientFlags } from "../../api/flags";
import type { Flag, FlagSummary } from "../../api/schema";
import { ClinicianName } from "../../components/clinician-select";
import { AcknowledgeForm } from "../../components/flags";
import { Loaded } from "../../components/status";
import { timeOfDay } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { useSession } from "../../session";

const when = (iso: string, zone: string) =>
  `${new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: zone }).format(new Date(iso))}, ${timeOfDay(iso, zone)}`;

function Review({ summary, location, zone, onDone }: { summary: FlagSummary; location: string; zone: string; onDone: (f: Flag) => void }) {
  const [state, retry] = useRequest(
    (signal) => listPatientFlags(summary.patient.id, signal).then((all) => all.find((f) => f.id === summary.id) ?? null),
    [summary.id],
  );
  return (
    <Loaded state={state} what="the flag" retry={retry}>
      {(flag) =>
        flag === null ? (
          <p>This flag is no longer listed.</p>
        ) : (
          <div class="flag-review">
            <p>
              <strong>{flag.reason}</strong> <span class="meta">(raised {when(flag.raised_at, zone)})</span>
            </p>
            {flag.acknowledgement ? null : <AcknowledgeForm flag={flag} location={location} zone={zone} onDone={onDone} />}
          </div>
        )
      }
    </Loaded>
  );
}

function Row({ f, location, zone }: { f: FlagSummary; location: string; zone: string }) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<Flag | null>(null);
  const ack = done?.acknowledgement;
  const status = done ? "acknowledged" : f.status;
  return (
    <li class={`flag-row flag-${status}`} data-testid={`flag-${f.id}`}>
      <div class="flag-line">
        <span class={`badge ${status === "open" ? "badge-flag" : "badge-completed"}`}>
          {status === "open" ? `Open · ${f.severity}` : "Acknowledged"}
        </span>
        <span class="flag-who">
          {can("demographics_read") ? <Link href={`/staff/patients/${f.patient.id}`}>{f.patient.name}</Link> : f.patient.name}
        </span>
        <span class="meta">raised {when(f.raised_at, zone)}</span>
        {status === "open" && can("clinical_write") && !open && (
          <button type="button" class="button button-small" onClick={() => setOpen(true)} aria-label={`Review and acknowledge the flag of ${f.patient.name}`}>
            Review and acknowledge
          </button>
        )}
      </div>
      {ack && (
        <p class="ack" role="status">
          Acknowledged by{" "}
          <strong>
            <ClinicianName code={ack.staff} location={location} zone={zone} />
          </strong>{" "}
          at {timeOfDay(ack.at, zone)}: {ack.action_taken}
        </p>
      )}
      {open && !done && <Review summary={f} location={location} zone={zone} onDone={setDone} />}
    </li>
  );
}

export function BoardFlags({ location, date, zone }: { location: string; date: string; zone: string }) {
  const [state, retry] = useRequest((signal) => listFlags(location, date, signal), [location, date]);
  return (
    <section class="card flags-panel" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Safety flags</h2>
      <Loaded state={state} what="the safety flags" retry={retry}>
        {(flags) =>
          flags.length === 0 ? (
            <p>No safety flags for this day's patients.</p>
          ) : (
            <ul class="flag-list">
              {flags.map((f) => (
                <Row key={f.id} f={f} location={location} zone={zone} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
