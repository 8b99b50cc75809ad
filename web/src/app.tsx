// The shell (skip link, header, footer with the crisis line) and the route table.
import type { ComponentChildren } from "preact";
import { Link, match, useLocation } from "./router";
import { Landing } from "./pages/landing";
import { FindClinic } from "./pages/find";
import { ClinicPage } from "./pages/clinic";
import { BookPage } from "./pages/book";
import { AppointmentPage } from "./pages/appointment";
import { DayBoardPage } from "./pages/board";
import { SimulatorPage } from "./pages/simulator";
import { NotFound } from "./pages/not-found";
import type { Location } from "./router";

type Render = (params: Record<string, string>, location: Location) => ComponentChildren;

const routes: [string, Render][] = [
  ["/", () => <Landing />],
  ["/find", (_, l) => <FindClinic query={l.query} />],
  ["/clinics/:id", (p, l) => <ClinicPage id={p.id} query={l.query} />],
  ["/book/:location", (p, l) => <BookPage location={p.location} start={l.query.get("start") ?? ""} />],
  ["/appointments/:id", (p, l) => <AppointmentPage id={Number(p.id)} justBooked={l.query.has("booked")} />],
  ["/staff/board", (_, l) => <DayBoardPage query={l.query} />],
  ["/staff/simulator", () => <SimulatorPage />],
];

function NavLink({ href, children, current }: { href: string; children: ComponentChildren; current: string }) {
  const active = href === "/" ? current === "/" : current.startsWith(href);
  return (
    <Link href={href} class="nav-link" aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}

export function App() {
  const location = useLocation();
  let page: ComponentChildren = <NotFound />;
  for (const [pattern, render] of routes) {
    const params = match(pattern, location.path);
    if (params) {
      page = render(params, location);
      break;
    }
  }
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
              <li><NavLink href="/find" current={location.path}>Find a clinic</NavLink></li>
              <li class="nav-staff"><NavLink href="/staff/board" current={location.path}>Day board</NavLink></li>
              <li><NavLink href="/staff/simulator" current={location.path}>Simulator</NavLink></li>
            </ul>
          </nav>
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
