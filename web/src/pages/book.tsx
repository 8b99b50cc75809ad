// Book a consultation in steps. The steps are a list so that the accounts
// work can put "Create an account or sign in" between the details and the
// confirmation without touching the others.
import { useMemo, useState } from "preact/hooks";
import { ApiError, api, newIdempotencyKey } from "../api/client";
import type { Location, PatientInput, Sex, Slot } from "../api/types";
import { Field, Input } from "../components/field";
import { Page } from "../components/page";
import { ErrorNotice, Loaded } from "../components/status";
import { dateTime, timeOfDay, zoneName } from "../lib/time";
import { useRequest } from "../lib/useRequest";
import { Link, navigate } from "../router";
import { kConsultation } from "./clinic";

type StepId = "details" | "confirm";
const kSteps: { id: StepId; title: string }[] = [
  { id: "details", title: "Your details" },
  { id: "confirm", title: "Confirm" },
];

const kSexes: [Sex, string][] = [
  ["female", "Female"],
  ["male", "Male"],
  ["other", "Other"],
  ["unknown", "Prefer not to say"],
];

type Errors = Partial<Record<keyof PatientInput, string>>;

const kEmpty: PatientInput = { given_name: "", family_name: "", date_of_birth: "", sex: "unknown", email: "", phone: "" };

function checkDetails(d: PatientInput): Errors {
  const errors: Errors = {};
  if (!d.given_name.trim()) errors.given_name = "Enter your first name.";
  if (!d.family_name.trim()) errors.family_name = "Enter your last name.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date_of_birth)) errors.date_of_birth = "Enter your date of birth.";
  if (!d.email?.trim() && !d.phone?.trim()) errors.email = "Give an email address or a phone number so the clinic can reach you.";
  return errors;
}

// Server-side field problems of createPatient, placed next to their fields.
function fieldErrors(error: ApiError): Errors {
  const errors: Errors = {};
  for (const f of error.fields) if (f.field in kEmpty) errors[f.field as keyof PatientInput] = f.message.replace(/^[\w.]+: /, "");
  return errors;
}

function Steps({ current }: { current: StepId }) {
  const at = kSteps.findIndex((s) => s.id === current);
  return (
    <ol class="steps" aria-label="Booking steps">
      {kSteps.map((s, i) => (
        <li key={s.id} class={i < at ? "done" : undefined} aria-current={i === at ? "step" : undefined}>
          <span class="visually-hidden">Step {i + 1} of {kSteps.length}: </span>
          {s.title}
        </li>
      ))}
    </ol>
  );
}

function DetailsStep(props: { details: PatientInput; errors: Errors; onChange: (d: PatientInput) => void; onNext: () => void }) {
  const { details, errors } = props;
  const set = (key: keyof PatientInput) => (value: string) => props.onChange({ ...details, [key]: value });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onNext();
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Your details</h2>
      <p class="meta">The clinic uses these to prepare your consultation. All fields are required unless marked optional.</p>
      <div class="form-row">
        <Field id="given_name" label="First name" error={errors.given_name}>
          {(a) => <Input {...a} value={details.given_name} onValue={set("given_name")} autocomplete="given-name" />}
        </Field>
        <Field id="family_name" label="Last name" error={errors.family_name}>
          {(a) => <Input {...a} value={details.family_name} onValue={set("family_name")} autocomplete="family-name" />}
        </Field>
      </div>
      <div class="form-row">
        <Field id="date_of_birth" label="Date of birth" error={errors.date_of_birth}>
          {(a) => <Input {...a} type="date" value={details.date_of_birth} onValue={set("date_of_birth")} autocomplete="bday" />}
        </Field>
        <Field id="sex" label="Sex" hint="As on your medical records" error={errors.sex}>
          {(a) => (
            <select {...a} class="input" value={details.sex} onChange={(e) => set("sex")((e.target as HTMLSelectElement).value)}>
              {kSexes.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field id="email" label="Email (optional if you give a phone number)" error={errors.email}>
          {(a) => <Input {...a} type="email" value={details.email ?? ""} onValue={set("email")} autocomplete="email" />}
        </Field>
        <Field id="phone" label="Phone (optional)" error={errors.phone}>
          {(a) => <Input {...a} type="tel" value={details.phone ?? ""} onValue={set("phone")} autocomplete="tel" />}
        </Field>
      </div>
      <div class="actions">
        <button class="button" type="submit">
          Continue
        </button>
      </div>
    </form>
  );
}

function ConfirmStep(props: {
  location: Location;
  slot: Slot;
  details: PatientInput;
  busy: boolean;
  onBack: () => void;
  onBook: () => void;
}) {
  const { location, slot, details } = props;
  return (
    <section aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Check and book</h2>
      <dl class="details card">
        <dt>Visit</dt>
        <dd>Consultation with a prescriber</dd>
        <dt>When</dt>
        <dd>
          {dateTime(slot.start, location.time_zone)} to {timeOfDay(slot.end, location.time_zone)} (
          {zoneName(location.time_zone, new Date(slot.start))})
        </dd>
        <dt>Where</dt>
        <dd>
          {location.name}, {location.address.line1}, {location.address.city}
        </dd>
        <dt>Name</dt>
        <dd>
          {details.given_name} {details.family_name}
        </dd>
        <dt>Date of birth</dt>
        <dd>{details.date_of_birth}</dd>
        <dt>Contact</dt>
        <dd>{[details.email, details.phone].filter(Boolean).join(", ")}</dd>
      </dl>
      <div class="actions">
        <button class="button" type="button" onClick={props.onBook} disabled={props.busy}>
          {props.busy ? "Booking…" : "Book consultation"}
        </button>
        <button class="button button-secondary" type="button" onClick={props.onBack} disabled={props.busy}>
          Change details
        </button>
      </div>
    </section>
  );
}

// The details and the patient once registered outlive a change of time (an
// alternative after a taken slot), so a second try does not register twice.
interface Person {
  details: PatientInput;
  setDetails: (d: PatientInput) => void;
  patientId: number | null;
  setPatientId: (id: number) => void;
}

function Booking({ location, start, person }: { location: Location; start: string; person: Person }) {
  const { details, setDetails, patientId, setPatientId } = person;
  const [step, setStep] = useState<StepId>(patientId === null ? "details" : "confirm");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // One key per chosen time: a retry after a lost answer cannot book twice.
  const key = useMemo(newIdempotencyKey, [start]);
  const [state, retry] = useRequest(
    (signal) => api.availability({ location: location.id, type: kConsultation, from: start, to: start.slice(0, 10) }, signal),
    [location.id, start],
  );

  const next = () => {
    const found = checkDetails(details);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep("confirm");
  };
  const book = async () => {
    setBusy(true);
    setFailure(null);
    try {
      let id = patientId;
      if (id === null) {
        const input: PatientInput = { ...details, email: details.email?.trim() || undefined, phone: details.phone?.trim() || undefined };
        id = (await api.createPatient(input)).id;
        setPatientId(id);
      }
      const appointment = await api.book({ patient_id: id, location: location.id, type: kConsultation, start }, key);
      navigate(`/appointments/${appointment.id}?booked=1`);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, "unknown", String(e));
      const onFields = fieldErrors(error);
      if (Object.keys(onFields).length > 0) {
        setErrors(onFields);
        setStep("details");
      }
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const alternatives = failure?.problem?.alternatives ?? [];

  return (
    <Loaded state={state} what="the chosen time" retry={retry}>
      {(availability) => {
        const slot = availability.slots.find((s) => s.start === start);
        if (!slot && !failure)
          return (
            <div class="notice notice-warning" role="alert">
              <p>This time is no longer free.</p>
              <Link href={`/clinics/${location.id}`}>Choose another time</Link>
            </div>
          );
        return (
          <>
            <Steps current={step} />
            {failure && <ErrorNotice error={failure} title="Your consultation is not booked yet." />}
            {alternatives.length > 0 && (
              <section class="card" aria-labelledby="alternatives-heading">
                <h2 id="alternatives-heading">Free times nearby</h2>
                <ul class="slot-grid">
                  {alternatives.map((a) => (
                    <li key={a.start}>
                      <Link href={`/book/${location.id}?${new URLSearchParams({ start: a.start })}`} class="button button-secondary">
                        {timeOfDay(a.start, location.time_zone)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {step === "details" && <DetailsStep details={details} errors={errors} onChange={setDetails} onNext={next} />}
            {step === "confirm" && slot && (
              <ConfirmStep location={location} slot={slot} details={details} busy={busy} onBack={() => setStep("details")} onBook={book} />
            )}
          </>
        );
      }}
    </Loaded>
  );
}

export function BookPage({ location: id, start: asked }: { location: string; start: string }) {
  const [state, retry] = useRequest((signal) => api.location(id, signal), [id]);
  const start = Number.isNaN(Date.parse(asked)) ? "" : asked;
  const [details, setDetails] = useState<PatientInput>(kEmpty);
  const [patientId, setPatientId] = useState<number | null>(null);
  const person = { details, setDetails, patientId, setPatientId };
  return (
    <Loaded state={state} what="the clinic" retry={retry}>
      {(location) => (
        <Page title="Book a consultation" lead={`${location.name}, ${start ? dateTime(start, location.time_zone) : ""}`}>
          {start ? <Booking key={start} location={location} start={start} person={person} /> : <Link href={`/clinics/${id}`}>Choose a time first</Link>}
        </Page>
      )}
    </Loaded>
  );
}
