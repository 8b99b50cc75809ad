import { Page } from "../../components/page";
import { Link } from "../../router";
import { homeOf, useSession } from "../../session";

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Go to the home page</Link> or <Link href="/find">find a clinic</Link>.
      </p>
    </Page>
  );
}

// A signed-in person whose role does not include this page.
export function NotAllowed() {
  const { session } = useSession();
  return (
    <Page title="Not available to your account">
      <p>
        You are signed in as <strong>{session?.account.name}</strong>, whose role does not include this page. If you
        need it, ask your clinic's administrator.
      </p>
      <p>{session && <Link href={homeOf(session)}>Go to your start page</Link>}</p>
    </Page>
  );
}
