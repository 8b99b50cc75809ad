// The locations the signed-in staff member works at (all, for an account bound
// to none), and a select among them: what the day board and the flag inbox open on.
import { listLocations } from "../api/locations";
import type { Location } from "../api/schema";
import { useRequest } from "../lib/useRequest";
import { useSession } from "../session";
import { Field } from "./field";

export function useMyLocations() {
  const mine = useSession().session?.account.locations ?? [];
  return useRequest(
    (signal) => listLocations(signal).then((all) => all.filter((l) => mine.length === 0 || mine.includes(l.id))),
    [mine.join()],
  );
}

export function LocationSelect(props: { id: string; locations: Location[]; value: string; onValue: (id: string) => void }) {
  return (
    <Field id={props.id} label="Location">
      {(a) => (
        <select {...a} class="input" value={props.value} onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}>
          {props.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
