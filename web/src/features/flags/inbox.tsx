// The flag inbox of a location (GET /api/v1/flags/inbox): every open safety
// flag of its patients, whatever their visit dates, oldest first, with its
// age, the answer that raised it (clinicians), the patient's phone to call and,
// once an urgent flag has waited past the clinic's time, whom it is escalated
// to. Nurses and prescribers acknowledge it here with the action taken.
import { useEffect, useState } from "preact/hooks";
import { flagInbox, listPatientFlags } from "../../api/flags";
import type { Flag, InboxFlag, Location } from "../../api/schema";
import { AcknowledgeForm } from "../../components/flags";
import { LocationSelect, useMyLocations } from "../../components/my-locations";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { elapsed } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";

const dialable = (phone: string) => phone.replace(/[^\d+]/g, "");

function Acknowledge({ entry, location, zone, onDone }: { entry: InboxFlag; location: string; zone: string; onDone: () => void }) {
  const [state, retry] = useRequest(
    (signal) => listPatientFlags(entry.patient.id, signal).then((all) => all.find((f) => f.id === entry.id) ?? null),
    [entry.id],
  );
  return (
    <Loaded state={state} what="the flag" retry={retry}>
      {(flag: Flag | null) => (flag ? <AcknowledgeForm flag={flag} location={location} zone={zone} onDone={onDone} /> : <p>This flag is no longer open.</p>)}
    </Loaded>
  );
}

function Entry({ entry, location, onDone }: { entry: InboxFlag; location: Location; onDone: () => void }) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const name = entry.patient.name;
  return (
    <li class={`card flag flag-open${entry.escalated ? " flag-escalated" : ""}`} data-testid={`inbox-${entry.id}`}>
      <div class="flag-line">
        <span class="badge badge-flag">{entry.escalated ? `Escalated · ${entry.severity}` : `Open · ${entry.severity}`}</span>
        <span class="flag-who">{can("demographics_read") ? <Link href={`/staff/patients/${entry.patient.id}`}>{name}</Link> : name}</span>
        <span class="meta">waiting {elapsed(entry.age_min)}</span>
      </div>
      {entry.reason && <p><strong>{entry.reason}</strong></p>}
      {entry.answer && <p>Answer: {entry.answer}</p>}
      {entry.escalated && (
        <p class="notice" role="status">
          Unacknowledged for over the clinic's limit: escalated to{" "}
          {entry.escalated_to.length ? entry.escalated_to.map((s) => s.name).join(", ") : "the prescribers of this location (none on duty now)"}.
        </p>
      )}
      <p class="crisis-actions">
        {entry.patient.phone ? (
          <a class="button button-secondary button-small" href={`tel:${dialable(entry.patient.phone)}`}>
            Call {name}: {entry.patient.phone}
          </a>
        ) : (
          <span class="meta">No phone number on the record.</span>
        )}
        {can("clinical_write") && !open && (
          <button type="button" class="button button-small" onClick={() => setOpen(true)} aria-label={`Acknowledge the flag of ${name}`}>
            Acknowledge
          </button>
        )}
      </p>
      {open && <Acknowledge entry={entry} location={location.id} zone={location.time_zone} onDone={onDone} />}
    </li>
  );
}

function Inbox({ location }: { location: Location }) {
  const [state, retry] = useRequest((signal) => flagInbox(location.id, signal), [location.id]);
  return (
    <Loaded state={state} what="the flag inbox" retry={retry}>
      {(box) => (
        <>
          <p role="status">
            {box.open === 0 ? "No open safety flags." : `${box.open} open flag${box.open === 1 ? "" : "s"}, ${box.escalated} escalated`} · urgent flags
            are escalated after {box.escalate_after_min} min.
          </p>
          <ul class="flag-list">
            {box.flags.map((f) => (
              <Entry key={f.id} entry={f} location={location} onDone={retry} />
            ))}
          </ul>
        </>
      )}
    </Loaded>
  );
}

export function FlagInboxPage({ query }: { query: URLSearchParams }) {
  const [state, retry] = useMyLocations();
  return (
    <Page title="Flag inbox" lead="Every open safety flag of your location's patients, oldest first, whatever the date of their visit.">
      <Loaded state={state} what="locations" retry={retry}>
        {(locations) => {
          if (locations.length === 0) return <p>Your account works at no location yet.</p>;
          const location = locations.find((l) => l.id === query.get("location")) ?? locations[0];
          return (
            <>
              <LocationSelect id="inbox-location" locations={locations} value={location.id}
                onValue={(l) => navigate(`/staff/flags?location=${encodeURIComponent(l)}`, { replace: true })} />
              <Inbox key={location.id} location={location} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

// The count beside "Flags" in the staff navigation: open flags at the
// account's locations, refreshed every minute so a new one is seen without
// reloading the page.
export function FlagCount() {
  const locations = useSession().session?.account.locations ?? [];
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const [state] = useRequest(
    (signal) => Promise.all(locations.map((l) => flagInbox(l, signal))).then((boxes) => boxes.reduce((n, b) => n + b.open, 0)),
    [locations.join(), tick],
  );
  if (state.status !== "done" || state.data === 0) return null;
  return (
    <span class="nav-count" data-testid="flag-count">
      {" "}
      {state.data}
      <span class="visually-hidden"> open</span>
    </span>
  );
}
