// The error summary at the top of a form (GOV.UK pattern): "There is a
// problem", what did not happen, and each error as a link to its field. It
// takes the focus after every submission that ends in errors, so a screen
// reader announces it and a keyboard user starts there.
import { useEffect, useRef } from "preact/hooks";
import type { Submission } from "../lib/useSubmit";

export function ErrorSummary<A>({ submission, title }: { submission: Submission<A>; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (submission.failed) box.current?.focus();
  }, [submission.attempt]);
  if (!submission.failed) return null;
  const toField = (e: MouseEvent, href: string) => {
    const field = document.getElementById(href.slice(1));
    if (!field) return;
    e.preventDefault(); // the router would take "#id" for a page; focus the control instead
    field.focus();
    field.scrollIntoView({ block: "center" });
  };
  return (
    <div class="notice notice-error error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2 class="error-summary-title">There is a problem</h2>
      {title && <p class="notice-title">{title}</p>}
      <ul class="error-summary-list">
        {submission.summary.map((item, i) => (
          <li key={i}>{item.href ? <a href={item.href} onClick={(e) => toField(e, item.href!)}>{item.text}</a> : item.text}</li>
        ))}
      </ul>
    </div>
  );
}
