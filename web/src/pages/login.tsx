// Sign in with email and password (POST /api/v1/session), then go where the
// person was going (?next=/staff/board), else to their own start page. A
// refusal is one sentence, the same for a wrong password and an unknown
// email (the server reveals nothing more, and neither do we).
import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import type { Session } from "../api/types";
import { Field, Input } from "../components/field";
import { Page } from "../components/page";
import { PasswordField } from "../components/password";
import { ErrorNotice } from "../components/status";
import { Link, navigate } from "../router";
import { homeOf, safeNext, useSession } from "../session";

type Errors = { email?: string; password?: string };

function check(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = "Enter your email address, like name@example.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

// What a refused login means, in words.
export function loginFailure(error: ApiError): Error {
  if (error.code === "invalid_credentials")
    return new Error("The email or the password is not right. Check both and try again.");
  if (error.status === 429) return new Error("Too many tries. Please wait a few minutes before trying again, or call the clinic.");
  return error;
}

export function LoginForm({ onDone, submitText = "Sign in" }: { onDone: (session: Session) => void; submitText?: string }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const found = check(email, password);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await signIn(email.trim(), password));
    } catch (err) {
      setFailure(err instanceof ApiError ? loginFailure(err) : (err as Error));
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-label="Sign in">
      {failure && <ErrorNotice error={failure} title="You are not signed in." />}
      <Field id="login-email" label="Email" error={errors.email}>
        {(a) => <Input {...a} type="email" value={email} onValue={setEmail} autocomplete="username" autoCapitalize="none" />}
      </Field>
      <PasswordField id="login-password" label="Password" value={password} onValue={setPassword} purpose="current-password"
        error={errors.password} />
      <div class="actions">
        <button class="button" type="submit" disabled={busy}>
          {busy ? "Signing in…" : submitText}
        </button>
      </div>
    </form>
  );
}

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
