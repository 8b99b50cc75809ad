// "Who": the clinician recorded on an acknowledgement or a decision. The API
// names them by their code in the clinic's directory ("gray-demo"); the names
// come from the day board's clinician lanes of the location.
import { getDaySchedule } from "../api/appointments";
import type { ClinicianLane } from "../api/schema";
import { todayIn } from "../lib/time";
import { useRequest } from "../lib/useRequest";
import { useSession } from "../session";

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

// Who a clinical signature is recorded as: the signed-in account's own staff
// record (the server takes it from the login, never from the form). Without a
// linked record the form cannot be sent; an administrator links it.
export function SignedAs({ location, zone }: { location: string; zone?: string }) {
  const { session } = useSession();
  const code = session?.account.staff_code;
  if (!code)
    return (
      <p class="notice" role="alert">
        Your account is not linked to a staff record of this clinic, so it cannot sign. Ask an administrator to link it (Users).
      </p>
    );
  return (
    <p class="meta">
      Recorded as <strong><ClinicianName code={code} location={location} zone={zone} /></strong>, the signed-in clinician.
    </p>
  );
}
