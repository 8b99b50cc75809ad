// Patient records: search, one record, a patient's appointments.
import { request } from "./http";
import type * as T from "./schema";

export const searchPatients = (q: string, signal?: AbortSignal) =>
  request<{ patients: T.Patient[] }>("GET", "/api/v1/patients", { query: { q }, signal }).then((r) => r.patients);

export const getPatient = (id: number, signal?: AbortSignal) => request<T.Patient>("GET", `/api/v1/patients/${id}`, { signal });

export const listPatientAppointments = (id: number, signal?: AbortSignal) =>
  request<{ appointments: T.Appointment[] }>("GET", `/api/v1/patients/${id}/appointments`, { signal }).then(
    (r) => r.appointments,
  );
