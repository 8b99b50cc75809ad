// An appointment's status as a badge, and appointment type names as people
// read them: shared by the patient's pages, the day board and the record.
import { useEffect, useState } from "preact/hooks";
import { listAppointmentTypes } from "../api/scheduling";
import type { Appointment } from "../api/schema";

export const kStatusText: Record<Appointment["status"], string> = {
  booked: "Booked",
  checked_in: "Checked in",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "Missed",
};

export function StatusBadge({ status }: { status: Appointment["status"] }) {
  return <span class={`badge badge-${status}`}>{kStatusText[status]}</span>;
}

// Appointment type names from the API (loaded once); the code, readable, until then.
let typeNames: Promise<Map<string, string>> | null = null;
export function useTypeText(): (code: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    typeNames ??= listAppointmentTypes().then((types) => new Map(types.map((t) => [t.id, t.name])));
    typeNames.then(setNames, () => (typeNames = null));
  }, []);
  return (code) => names.get(code) ?? `${code.charAt(0).toUpperCase()}${code.slice(1).replace(/_/g, " ")}`;
}
