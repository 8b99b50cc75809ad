// One form's submission: local checks, the request, pending, and the errors
// for <ErrorSummary> and the fields (lib/form-state.ts). Every form of the app
// goes through it, so each shows its problems the same way: a summary at the
// top that takes the focus, linking to each field, and the message by the field.
import { useState } from "preact/hooks";
import { ApiError } from "../api/http";
import { type FieldErrors, type FieldIds, type FormErrors, formErrors, type Refusal } from "./form-state";

export interface SubmitOptions<R> {
  fields?: FieldIds; // the form's fields by their API name, with their control's id
  validate?: () => FieldErrors; // any message stops the submission
  initial?: FieldErrors; // errors to show from the start (a later step sent the person back)
  refusal?: (error: ApiError) => Refusal | null; // a refusal in other words; null: none to show
  onDone?: (result: R) => void;
}

export interface Submission<A = void> extends FormErrors {
  pending: boolean;
  attempt: number; // counts the submissions that ended in errors: the summary takes the focus on each
  failed: boolean; // there are errors to show
  onSubmit: (e?: Event) => void; // a form's submit event: runs the action without an argument
  run: (arg: A) => void; // runs the action with an argument (a chosen time, a new status)
  fail: (refusal: Refusal) => void; // a refusal found after the request (e.g. by the caller's own check)
  reset: () => void;
}

function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function useSubmit<R, A = void>(action: (arg: A) => Promise<R> | R, options: SubmitOptions<R> = {}): Submission<A> {
  const ids = options.fields ?? {};
  const [pending, setPending] = useState(false);
  const [local, setLocal] = useState<FieldErrors>(options.initial ?? {});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [attempt, setAttempt] = useState(options.initial && Object.values(options.initial).some(Boolean) ? 1 : 0);
  const fail = (r: Refusal) => {
    setRefusal(r);
    setAttempt((n) => n + 1);
  };
  const run = async (arg: A) => {
    if (pending) return;
    const found = options.validate?.() ?? {};
    setLocal(found);
    setRefusal(null);
    if (Object.values(found).some(Boolean)) return void setAttempt((n) => n + 1);
    setPending(true);
    try {
      const result = await action(arg);
      setPending(false);
      options.onDone?.(result);
    } catch (error) {
      setPending(false);
      if (error instanceof DOMException && error.name === "AbortError") return;
      const shown = error instanceof ApiError && options.refusal ? options.refusal(error) : refusalOf(error);
      if (shown) fail(shown);
    }
  };
  const onSubmit = (e?: Event) => {
    e?.preventDefault();
    void run(undefined as A);
  };
  const errors = formErrors(ids, local, refusal);
  const reset = () => {
    setLocal({});
    setRefusal(null);
  };
  return { ...errors, pending, attempt, failed: errors.summary.length > 0, onSubmit, run, fail, reset };
}
