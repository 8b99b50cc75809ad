// A patient's questionnaires (GET /api/v1/patients/{id}/assignments): those to
// fill in before the visit, those done, and those a clinician asks at the
// visit. Right after booking (?booked=<appointment id>) it opens with the
// booking's confirmation and "Start", so the intake follows the booking.
import { listAssignments } from "../../api/questionnaires";
import type { Assignment } from "../../api/schema";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { useSession } from "../../session";

const dueText = (a: Assignment) =>
  a.due ? `Before your visit on ${new Intl.DateTimeFormat("en-US", { month: "long", day: "numeric" }).format(new Date(a.due))}` : "";

function Item({ a }: { a: Assignment }) {
  const title = a.title ?? a.instrument;
  return (
    <li class="card visit">
      <div class="visit-head">
        <h3>{title}</h3>
        <span class={`badge ${a.status === "open" ? "badge-booked" : "badge-completed"}`}>{a.status === "open" ? "To do" : "Done"}</span>
      </div>
      {a.status === "open" && a.completed_by === "patient" && (
        <>
          <p class="meta">{dueText(a)}</p>
          <p class="visit-actions">
            <Link class="button" href={`/questionnaires/${a.id}`} aria-label={`Start ${title}`}>
              Start
            </Link>
          </p>
        </>
      )}
      {a.status === "open" && a.completed_by === "clinician" && <p class="meta">Your clinician asks these questions with you at your visit.</p>}
    </li>
  );
}

function List({ assignments, booked }: { assignments: Assignment[]; booked: number | null }) {
  const mine = assignments.filter((a) => a.completed_by === "patient");
  const todo = mine.filter((a) => a.status === "open");
  const done = mine.filter((a) => a.status === "submitted");
  const atVisit = assignments.filter((a) => a.completed_by === "clinician" && a.status === "open");
  return (
    <>
      {booked !== null && (
        <div class="notice notice-success" role="status">
          <p class="notice-title">Your consultation is booked.</p>
          <p>
            <Link href={`/appointments/${booked}`}>See your appointment</Link>: when and where, add it to your calendar,
            move or cancel it.
          </p>
        </div>
      )}
      <section aria-labelledby="todo-heading">
        <h2 id="todo-heading">{booked !== null ? "Next: your intake questionnaires" : "To fill in"}</h2>
        {todo.length === 0 ? (
          <p>Nothing to fill in right now.</p>
        ) : (
          <>
            <p>
              They help your prescriber prepare your consultation and take a few minutes each. One question at a
              time; you can go back before sending.
            </p>
            <ul class="card-list">
              {todo.map((a) => (
                <Item key={a.id} a={a} />
              ))}
            </ul>
          </>
        )}
      </section>
      {atVisit.length > 0 && (
        <section aria-labelledby="visit-heading">
          <h2 id="visit-heading">At your visit</h2>
          <ul class="card-list">
            {atVisit.map((a) => (
              <Item key={a.id} a={a} />
            ))}
          </ul>
        </section>
      )}
      {done.length > 0 && (
        <section aria-labelledby="done-heading">
          <h2 id="done-heading">Done</h2>
          <ul class="card-list">
            {done.map((a) => (
              <Item key={a.id} a={a} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function QuestionnairesPage({ booked }: { booked: number | null }) {
  const { session } = useSession();
  const patientId = session?.account.patient_id ?? 0;
  const [state, retry] = useRequest((signal) => listAssignments(patientId, signal), [patientId]);
  return (
    <Page title={booked !== null ? "Booked: your next step" : "My questionnaires"}>
      <Loaded state={state} what="your questionnaires" retry={retry}>
        {(assignments) => <List assignments={assignments} booked={booked} />}
      </Loaded>
    </Page>
  );
}
