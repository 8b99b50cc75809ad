// "Who": the clinician recorded on an acknowledgement or a decision. The API
// names them by their code in the clinic's directory ("gray-demo"), which a
// login does not carry, so the form offers the location's clinicians of the
// wanted roles (from the day board's clinician lanes) and preselects the one
// whose name is the signed-in account's.
import { useEffect } from "preact/hooks";
import { getDaySchedule } from "../api/appointments";
import type { ClinicianLane } from "../api/schema";
import { todayIn } from "../lib/time";
import { useRequest } from "../lib/useRequest";
import { useSession } from "../session";
import { Field } from "./field";

// The clinicians of a location (today's day board lanes: id, name, roles), loaded once per location.
const cache = new Map<string, Promise<ClinicianLane[]>>();
function clinicians(location: string, zone: string): Promise<ClinicianLane[]> {
  let found = cache.get(location);
  if (!found) {
    found = getDaySchedule(location, todayIn(zone)).then((b) => b.clinicians);
    found.catch(() => cache.delete(location));
    cache.set(location, found);
  }
  return found;
}

// A directory code ("gray-demo") as the clinician's name, once known.
export function ClinicianName({ code, location, zone = "America/Chicago" }: { code: string; location: string; zone?: string }) {
  const [state] = useRequest(() => clinicians(location, zone), [location]);
  const name = state.status === "done" ? state.data.find((c) => c.id === code)?.name : undefined;
  return <>{name ?? code}</>;
}

export function ClinicianSelect(props: {
  id: string;
  label: string;
  location: string;
  zone?: string;
  roles: string[];
  value: string;
  onValue: (code: string) => void;
  error?: string;
}) {
  const { session } = useSession();
  const [state] = useRequest(
    () => clinicians(props.location, props.zone ?? "America/Chicago").then((all) => all.filter((c) => c.roles.some((r) => props.roles.includes(r)))),
    [props.location, props.roles.join()],
  );
  const people = state.status === "done" ? state.data : [];
  useEffect(() => {
    if (props.value || people.length === 0) return;
    const me = people.find((c) => c.name === session?.account.name);
    if (me) props.onValue(me.id);
  }, [people.length]);
  return (
    <Field id={props.id} label={props.label} error={props.error ?? (state.status === "error" ? state.error.message : undefined)}>
      {(a) => (
        <select {...a} class="input" value={props.value} onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}>
          <option value="">{state.status === "loading" ? "Loading…" : "Choose"}</option>
          {people.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
