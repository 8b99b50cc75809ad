// THE route table: each path with its page, its guard and, for the pages in
// the header, its nav entry. The shell (app.tsx) renders the first route whose
// path matches and builds the navigation from the same rows, so a page and
// its nav link cannot disagree about who may open it.
import type { ComponentChildren } from "preact";
import type { Permission } from "./api/schema";
import type { Location } from "./router";
import { ChangePasswordPage } from "./features/account/change-password";
import { LoginPage } from "./features/account/login";
import { AuditPage } from "./features/admin/audit";
import { LocationsPage } from "./features/admin/locations";
import { EditUserPage, NewUserPage } from "./features/admin/user-edit";
import { UsersPage } from "./features/admin/users";
import { AppointmentPage } from "./features/appointments/appointment";
import { MyAppointmentsPage } from "./features/appointments/my-appointments";
import { DayBoardPage } from "./features/board/board";
import { FlagInboxPage } from "./features/flags/inbox";
import { BookPage } from "./features/booking/book";
import { ClinicPage } from "./features/clinics/clinic";
import { FindClinic } from "./features/clinics/find";
import { Landing } from "./features/home/landing";
import { PatientRecordPage } from "./features/patients/patient-record";
import { PatientsPage } from "./features/patients/patients";
import { QuestionnairePage } from "./features/questionnaires/questionnaire";
import { QuestionnairesPage } from "./features/questionnaires/questionnaires";
import { SimulatorPage } from "./features/simulator/simulator";

// null: everyone; "signed-in": any session; a permission: a session that holds it.
export type Guard = null | "signed-in" | Permission;

export interface Route {
  path: string; // "/clinics/:id": the named parts become params
  guard: Guard;
  page: (params: Record<string, string>, location: Location) => ComponentChildren;
  nav?: { label: string; staff?: boolean }; // listed in the header, in table order
}

const optionalNumber = (query: URLSearchParams, key: string) => (query.has(key) ? Number(query.get(key)) : null);

export const kRoutes: Route[] = [
  { path: "/", guard: null, page: () => <Landing /> },
  { path: "/find", guard: null, page: (_, l) => <FindClinic query={l.query} />, nav: { label: "Find a clinic" } },
  { path: "/clinics/:id", guard: null, page: (p, l) => <ClinicPage id={p.id} query={l.query} /> },
  { path: "/book/:location", guard: null, page: (p, l) => <BookPage location={p.location} start={l.query.get("start") ?? ""} /> },
  { path: "/login", guard: null, page: (_, l) => <LoginPage next={l.query.get("next")} /> },
  { path: "/account/password", guard: "signed-in", page: () => <ChangePasswordPage /> },
  { path: "/appointments", guard: "self_service", page: () => <MyAppointmentsPage />, nav: { label: "My appointments" } },
  {
    path: "/appointments/:id",
    guard: "signed-in", // the server checks the owner or schedule_read at the location
    page: (p, l) => <AppointmentPage id={Number(p.id)} justBooked={l.query.has("booked")} />,
  },
  {
    path: "/questionnaires",
    guard: "self_service",
    page: (_, l) => <QuestionnairesPage booked={optionalNumber(l.query, "booked")} />,
    nav: { label: "Questionnaires" },
  },
  { path: "/questionnaires/:id", guard: "self_service", page: (p) => <QuestionnairePage id={Number(p.id)} /> },
  { path: "/staff/board", guard: "schedule_read", page: (_, l) => <DayBoardPage query={l.query} />, nav: { label: "Day board", staff: true } },
  { path: "/staff/flags", guard: "flags_view", page: (_, l) => <FlagInboxPage query={l.query} />, nav: { label: "Flags", staff: true } },
  {
    path: "/staff/patients",
    guard: "demographics_read",
    page: (_, l) => <PatientsPage query={l.query} />,
    nav: { label: "Patients", staff: true },
  },
  { path: "/staff/patients/:id", guard: "demographics_read", page: (p) => <PatientRecordPage id={Number(p.id)} /> },
  { path: "/staff/simulator", guard: "pharm_simulate", page: () => <SimulatorPage />, nav: { label: "Simulator", staff: true } },
  { path: "/admin/users", guard: "admin_users", page: () => <UsersPage />, nav: { label: "Users", staff: true } },
  { path: "/admin/users/new", guard: "admin_users", page: () => <NewUserPage /> },
  { path: "/admin/users/:id", guard: "admin_users", page: (p) => <EditUserPage id={Number(p.id)} /> },
  { path: "/admin/audit", guard: "audit_read", page: (_, l) => <AuditPage query={l.query} />, nav: { label: "Audit", staff: true } },
  { path: "/admin/locations", guard: "admin_settings", page: () => <LocationsPage />, nav: { label: "Locations", staff: true } },
];

// The nav entries a session may open: a route's guard decides its link too.
export function navFor(can: (guard: Guard) => boolean): { href: string; label: string; staff: boolean }[] {
  return kRoutes
    .filter((r) => r.nav && !r.path.includes(":") && can(r.guard))
    .map((r) => ({ href: r.path, label: r.nav!.label, staff: r.nav!.staff ?? false }));
}
