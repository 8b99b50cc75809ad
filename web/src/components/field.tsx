// A labelled form control with an optional hint and error, wired with
// aria-describedby / aria-invalid so assistive technology reads all three.
import type { ComponentChildren, JSX } from "preact";

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ComponentChildren;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": described, "aria-invalid": error ? true : undefined })}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "onInput" | "value"> & {
  value: string;
  onValue: (value: string) => void;
};

export function Input({ value, onValue, ...rest }: InputProps) {
  return <input class="input" value={value} onInput={(e) => onValue((e.target as HTMLInputElement).value)} {...rest} />;
}
