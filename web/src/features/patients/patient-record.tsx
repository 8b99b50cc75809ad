// A patient's record for staff: demographics and visits (demographics_read,
// schedule_read); safety flags with their acknowledgement, questionnaire
// scores over time with response and remission marked, and eligibility
// screening with its reasons (clinical_read); a new screening (clinical_write)
// and the prescriber's decision (clinical_signoff). Each section loads on its
// own, so one failing request leaves the others readable.
import { ApiError } from "../../api/http";
import { listLocations } from "../../api/locations";
import { getPatient, listPatientAppointments } from "../../api/patients";
import { getScoreTrend } from "../../api/questionnaires";
import type { Appointment, Location, Patient, Trend } from "../../api/schema";
import { FlagList } from "../../components/flags";
import { Page } from "../../components/page";
import { ScoreTrend } from "../../components/score-trend";
import { Loaded } from "../../components/status";
import { dateTime } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { useSession } from "../../session";
import { StatusBadge, useTypeText } from "../../components/appointment-status";
import { ScreeningSection } from "./screening";

const kTrendInstruments = ["phq9", "gad7", "pcl5"];
const kSexText: Record<string, string> = { female: "Female", male: "Male", other: "Other", unknown: "Not given" };

function age(dob: string): number {
  const [y, m, d] = dob.split("-").map(Number);
  const now = new Date();
  return now.getFullYear() - y - (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d) ? 1 : 0);
}

function Demographics({ p }: { p: Patient & { safety_flag?: boolean } }) {
  return (
    <dl class="details card">
      <dt>Date of birth</dt>
      <dd>
        {p.date_of_birth} (age {age(p.date_of_birth)})
      </dd>
      <dt>Sex</dt>
      <dd>{kSexText[p.sex] ?? p.sex}</dd>
      <dt>Email</dt>
      <dd>{p.email ?? "—"}</dd>
      <dt>Phone</dt>
      <dd>{p.phone ?? "—"}</dd>
      <dt>Weight</dt>
      <dd>{p.weight ? p.weight.replace("kg", " kg") : "—"}</dd>
      <dt>Record</dt>
      <dd>#{p.id}</dd>
    </dl>
  );
}

function Visits({ patientId }: { patientId: number }) {
  const typeText = useTypeText();
  const [state, retry] = useRequest(
    (signal) => Promise.all([listPatientAppointments(patientId, signal), listLocations(signal)]),
    [patientId],
  );
  return (
    <section aria-labelledby="visits-heading">
      <h2 id="visits-heading">Appointments</h2>
      <Loaded state={state} what="the appointments" retry={retry}>
        {([visits, locations]: [Appointment[], Location[]]) =>
          visits.length === 0 ? (
            <p>No appointments at your locations.</p>
          ) : (
            <div class="table-wrap" role="region" aria-label="Appointments" tabIndex={0}>
              <table>
                <caption class="visually-hidden">Appointments</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Visit</th>
                    <th scope="col">Where</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {visits.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link href={`/appointments/${a.id}`}>{dateTime(a.start, a.time_zone)}</Link>
                      </th>
                      <td>{typeText(a.type)}</td>
                      <td>{locations.find((l) => l.id === a.location)?.name ?? a.location}</td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

async function loadTrends(patientId: number, signal: AbortSignal): Promise<Trend[]> {
  const trends = await Promise.all(kTrendInstruments.map((i) => getScoreTrend(patientId, i, signal).catch((e: ApiError) => e)));
  const failed = trends.find((t): t is ApiError => t instanceof ApiError && t.status !== 404);
  if (failed) throw failed;
  return trends.filter((t): t is Trend => !(t instanceof ApiError));
}

function Scores({ patientId }: { patientId: number }) {
  const [state, retry] = useRequest((signal) => loadTrends(patientId, signal), [patientId]);
  return (
    <section aria-labelledby="scores-heading">
      <h2 id="scores-heading">Questionnaire scores</h2>
      <Loaded state={state} what="the scores" retry={retry}>
        {(trends) => {
          const shown = trends.filter((t) => t.points.length > 0);
          return shown.length === 0 ? (
            <p>No questionnaire has been answered yet.</p>
          ) : (
            <div class="trend-grid">
              {shown.map((t) => (
                <ScoreTrend key={t.instrument} trend={t} />
              ))}
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

export function PatientRecordPage({ id }: { id: number }) {
  const { can, session } = useSession();
  const location = session?.account.locations[0] ?? "";
  const [state, retry] = useRequest((signal) => getPatient(id, signal), [id]);
  const title = state.status === "done" ? `${state.data.given_name} ${state.data.family_name}` : "Patient record";
  return (
    <Page title={title} lead="Patient record" wide>
      <Loaded state={state} what="the patient record" retry={retry}>
        {(p) => (
          <>
            {(p as Patient & { safety_flag?: boolean }).safety_flag && !can("clinical_read") && (
              <p class="notice notice-warning" role="status">
                <strong>Open safety flag.</strong> A clinician reviews it; the details are visible to clinicians only.
              </p>
            )}
            <Demographics p={p} />
            {can("clinical_read") && <FlagList patientId={p.id} location={location} />}
            {can("schedule_read") && <Visits patientId={p.id} />}
            {can("clinical_read") && <Scores patientId={p.id} />}
            {can("clinical_read") && <ScreeningSection patientId={p.id} location={location} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}
