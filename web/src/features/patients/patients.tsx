// Find a patient (GET /api/v1/patients?q=, staff with demographics_read): the
// patients of one's own locations, and those not yet booked anywhere. The
// search lives in the address (?q=), so the back button returns to it.
import { useState } from "preact/hooks";
import { searchPatients } from "../../api/patients";
import { Field, Input } from "../../components/field";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";

function Results({ q }: { q: string }) {
  const [state, retry] = useRequest((signal) => searchPatients(q, signal), [q]);
  return (
    <Loaded state={state} what="patients" retry={retry}>
      {(patients) =>
        patients.length === 0 ? (
          <p role="status">No patient matches “{q}”.</p>
        ) : (
          <ul class="card-list" aria-label="Patients found">
            {patients.map((p) => (
              <li key={p.id} class="card visit">
                <h2 class="result-name">
                  <Link href={`/staff/patients/${p.id}`}>
                    {p.given_name} {p.family_name}
                  </Link>
                </h2>
                <p class="meta">
                  Born {p.date_of_birth} · record #{p.id}
                  {p.email ? ` · ${p.email}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

export function PatientsPage({ query }: { query: URLSearchParams }) {
  const q = query.get("q") ?? "";
  const [text, setText] = useState(q);
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(`/staff/patients?${new URLSearchParams({ q: text.trim() })}`, { replace: true });
  };
  return (
    <Page title="Patients" lead="Patients of your locations, by name.">
      <form class="inline-form" onSubmit={submit} role="search">
        <Field id="patient-q" label="Name">
          {(a) => <Input {...a} value={text} onValue={setText} autocomplete="off" />}
        </Field>
        <button class="button" type="submit">
          Search
        </button>
      </form>
      {q && <Results q={q} />}
    </Page>
  );
}
