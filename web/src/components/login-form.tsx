// The sign-in form (POST /api/v1/session), used by the login page and by the
// booking steps for a returning patient.
import { useState } from "preact/hooks";
import { ApiError } from "../api/http";
import type { Session } from "../api/schema";
import { Field, Input } from "./field";
import { PasswordField } from "./password";
import { ErrorSummary } from "./error-summary";
import type { Refusal } from "../lib/form-state";
import { useSubmit } from "../lib/useSubmit";
import { useSession } from "../session";

type Errors = { email?: string; password?: string };


function check(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = "Enter your email address, like name@example.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

// What a refused login means, in words.
function loginRefusal(error: ApiError): Refusal {
  if (error.code === "invalid_credentials") return { message: "The email or the password is not right. Check both and try again." };
  if (error.status === 429) return { message: "Too many tries. Please wait a few minutes before trying again, or call the clinic." };
  return { message: error.message, fields: error.fields };
}

export function LoginForm({ onDone, submitText = "Sign in" }: { onDone: (session: Session) => void; submitText?: string }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submission = useSubmit(() => signIn(email.trim(), password), {
    fields: { email: "login-email", password: "login-password" },
    validate: () => check(email, password),
    refusal: loginRefusal,
    onDone,
  });
  const errors = submission.fields;
  return (
    <form class="form" onSubmit={submission.onSubmit} noValidate aria-label="Sign in">
      <ErrorSummary submission={submission} title="You are not signed in." />
      <Field id="login-email" label="Email" error={errors.email}>
        {(a) => <Input {...a} type="email" value={email} onValue={setEmail} autocomplete="username" autoCapitalize="none" />}
      </Field>
      <PasswordField id="login-password" label="Password" value={password} onValue={setPassword} purpose="current-password"
        error={errors.password} />
      <div class="actions">
        <button class="button" type="submit" disabled={submission.pending}>
          {submission.pending ? "Signing in…" : submitText}
        </button>
      </div>
    </form>
  );
}
