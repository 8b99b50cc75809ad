// Sign in with email and password (POST /api/v1/session), then go where the
// person was going (?next=/staff/board), else to their own start page. A
// refusal is one sentence, the same for a wrong password and an unknown
// email (the server reveals nothing more, and neither do we).
import { LoginForm } from "../../components/login-form";
import { Page } from "../../components/page";
import { Link, navigate } from "../../router";
import { homeOf, safeNext, useSession } from "../../session";

export function LoginPage({ next }: { next: string | null }) {
  const { state, session, signOut } = useSession();
  const target = safeNext(next);
  if (session)
    return (
      <Page title="Sign in">
        <p>
          You are signed in as <strong>{session.account.name}</strong> ({session.account.email}).
        </p>
        <div class="actions">
          <Link class="button" href={target ?? homeOf(session)}>
            Continue
          </Link>
          <button type="button" class="button button-secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </Page>
    );
  return (
    <Page title="Sign in" lead="Patients and clinic staff sign in with their email and password.">
      {state.status === "signed-out" && state.ended && (
        <div class="notice notice-warning" role="status">
          <p>Your session ended after a while without activity. Please sign in again.</p>
        </div>
      )}
      {target && state.status === "signed-out" && !state.ended && (
        <p class="notice" role="status">
          Please sign in to open that page.
        </p>
      )}
      <div class="card">
        <LoginForm onDone={(s) => navigate(target ?? homeOf(s), { replace: true })} />
      </div>
      <p class="meta">
        New patient? Your account is created when you <Link href="/find">book a first consultation</Link>.
      </p>
    </Page>
  );
}
