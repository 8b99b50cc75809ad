import { Page } from "../components/page";
import { Link } from "../router";

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
