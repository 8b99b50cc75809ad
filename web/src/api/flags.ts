// Safety flags: a patient's flags, a location's flags for a day (no answers
// in them), and the acknowledgement by a clinician.
import { request } from "./http";
import type * as T from "./schema";

export const listPatientFlags = (patientId: number, signal?: AbortSignal) =>
  request<{ flags: T.Flag[] }>("GET", `/api/v1/patients/${patientId}/flags`, { query: { status: "all" }, signal }).then(
    (r) => r.flags,
  );

export const listFlags = (location: string, date: string, signal?: AbortSignal) =>
  request<{ flags: T.FlagSummary[] }>("GET", "/api/v1/flags", { query: { location, date, status: "all" }, signal }).then(
    (r) => r.flags,
  );

// Every open flag of a location's patients, with age, escalation and the answer (clinicians).
export const flagInbox = (location: string, signal?: AbortSignal) =>
  request<T.FlagInbox>("GET", "/api/v1/flags/inbox", { query: { location }, signal });

export const acknowledgeFlag = (flagId: number, body: T.AcknowledgementInput) =>
  request<T.Flag>("POST", `/api/v1/flags/${flagId}/acknowledgement`, { body });
