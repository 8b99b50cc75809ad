// The shell (skip link, header with the nav and the account, footer, crisis
// bar) and the route table. A route may need a signed-in person, or one whose
// session holds a permission: a signed-out visitor goes to /login?next=…,
// a signed-in one without the permission sees "not allowed".
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { Permission } from "./api/types";
import { Loading } from "./components/status";
import { Link, match, navigate, useLocation } from "./router";
import type { Location } from "./router";
import { SessionProvider, useSession } from "./session";
import { Landing } from "./pages/landing";
import { FindClinic } from "./pages/find";
import { ClinicPage } from "./pages/clinic";
import { BookPage } from "./pages/book";
import { AppointmentPage } from "./pages/appointment";
import { MyAppointmentsPage } from "./pages/my-appointments";
import { DayBoardPage } from "./pages/board";
import { SimulatorPage } from "./pages/simulator";
import { LoginPage } from "./pages/login";
import { PatientRecordPage } from "./pages/patient-record";
import { PatientsPage } from "./pages/patients";
import { QuestionnairePage } from "./pages/questionnaire";
import { QuestionnairesPage } from "./pages/questionnaires";
import { NotAllowed, NotFound } from "./pages/not-found";

type Render = (params: Record<string, string>, location: Location) => ComponentChildren;
// "signed-in": any session; a permission: a session that holds it.
type Needs = "signed-in" | Permission | null;

const routes: [string, Needs, Render][] = [
  ["/", null, () => <Landing />],
  ["/find", null, (_, l) => <FindClinic query={l.query} />],
  ["/clinics/:id", null, (p, l) => <ClinicPage id={p.id} query={l.query} />],
  ["/book/:location", null, (p, l) => <BookPage location={p.location} start={l.query.get("start") ?? ""} />],
  ["/login", null, (_, l) => <LoginPage next={l.query.get("next")} />],
  ["/appointments", "self_service", () => <MyAppointmentsPage />],
  ["/appointments/:id", "signed-in", (p, l) => <AppointmentPage id={Number(p.id)} justBooked={l.query.has("booked")} />],
  ["/questionnaires", "self_service", (_, l) => <QuestionnairesPage booked={l.query.has("booked") ? Number(l.query.get("booked")) : null} />],
  ["/questionnaires/:id", "self_service", (p) => <QuestionnairePage id={Number(p.id)} />],
  ["/staff/patients", "demographics_read", (_, l) => <PatientsPage query={l.query} />],
  ["/staff/patients/:id", "demographics_read", (p) => <PatientRecordPage id={Number(p.id)} />],
  ["/staff/board", "schedule_read", (_, l) => <DayBoardPage query={l.query} />],
  ["/staff/simulator", "pharm_simulate", () => <SimulatorPage />],
];

const kNav: { href: string; label: string; needs: Permission | null; staff?: boolean }[] = [
  { href: "/find", label: "Find a clinic", needs: null },
  { href: "/appointments", label: "My appointments", needs: "self_service" },
  { href: "/questionnaires", label: "Questionnaires", needs: "self_service" },
  { href: "/staff/board", label: "Day board", needs: "schedule_read", staff: true },
  { href: "/staff/patients", label: "Patients", needs: "demographics_read", staff: true },
  { href: "/staff/simulator", label: "Simulator", needs: "pharm_simulate", staff: true },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading what="the sign-in page" />;
}

function Guard({ needs, location, children }: { needs: Needs; location: Location; children: () => ComponentChildren }) {
  const { state, can } = useSession();
  if (needs === null) return <>{children()}</>;
  if (state.status === "checking") return <Loading what="your session" />;
  if (state.status === "signed-out") {
    const query = location.query.toString();
    const here = location.path + (query ? `?${query}` : "");
    return <Redirect to={`/login?${new URLSearchParams({ next: here })}`} />;
  }
  if (needs !== "signed-in" && !can(needs)) return <NotAllowed />;
  return <>{children()}</>;
}

function NavLink({ href, children, current }: { href: string; children: ComponentChildren; current: string }) {
  const active = href === "/" ? current === "/" : current === href || current.startsWith(`${href}/`);
  return (
    <Link href={href} class="nav-link" aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}

function Account({ current }: { current: string }) {
  const { state, session, signOut } = useSession();
  if (state.status === "checking") return null;
  if (!session)
    return (
      <NavLink href="/login" current={current}>
        Sign in
      </NavLink>
    );
  const out = async () => {
    await signOut().catch(() => undefined); // signed out here either way
    navigate("/");
  };
  return (
    <div class="account">
      <span class="account-name">
        <span class="visually-hidden">Signed in as </span>
        {session.account.name}
      </span>
      <button type="button" class="button button-secondary button-small" onClick={out}>
        Sign out
      </button>
    </div>
  );
}

function Shell() {
  const location = useLocation();
  const { can } = useSession();
  let page: ComponentChildren = <NotFound />;
  for (const [pattern, needs, render] of routes) {
    const params = match(pattern, location.path);
    if (params) {
      page = (
        <Guard key={pattern} needs={needs} location={location}>
          {() => render(params, location)}
        </Guard>
      );
      break;
    }
  }
  const nav = kNav.filter((n) => n.needs === null || can(n.needs));
  const firstStaff = nav.findIndex((n) => n.staff);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="container header-inner">
          <Link href="/" class="brand">
            <span class="brand-mark" aria-hidden="true">k</span>
            ketaclinic
          </Link>
          <nav aria-label="Main">
            <ul class="nav-list">
              {nav.map((n, i) => (
                <li key={n.href} class={i === firstStaff ? "nav-staff" : undefined}>
                  <NavLink href={n.href} current={location.path}>
                    {n.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Account current={location.path} />
        </div>
      </header>
      <main id="main" class="container" tabIndex={-1}>
        {page}
      </main>
      <footer class="site-footer">
        <div class="container">
          <p class="fine-print">
            General information and booking, not medical advice: a prescriber decides with you whether treatment is right
            for you. Demo software: the clinics, people and bookings are invented.
          </p>
        </div>
      </footer>
      <aside class="crisis-bar" aria-label="Crisis help">
        <p class="container">
          <strong>In crisis?</strong> Call or text <a href="tel:988">988</a>
          <span class="wide-only"> (Suicide &amp; Crisis Lifeline)</span>, 24/7. In immediate danger, call{" "}
          <a href="tel:911">911</a>.
        </p>
      </aside>
    </>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
