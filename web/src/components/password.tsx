// A password field with a "Show password" switch (people can check a long
// passphrase before sending it). `purpose` sets the autocomplete hint so that
// password managers offer to save a new one or fill an existing one.
import { useState } from "preact/hooks";
import { Field, Input } from "./field";

export function PasswordField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  purpose: "new-password" | "current-password";
  hint?: string;
  error?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <div class="password-field">
      <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
        {(a) => (
          <Input {...a} type={shown ? "text" : "password"} value={props.value} onValue={props.onValue}
            autocomplete={props.purpose} spellcheck={false} autoCapitalize="none" maxLength={128} />
        )}
      </Field>
      <label class="check">
        <input type="checkbox" checked={shown} onChange={(e) => setShown((e.target as HTMLInputElement).checked)} />
        Show password
      </label>
    </div>
  );
}
