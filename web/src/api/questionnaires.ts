// Questionnaires: an instrument's definition, a patient's assignments, sending
// answers, and the score trend of one instrument.
import { request } from "./http";
import type * as T from "./schema";

export const getInstrument = (id: string, signal?: AbortSignal) =>
  request<T.Instrument>("GET", `/api/v1/instruments/${encodeURIComponent(id)}`, { signal });

export const listAssignments = (patientId: number, signal?: AbortSignal) =>
  request<{ assignments: T.Assignment[] }>("GET", `/api/v1/patients/${patientId}/assignments`, { signal }).then(
    (r) => r.assignments,
  );

export const submitAssignment = (assignmentId: number, answers: Record<string, number | boolean | null>) =>
  request<T.SubmissionResult>("POST", `/api/v1/assignments/${assignmentId}/submission`, { body: { answers } });

export const getScoreTrend = (patientId: number, instrument: string, signal?: AbortSignal) =>
  request<T.Trend>("GET", `/api/v1/patients/${patientId}/scores`, { query: { instrument }, signal });
