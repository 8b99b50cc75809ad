// The errors of one form, as the error summary and the fields show them
// (GOV.UK pattern): local checks first, else what the server refused. A
// problem's field errors that name a field of the form go next to it and are
// linked from the summary; the others, and a refusal without field errors,
// are listed without a link. Pure, so it is unit-tested (test/form-state.test.ts).
import { readable } from "../api/problem";

export type FieldErrors = Record<string, string | undefined>; // field name → message
export type FieldIds = Record<string, string>; // field name → the id of its control

export interface SummaryItem {
  href: string | null; // "#login-email": the control to fix
  text: string;
}

export interface FormErrors {
  fields: FieldErrors;
  summary: SummaryItem[];
}

// What a failed request carries: its sentence and, from a problem, errors per field.
export interface Refusal {
  message: string;
  fields?: { field: string; message: string }[];
}

export const hasErrors = (errors: FieldErrors): boolean => Object.values(errors).some(Boolean);

// The server's messages start with the field ("given_name: must be…"); next to the field, the rest is enough.
export function withoutField(message: string): string {
  const text = message.replace(/^[\w.[\]-]+: /, "");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}

export function formErrors(ids: FieldIds, local: FieldErrors, refusal: Refusal | null): FormErrors {
  const fields: FieldErrors = {};
  const summary: SummaryItem[] = [];
  if (hasErrors(local)) {
    for (const [field, message] of Object.entries(local)) {
      if (!message) continue;
      fields[field] = message;
      summary.push({ href: field in ids ? `#${ids[field]}` : null, text: message });
    }
    return { fields, summary };
  }
  if (!refusal) return { fields, summary };
  const onFields = refusal.fields ?? [];
  for (const f of onFields) {
    const id = ids[f.field];
    if (id !== undefined) fields[f.field] = withoutField(f.message);
    // The summary keeps the field's name: it is read away from the field.
    summary.push({ href: id === undefined ? null : `#${id}`, text: readable(f.message) });
  }
  if (onFields.length === 0) summary.push({ href: null, text: refusal.message });
  return { fields, summary };
}
