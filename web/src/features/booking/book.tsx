// Book a consultation in steps: your details, then "Create an account or sign
// in" (POST /api/v1/accounts makes the record, the login and a session at
// once; or POST /api/v1/session for a returning patient), then confirm, which
// books for the signed-in patient and leads on to the intake questionnaires.
// A patient who is signed in already goes straight to confirm.
import { useMemo, useState } from "preact/hooks";
import { ApiError, newIdempotencyKey } from "../../api/http";
import { bookAppointment } from "../../api/appointments";
import { getLocation } from "../../api/locations";
import { getAvailability } from "../../api/scheduling";
import type { Location, PatientInput, Session, Sex, Slot } from "../../api/schema";
import { Field, Input } from "../../components/field";
import { Page } from "../../components/page";
import { PasswordField } from "../../components/password";
import { ErrorNotice, Loaded, Loading } from "../../components/status";
import { dateTime, timeOfDay, zoneName } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";
import { kConsultation } from "../../lib/appointment-types";
import { LoginForm } from "../../components/login-form";
import { ErrorSummary } from "../../components/error-summary";
import { type Refusal, withoutField } from "../../lib/form-state";
import { useSubmit } from "../../lib/useSubmit";

type StepId = "details" | "account" | "confirm";
const kSteps: { id: StepId; title: string }[] = [
  { id: "details", title: "Your details" },
  { id: "account", title: "Create an account or sign in" },
  { id: "confirm", title: "Confirm" },
];

const kSexes: [Sex, string][] = [
  ["female", "Female"],
  ["male", "Male"],
  ["other", "Other"],
  ["unknown", "Prefer not to say"],
];

type Details = Omit<PatientInput, "email">;
type Errors = Partial<Record<keyof Details | "email" | "password", string>>;

const kEmpty: Details = { given_name: "", family_name: "", date_of_birth: "", sex: "unknown", phone: "" };
const kMinPassword = 15; // docs/security.md: 15 to 128 characters, no composition rules
const kMaxPassword = 128;
const kEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkDetails(d: Details): Errors {
  const errors: Errors = {};
  if (!d.given_name.trim()) errors.given_name = "Enter your first name.";
  if (!d.family_name.trim()) errors.family_name = "Enter your last name.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date_of_birth)) errors.date_of_birth = "Enter your date of birth.";
  return errors;
}

// The checks the server's policy makes that need no word list; the server checks the rest.
function checkAccount(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!kEmail.test(email.trim())) errors.email = "Enter your email address, like name@example.com.";
  const length = [...password].length;
  if (length < kMinPassword) errors.password = `Your password must be at least ${kMinPassword} characters (a few words make a good one).`;
  else if (length > kMaxPassword) errors.password = `Your password must be at most ${kMaxPassword} characters.`;
  return errors;
}

const kDetailIds = { given_name: "given_name", family_name: "family_name", date_of_birth: "date_of_birth", sex: "sex", phone: "phone" };

// The server's field problems of a sign-up, split: the details (shown on their step) and the rest
// ("password: is too common; choose another" -> "Your password is too common; choose another.").
function splitSignUpErrors(error: ApiError): { details: Errors; account: Refusal } {
  const details: Errors = {};
  const account = error.fields.filter((f) => !(f.field in kDetailIds));
  for (const f of error.fields) if (f.field in kDetailIds) details[f.field as keyof Details] = withoutField(f.message);
  const reworded = account.map((f) =>
    f.field === "password" ? { ...f, message: `Your password ${f.message.replace(/^[\w.]+: /, "")}` } : f,
  );
  return { details, account: { message: error.message, fields: reworded } };
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

function DetailsStep(props: {
  details: Details;
  errors: Errors;
  onChange: (d: Details) => void;
  onNext: () => void;
  onSignIn: () => void;
}) {
  const { details } = props;
  const set = (key: keyof Details) => (value: string) => props.onChange({ ...details, [key]: value });
  const submission = useSubmit(() => undefined, {
    fields: kDetailIds,
    validate: () => checkDetails(details),
    initial: props.errors,
    onDone: props.onNext,
  });
  const errors = submission.fields;
  return (
    <form class="form" onSubmit={submission.onSubmit} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Your details</h2>
      <ErrorSummary submission={submission} />
      <p class="meta">
        The clinic uses these to prepare your consultation. All fields are required unless marked optional. Been here
        before?{" "}
        <button type="button" class="link-button" onClick={props.onSignIn}>
          Sign in instead
        </button>
      </p>
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
      <Field id="phone" label="Phone (optional)" hint="So the clinic can call you about your visit" error={errors.phone}>
        {(a) => <Input {...a} type="tel" value={details.phone ?? ""} onValue={set("phone")} autocomplete="tel" />}
      </Field>
      <div class="actions">
        <button class="button" type="submit">
          Continue
        </button>
      </div>
    </form>
  );
}

function SignUpForm(props: { details: Details; onDone: (patientId: number) => void; onDetailsErrors: (e: Errors) => void }) {
  const { signUp } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submission = useSubmit(
    () => {
      const d = props.details;
      return signUp({ ...d, phone: d.phone?.trim() || undefined, email: email.trim(), password });
    },
    {
      fields: { email: "signup-email", password: "signup-password" },
      validate: () => checkAccount(email, password),
      refusal: (error) => {
        const { details, account } = splitSignUpErrors(error);
        if (Object.keys(details).length === 0) return account;
        props.onDetailsErrors(details); // back to the details step, which shows them
        return null;
      },
      onDone: (made) => props.onDone(made.patient.id),
    },
  );
  const errors = submission.fields;
  const busy = submission.pending;
  return (
    <form class="form" onSubmit={submission.onSubmit} noValidate aria-label="Create an account">
      <ErrorSummary submission={submission} title="Your account is not created yet." />
      <Field id="signup-email" label="Email" hint="You sign in with it; the clinic writes to it about your visits." error={errors.email}>
        {(a) => <Input {...a} type="email" value={email} onValue={setEmail} autocomplete="email" autoCapitalize="none" />}
      </Field>
      <PasswordField
        id="signup-password"
        label="Choose a password"
        hint={`At least ${kMinPassword} characters. A few unrelated words make a strong password that is easy to remember; no symbols needed.`}
        value={password}
        onValue={setPassword}
        purpose="new-password"
        error={errors.password}
      />
      <div class="actions">
        <button class="button" type="submit" disabled={busy}>
          {busy ? "Creating your account…" : "Create account and continue"}
        </button>
      </div>
    </form>
  );
}

function AccountStep(props: {
  mode: "new" | "existing";
  onMode: (m: "new" | "existing") => void;
  details: Details;
  onPatient: (patientId: number) => void;
  onDetailsErrors: (e: Errors) => void;
  onBack: () => void;
}) {
  const [refused, setRefused] = useState<Error | null>(null);
  const signedIn = (s: Session) => {
    if (s.account.patient_id === null) setRefused(new Error("This is a staff account. Patients book with their own account."));
    else props.onPatient(s.account.patient_id);
  };
  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Create an account or sign in</h2>
      <p class="meta">With an account you can see, move or cancel your visits and fill in your questionnaires.</p>
      <fieldset class="inline-form choice">
        <legend class="legend">Do you have an account with us?</legend>
        <label class="check">
          <input type="radio" name="account-mode" checked={props.mode === "new"} onChange={() => props.onMode("new")} />
          No, create one
        </label>
        <label class="check">
          <input type="radio" name="account-mode" checked={props.mode === "existing"} onChange={() => props.onMode("existing")} />
          Yes, sign in
        </label>
      </fieldset>
      <div class="card">
        {props.mode === "new" ? (
          <SignUpForm details={props.details} onDone={props.onPatient} onDetailsErrors={props.onDetailsErrors} />
        ) : (
          <>
            {refused && <ErrorNotice error={refused} />}
            <LoginForm onDone={signedIn} submitText="Sign in and continue" />
          </>
        )}
      </div>
      <div class="actions">
        <button class="button button-secondary" type="button" onClick={props.onBack}>
          Back to your details
        </button>
      </div>
    </section>
  );
}

function ConfirmStep(props: {
  location: Location;
  slot: Slot;
  who: string;
  busy: boolean;
  onBook: () => void;
}) {
  const { location, slot } = props;
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
        <dt>For</dt>
        <dd>{props.who}</dd>
      </dl>
      <div class="actions">
        <button class="button" type="button" onClick={props.onBook} disabled={props.busy}>
          {props.busy ? "Booking…" : "Book consultation"}
        </button>
      </div>
    </section>
  );
}

// The details outlive a change of time (an alternative after a taken slot);
// the patient is whoever is signed in, so a second try does not register twice.
interface Person {
  details: Details;
  setDetails: (d: Details) => void;
}

function Booking({ location, start, person }: { location: Location; start: string; person: Person }) {
  const { session } = useSession();
  const patientId = session?.account.patient_id ?? null;
  const { details, setDetails } = person;
  const [chosen, setStep] = useState<StepId>(patientId === null ? "details" : "confirm");
  // Confirming needs a signed-in patient: after a session ended, sign in again first.
  const step = chosen === "confirm" && patientId === null ? "account" : chosen;
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [errors, setErrors] = useState<Errors>({});
  const [alternatives, setAlternatives] = useState<Slot[]>([]);
  // One key per chosen time: a retry after a lost answer cannot book twice.
  const key = useMemo(newIdempotencyKey, [start]);
  const [state, retry] = useRequest(
    (signal) => getAvailability({ location: location.id, type: kConsultation, from: start, to: start.slice(0, 10) }, signal),
    [location.id, start],
  );

  const next = () => {
    setErrors({});
    setStep("account");
  };
  const booking = useSubmit(
    (id: number) => bookAppointment({ patient_id: id, location: location.id, type: kConsultation, start }, key),
    {
      refusal: (error) => {
        setAlternatives(error.problem?.alternatives ?? []);
        return { message: error.message, fields: error.fields };
      },
      // Booking a consultation assigns the intake questionnaires: they come next.
      onDone: (appointment) => navigate(`/questionnaires?booked=${appointment.id}`),
    },
  );

  if (session && patientId === null)
    return (
      <div class="notice notice-warning" role="status">
        <p>
          You are signed in with a staff account ({session.account.name}). Patients book here with their own account; sign
          out first to book as a patient.
        </p>
      </div>
    );

  return (
    <Loaded state={state} what="the chosen time" retry={retry}>
      {(availability) => {
        const slot = availability.slots.find((s) => s.start === start);
        if (!slot && !booking.failed)
          return (
            <div class="notice notice-warning" role="alert">
              <p>This time is no longer free.</p>
              <Link href={`/clinics/${location.id}`}>Choose another time</Link>
            </div>
          );
        return (
          <>
            <Steps current={step} />
            <ErrorSummary submission={booking} title="Your consultation is not booked yet." />
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
            {step === "details" && (
              <DetailsStep details={details} errors={errors} onChange={setDetails} onNext={next}
                onSignIn={() => { setMode("existing"); setStep("account"); }} />
            )}
            {step === "account" && (
              <AccountStep
                mode={mode}
                onMode={setMode}
                details={details}
                onPatient={() => setStep("confirm")}
                onDetailsErrors={(e) => { setErrors(e); setStep("details"); }}
                onBack={() => setStep("details")}
              />
            )}
            {step === "confirm" && slot && patientId !== null && (
              <ConfirmStep location={location} slot={slot} busy={booking.pending} onBook={() => booking.run(patientId)}
                who={`${session?.account.name} (${session?.account.email})`} />
            )}
          </>
        );
      }}
    </Loaded>
  );
}

export function BookPage({ location: id, start: asked }: { location: string; start: string }) {
  const { state: session } = useSession();
  const [state, retry] = useRequest((signal) => getLocation(id, signal), [id]);
  const start = Number.isNaN(Date.parse(asked)) ? "" : asked;
  const [details, setDetails] = useState<Details>(kEmpty);
  const person = { details, setDetails };
  return (
    <Loaded state={state} what="the clinic" retry={retry}>
      {(location) => (
        <Page title="Book a consultation" lead={`${location.name}, ${start ? dateTime(start, location.time_zone) : ""}`}>
          {!start ? (
            <Link href={`/clinics/${id}`}>Choose a time first</Link>
          ) : session.status === "checking" ? (
            <Loading what="your account" />
          ) : (
            <Booking key={start} location={location} start={start} person={person} />
          )}
        </Page>
      )}
    </Loaded>
  );
}
