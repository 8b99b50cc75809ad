// The shell (skip link, header with the nav and the account, footer, crisis
// bar) around the page of the route table (routes.tsx). A guarded route sends
// a signed-out visitor to /login?next=…; a signed-in person without the
// permission sees "not allowed".
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { Loading } from "./components/status";
import { NotAllowed, NotFound } from "./features/errors/not-found";
import { Link, match, navigate, useLocation } from "./router";
import type { Location } from "./router";
import { kRoutes, navFor, type Guard } from "./routes";
import { SessionProvider, useSession } from "./session";
import { FlagCount } from "./features/flags/inbox";

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading what="the sign-in page" />;
}

function Guarded({ needs, location, children }: { needs: Guard; location: Location; children: () => ComponentChildren }) {
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
      <NavLink href="/account/password" current={current}>
        Change password
      </NavLink>
      <button type="button" class="button button-secondary button-small" onClick={out}>
        Sign out
      </button>
    </div>
  );
}

function Shell() {
  const location = useLocation();
  const { can, session } = useSession();
  let page: ComponentChildren = <NotFound />;
  for (const route of kRoutes) {
    const params = match(route.path, location.path);
    if (params) {
      page = (
        <Guarded key={route.path} needs={route.guard} location={location}>
          {() => route.page(params, location)}
        </Guarded>
      );
      break;
    }
  }
  const nav = navFor((guard) => guard === null || (guard === "signed-in" ? session !== null : can(guard)));
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
                    {n.href === "/staff/flags" && <FlagCount />}
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
