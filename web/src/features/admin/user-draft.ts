// A staff account as the Users form edits it, and what the form sends: the
// whole account for a new one, only the changed fields for an edit (so an
// administrator renaming themselves sends no grants, which the API refuses on
// one's own account). Pure, so it is unit-tested (test/admin.test.ts).
import type { Account, AuditQuery, UserChange, UserRequest } from "../../api/schema";
import type { FieldErrors } from "../../lib/form-state";
import { addDays } from "../../lib/time";

export type StaffRole = UserRequest["roles"][number];
export const kStaffRoles: { role: StaffRole; label: string }[] = [
  { role: "front_desk", label: "Front desk" },
  { role: "nurse", label: "Nurse" },
  { role: "prescriber", label: "Prescriber" },
  { role: "admin", label: "Administrator" },
];

export interface UserDraft {
  email: string;
  name: string;
  roles: StaffRole[];
  locations: string[];
  staffCode: string; // "": not linked
  disabled: boolean;
}

export const emptyDraft = (): UserDraft => ({ email: "", name: "", roles: [], locations: [], staffCode: "", disabled: false });

export function draftOf(a: Account): UserDraft {
  return {
    email: a.email,
    name: a.name,
    roles: a.roles.filter((r): r is StaffRole => r !== "patient"),
    locations: [...a.locations],
    staffCode: a.staff_code ?? "",
    disabled: a.disabled,
  };
}

// Everyone but an administrator works somewhere (the API's rule, checked here first).
const needsLocation = (roles: StaffRole[]) => roles.some((r) => r !== "admin");

export function checkDraft(d: UserDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(d.email.trim())) errors.email = "Enter the email address, like name@clinic.example.";
  if (!d.name.trim()) errors.name = "Enter the person's name.";
  if (d.roles.length === 0) errors.roles = "Choose one or more roles.";
  else if (needsLocation(d.roles) && d.locations.length === 0)
    errors.locations = "Front desk, nurses and prescribers work at one or more locations: choose them.";
  return errors;
}

export function newUserRequest(d: UserDraft): UserRequest {
  const out: UserRequest = { email: d.email.trim(), name: d.name.trim(), roles: d.roles, locations: d.locations };
  if (d.staffCode) out.staff_code = d.staffCode;
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function userChange(before: Account, d: UserDraft): UserChange {
  const was = draftOf(before);
  const out: UserChange = {};
  if (d.name.trim() !== was.name) out.name = d.name.trim();
  if (!sameSet(d.roles, was.roles)) out.roles = d.roles;
  if (!sameSet(d.locations, was.locations)) out.locations = d.locations;
  if (d.staffCode !== was.staffCode) out.staff_code = d.staffCode || null;
  if (d.disabled !== was.disabled) out.disabled = d.disabled;
  return out;
}

const kDate = /^\d{4}-\d{2}-\d{2}$/;

// The audit search as it stands in the address (?patient=&user=&from=&to=&before=).
// `to` is the last day shown (the API's `to` excludes its day, so the next one is sent).
export function auditQueryOf(params: URLSearchParams): AuditQuery {
  const q: AuditQuery = {};
  const id = (key: string) => {
    const v = params.get(key)?.trim() ?? "";
    return /^[1-9]\d{0,14}$/.test(v) ? Number(v) : undefined;
  };
  q.patient = id("patient");
  q.user = id("user");
  q.before = id("before");
  const from = params.get("from"), to = params.get("to");
  if (from && kDate.test(from)) q.from = from;
  if (to && kDate.test(to)) q.to = addDays(to, 1);
  q.limit = 50;
  return q;
}
