// The audit trail (GET /api/v1/audit, audit_read): who did what to which
// record, newest first, searched by patient, by user and by dates. The search
// lives in the address, so a link (from the Users screen) opens a user's trail;
// "Older entries" pages on with the API's next_before.
import { useState } from "preact/hooks";
import { listUsers, queryAudit } from "../../api/admin";
import type { AuditEntry, AuditPage } from "../../api/schema";
import { Field, Input } from "../../components/field";
import { ErrorSummary } from "../../components/error-summary";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import type { FieldErrors } from "../../lib/form-state";
import { useRequest } from "../../lib/useRequest";
import { useSubmit } from "../../lib/useSubmit";
import { navigate } from "../../router";
import { auditQueryOf } from "./user-draft";

const kFields = ["patient", "user", "from", "to"] as const;
type Search = Record<(typeof kFields)[number], string>;
const kIds = { patient: "audit-patient", user: "audit-user", from: "audit-from", to: "audit-to" };

function check(s: Search): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of ["patient", "user"] as const)
    if (s[key].trim() && !/^[1-9]\d{0,14}$/.test(s[key].trim())) errors[key] = "Enter a record number, like 12.";
  if (s.from && s.to && s.to < s.from) errors.to = "The last day comes on or after the first.";
  return errors;
}

function Row({ e, names }: { e: AuditEntry; names: Map<string, string> }) {
  const who = e.actor.kind === "anonymous" ? "anonymous" : `${names.get(e.actor.id) ?? e.actor.kind} #${e.actor.id}`;
  return (
    <tr>
      <td class="num">{e.at.replace("T", " ").replace("Z", "")}</td>
      <td>
        {who}
        {e.actor.roles && <span class="meta"> ({e.actor.roles})</span>}
      </td>
      <td>{e.action}</td>
      <td>{e.operation}</td>
      <td>
        {e.resource.kind}
        {e.resource.id && ` #${e.resource.id}`}
      </td>
      <td>{e.patient_id ?? "—"}</td>
      <td>
        {e.outcome === "allowed" ? "allowed" : <strong>{e.outcome}</strong>} ({e.status})
      </td>
      <td>{e.client}</td>
    </tr>
  );
}

function Entries({ page, names, older }: { page: AuditPage; names: Map<string, string>; older: (() => void) | null }) {
  if (page.entries.length === 0) return <p role="status">No entries match.</p>;
  return (
    <>
      <div class="table-wrap" role="region" aria-label="Audit entries" tabIndex={0}>
        <table>
          <caption>Newest first; times in UTC</caption>
          <thead>
            <tr>
              {["When", "Who", "Action", "Operation", "Resource", "Patient", "Outcome", "Client"].map((h) => (
                <th scope="col" key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.entries.map((e) => (
              <Row key={e.id} e={e} names={names} />
            ))}
          </tbody>
        </table>
      </div>
      {older && (
        <p class="actions">
          <button type="button" class="button button-secondary" onClick={older}>
            Older entries
          </button>
        </p>
      )}
    </>
  );
}

export function AuditPage({ query }: { query: URLSearchParams }) {
  const [search, setSearch] = useState<Search>(() => ({
    patient: query.get("patient") ?? "", user: query.get("user") ?? "", from: query.get("from") ?? "", to: query.get("to") ?? "",
  }));
  const key = query.toString();
  const [state, retry] = useRequest((signal) => queryAudit(auditQueryOf(query), signal), [key]);
  const [users] = useRequest((signal) => listUsers(signal), []);
  const names = new Map(users.status === "done" ? users.data.map((u) => [String(u.id), u.name]) : []);
  const go = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams();
    for (const k of kFields) if (search[k].trim()) params.set(k, search[k].trim());
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    navigate(`/admin/audit?${params}`, { replace: true });
  };
  const submission = useSubmit(() => go(), { fields: kIds, validate: () => check(search) });
  const set = (k: keyof Search) => (v: string) => setSearch({ ...search, [k]: v });
  return (
    <Page title="Audit trail" lead="Every access to patient data, every sign-in and every account change, newest first." wide>
      <div class="card-list">
        <form class="form card" onSubmit={submission.onSubmit} noValidate role="search" aria-label="Search the audit trail">
          <ErrorSummary submission={submission} />
          <div class="form-row">
            <Field id={kIds.patient} label="Patient record" hint="Its number" error={submission.fields.patient}>
              {(a) => <Input {...a} inputMode="numeric" value={search.patient} onValue={set("patient")} autocomplete="off" />}
            </Field>
            <Field id={kIds.user} label="User account" hint="Its number (Users)" error={submission.fields.user}>
              {(a) => <Input {...a} inputMode="numeric" value={search.user} onValue={set("user")} autocomplete="off" />}
            </Field>
            <Field id={kIds.from} label="From" hint="First day (UTC)" error={submission.fields.from}>
              {(a) => <Input {...a} type="date" value={search.from} onValue={set("from")} />}
            </Field>
            <Field id={kIds.to} label="To" hint="Last day (UTC)" error={submission.fields.to}>
              {(a) => <Input {...a} type="date" value={search.to} onValue={set("to")} />}
            </Field>
          </div>
          <div class="actions">
            <button class="button" type="submit">Search</button>
          </div>
        </form>
        <Loaded state={state} what="the audit trail" retry={retry}>
          {(page) => (
            <Entries page={page} names={names}
              older={page.next_before === null ? null : () => go({ before: String(page.next_before) })} />
          )}
        </Loaded>
      </div>
    </Page>
  );
}
