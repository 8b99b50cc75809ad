// Eligibility screening: a patient's screenings, a new one from facts, the
// prescriber's decision on one.
import { request } from "./http";
import type * as T from "./schema";

export const listScreenings = (patientId: number, signal?: AbortSignal) =>
  request<{ screenings: T.Screening[] }>("GET", `/api/v1/patients/${patientId}/screening`, { signal }).then(
    (r) => r.screenings,
  );

export const screenPatient = (patientId: number, facts: T.ScreeningInput) =>
  request<T.Screening>("POST", `/api/v1/patients/${patientId}/screening`, { body: facts });

export const decideScreening = (screeningId: number, body: T.DecisionInput) =>
  request<T.Screening>("POST", `/api/v1/screenings/${screeningId}/decision`, { body });
