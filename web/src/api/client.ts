// The one place that talks to the ketaclinic API (src/http/openapi.json).
// Every call sends the session cookie (same origin) and, for state-changing
// methods, the CSRF token once the accounts work provides one. Errors become
// ApiError: an RFC 9457 problem turned into words a person can read.
import type * as T from "./types";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly problem: T.Problem | null;

  constructor(status: number, code: string, message: string, problem: T.Problem | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.fields = problem?.errors ?? [];
  }
}

// Where the CSRF token comes from (the session, see session.tsx; none until then).
let csrfToken: () => string | null = () => null;
export function setCsrfTokenSource(source: () => string | null): void {
  csrfToken = source;
}

// Told when the server answers 401 to a request made with a session (it ended:
// idle, expired, logged out elsewhere). Logging in and signing up answer 401
// for a wrong password, which is not the end of a session.
let unauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorized = handler;
}
const kCredentialPaths = new Set(["/api/v1/session", "/api/v1/accounts"]);

const kStatusWords: Record<number, string> = {
  401: "Please sign in to continue.",
  403: "Your account is not allowed to do this.",
  404: "We could not find what you were looking for.",
  409: "That is no longer possible: something changed in the meantime.",
  413: "That is more than the server accepts.",
  429: "Too many requests. Please wait a moment and try again.",
  503: "The service is unavailable right now. Please try again shortly.",
};

// "weight_kg: must be a number from 0.3 to 400" -> "Weight kg: must be a number from 0.3 to 400".
function readable(message: string): string {
  const m = /^([\w.[\]-]+): (.*)$/s.exec(message);
  if (!m) return message;
  const label = m[1].replace(/[._]/g, " ");
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${m[2]}`;
}

// "the email or the password is wrong" -> "The email or the password is wrong."
function sentence(text: string): string {
  const capital = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// The sentence shown to a person for a problem document.
export function describeProblem(status: number, problem: T.Problem | null): string {
  if (status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  if (problem?.errors?.length) return problem.errors.map((e) => readable(e.message)).join(" ");
  if (problem?.detail) return sentence(readable(problem.detail));
  return kStatusWords[status] ?? "The request could not be completed.";
}

function isProblem(value: unknown): value is T.Problem {
  return typeof value === "object" && value !== null && "status" in value && "code" in value;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function request<R>(method: Method, path: string, options: RequestOptions = {}): Promise<R> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {}))
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  const token = method === "GET" ? null : csrfToken();
  if (token) headers["X-CSRF-Token"] = token;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network", "We could not reach the server. Check your connection and try again.");
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && !(method !== "GET" && kCredentialPaths.has(url.pathname))) unauthorized();
    const problem = isProblem(data) ? data : null;
    throw new ApiError(response.status, problem?.code ?? "http_error", describeProblem(response.status, problem), problem);
  }
  return data as R;
}

// A random UUID (version 4) without crypto.randomUUID, which plain-HTTP pages lack.
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// The API, one function per operation (operationId in the comment).
export const api = {
  // nearestLocations
  nearest: (origin: { zip?: string; city?: string; lat?: number; lon?: number }, signal?: AbortSignal) =>
    request<T.NearestResult>("GET", "/api/v1/locations/nearest", { query: origin, signal }),
  // listLocations
  locations: (signal?: AbortSignal) =>
    request<{ locations: T.Location[] }>("GET", "/api/v1/locations", { signal }).then((r) => r.locations),
  // getLocation
  location: (id: string, signal?: AbortSignal) =>
    request<T.Location>("GET", `/api/v1/locations/${encodeURIComponent(id)}`, { signal }),
  // listAppointmentTypes
  appointmentTypes: (signal?: AbortSignal) =>
    request<{ appointment_types: T.AppointmentType[] }>("GET", "/api/v1/appointment-types", { signal }).then(
      (r) => r.appointment_types,
    ),
  // getAvailability
  availability: (q: { location: string; type: string; from?: string; to?: string }, signal?: AbortSignal) =>
    request<T.Availability>("GET", "/api/v1/availability", { query: q, signal }),
  // getBookingPolicy
  bookingPolicy: (signal?: AbortSignal) => request<T.BookingPolicy>("GET", "/api/v1/booking-policy", { signal }),
  // signUp: the patient record, the account and a session at once
  signUp: (input: T.SignUpInput) => request<T.SignUpResult>("POST", "/api/v1/accounts", { body: input }),
  // login
  login: (email: string, password: string) => request<T.Session>("POST", "/api/v1/session", { body: { email, password } }),
  // getSession
  session: (signal?: AbortSignal) => request<T.Session>("GET", "/api/v1/session", { signal }),
  // logout
  logout: () => request<null>("DELETE", "/api/v1/session"),
  // getPatient
  patient: (id: number, signal?: AbortSignal) => request<T.Patient>("GET", `/api/v1/patients/${id}`, { signal }),
  // listPatientAppointments
  patientAppointments: (id: number, signal?: AbortSignal) =>
    request<{ appointments: T.Appointment[] }>("GET", `/api/v1/patients/${id}/appointments`, { signal }).then((r) => r.appointments),
  // bookAppointment
  book: (input: T.BookingRequest, idempotencyKey: string) =>
    request<T.Appointment>("POST", "/api/v1/appointments", { body: input, idempotencyKey }),
  // getAppointment
  appointment: (id: number, signal?: AbortSignal) =>
    request<T.Appointment>("GET", `/api/v1/appointments/${id}`, { signal }),
  // changeAppointment
  changeAppointment: (id: number, change: T.ChangeRequest) =>
    request<T.Appointment>("PATCH", `/api/v1/appointments/${id}`, { body: change }),
  // getAppointmentCalendar (a link, not a fetch)
  calendarUrl: (id: number) => `/api/v1/appointments/${id}.ics`,
  // getDaySchedule
  schedule: (location: string, date: string, signal?: AbortSignal) =>
    request<T.DayBoard>("GET", "/api/v1/schedule", { query: { location, date }, signal }),
  // searchPatients
  searchPatients: (q: string, signal?: AbortSignal) =>
    request<{ patients: T.Patient[] }>("GET", "/api/v1/patients", { query: { q }, signal }).then((r) => r.patients),
  // getInstrument
  instrument: (id: string, signal?: AbortSignal) =>
    request<T.Instrument>("GET", `/api/v1/instruments/${encodeURIComponent(id)}`, { signal }),
  // listAssignments
  assignments: (patientId: number, signal?: AbortSignal) =>
    request<{ assignments: T.Assignment[] }>("GET", `/api/v1/patients/${patientId}/assignments`, { signal }).then((r) => r.assignments),
  // submitAssignment
  submit: (assignmentId: number, answers: Record<string, number | boolean | null>) =>
    request<T.SubmissionResult>("POST", `/api/v1/assignments/${assignmentId}/submission`, { body: { answers } }),
  // getScoreTrend
  scores: (patientId: number, instrument: string, signal?: AbortSignal) =>
    request<T.Trend>("GET", `/api/v1/patients/${patientId}/scores`, { query: { instrument }, signal }),
  // listPatientFlags
  patientFlags: (patientId: number, signal?: AbortSignal) =>
    request<{ flags: T.Flag[] }>("GET", `/api/v1/patients/${patientId}/flags`, { query: { status: "all" }, signal }).then((r) => r.flags),
  // listFlags
  boardFlags: (location: string, date: string, signal?: AbortSignal) =>
    request<{ flags: T.FlagSummary[] }>("GET", "/api/v1/flags", { query: { location, date, status: "all" }, signal }).then((r) => r.flags),
  // acknowledgeFlag
  acknowledge: (flagId: number, body: T.AcknowledgementInput) =>
    request<T.Flag>("POST", `/api/v1/flags/${flagId}/acknowledgement`, { body }),
  // listScreenings
  screenings: (patientId: number, signal?: AbortSignal) =>
    request<{ screenings: T.Screening[] }>("GET", `/api/v1/patients/${patientId}/screening`, { signal }).then((r) => r.screenings),
  // screenPatient
  screen: (patientId: number, facts: T.ScreeningInput) =>
    request<T.Screening>("POST", `/api/v1/patients/${patientId}/screening`, { body: facts }),
  // decideScreening
  decide: (screeningId: number, body: T.DecisionInput) =>
    request<T.Screening>("POST", `/api/v1/screenings/${screeningId}/decision`, { body }),
  // listPharmModels
  pharmModels: (signal?: AbortSignal) => request<T.PharmModels>("GET", "/api/v1/pharm/models", { signal }),
  // simulateInfusion
  simulate: (input: T.SimulationRequest, signal?: AbortSignal) =>
    request<T.Simulation>("POST", "/api/v1/pharm/simulate", { body: input, signal }),
};
