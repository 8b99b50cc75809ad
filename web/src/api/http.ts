// The one fetch wrapper under the API modules (one per resource, beside this
// file, each function named by its operationId in src/http/openapi.json).
// Every call sends the session cookie (same origin) and, for state-changing
// methods, the CSRF token once the session provides one. Errors become
// ApiError: an RFC 9457 problem turned into words a person can read.
import { describeProblem } from "./problem";
import type * as T from "./schema";

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
