// Change one's password (POST /api/v1/session/password), for every signed-in
// person. The server checks the current password and the policy (docs/security.md)
// and ends the account's other sessions; this one stays signed in. The new
// password is typed twice here only to catch a typo: the server never sees the copy.
import { useState } from "preact/hooks";
import { ApiError } from "../../api/http";
import { changePassword } from "../../api/session";
import { ErrorSummary } from "../../components/error-summary";
import { Page } from "../../components/page";
import { PasswordField } from "../../components/password";
import type { FieldErrors, Refusal } from "../../lib/form-state";
import { useSubmit } from "../../lib/useSubmit";

const kIds = { current_password: "pw-current", new_password: "pw-new", repeat: "pw-repeat" };

function check(current: string, next: string, repeat: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!current) errors.current_password = "Enter your current password.";
  if (!next) errors.new_password = "Enter a new password.";
  else if (next !== repeat) errors.repeat = "The two new passwords are not the same.";
  return errors;
}

function refusal(error: ApiError): Refusal {
  if (error.status === 429) return { message: "Too many wrong passwords. Please wait a few minutes before trying again." };
  return { message: error.message, fields: error.fields };
}

export function ChangePasswordPage() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const submission = useSubmit(() => changePassword(current, next), {
    fields: kIds,
    validate: () => check(current, next, repeat),
    refusal,
    onDone: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
    },
  });
  const errors = submission.fields;
  const edit = (set: (v: string) => void) => (v: string) => {
    setDone(false);
    set(v);
  };
  return (
    <Page title="Change password" lead="A new password signs you out everywhere else; you stay signed in here.">
      {done && (
        <div class="notice notice-success" role="status">
          <p>Your password is changed. Any other device signed in with your account has been signed out.</p>
        </div>
      )}
      <div class="card">
        <form class="form" onSubmit={submission.onSubmit} noValidate aria-label="Change password">
          <ErrorSummary submission={submission} title="Your password is not changed." />
          <PasswordField id={kIds.current_password} label="Current password" value={current} onValue={edit(setCurrent)}
            purpose="current-password" error={errors.current_password} />
          <PasswordField id={kIds.new_password} label="New password" value={next} onValue={edit(setNext)}
            purpose="new-password" error={errors.new_password}
            hint="At least 15 characters. A few unrelated words make a good one; common passwords are refused." />
          <PasswordField id={kIds.repeat} label="New password again" value={repeat} onValue={edit(setRepeat)}
            purpose="new-password" error={errors.repeat} />
          <div class="actions">
            <button class="button" type="submit" disabled={submission.pending}>
              {submission.pending ? "Changing…" : "Change password"}
            </button>
          </div>
        </form>
      </div>
    </Page>
  );
}
