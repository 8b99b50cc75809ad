// Shapes of the API's JSON (src/http/openapi.json). Instants are ISO 8601
// strings written in the location's time zone with their offset.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
  alternatives?: Slot[];
}

export interface Slot {
  start: string;
  end: string;
}

export type Weekday = "sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat";

export interface Location {
  id: string;
  name: string;
  address: { line1: string; city: string; region: string; postal_code: string; country: string };
  phone: string;
  time_zone: string;
  position: { lat: number; lon: number };
  hours: Record<Weekday, string[]>;
  closures: { date: string; reason: string }[];
  resources: { id: string; name: string; kind: string }[];
}

export interface NearestResult {
  from: { label: string; lat: number; lon: number };
  locations: { location: Location; distance_miles: number; next_free_consultation: Slot | null }[];
}

export interface AppointmentType {
  id: string;
  name: string;
  visit_minutes: number;
  modes: string[];
}

export interface Availability {
  location: string;
  type: string;
  mode: string;
  time_zone: string;
  from: string;
  to: string;
  slots: Slot[];
}

export interface BookingPolicy {
  slot_step_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  cancel_notice_minutes: number;
  reschedule_notice_minutes: number;
  max_query_days: number;
}

export type Sex = "female" | "male" | "other" | "unknown";

export interface PatientInput {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: Sex;
  email?: string;
  phone?: string;
}

export interface Patient extends PatientInput {
  id: number;
  version: number;
  weight?: string | null; // "70.0kg"
}

export interface SignUpInput extends PatientInput {
  email: string;
  password: string;
}

// The permission names of docs/security.md.
export type Permission =
  | "account_self" | "self_service" | "schedule_read" | "schedule_write" | "demographics_read" | "demographics_write"
  | "flags_view" | "clinical_read" | "clinical_write" | "clinical_signoff" | "pharm_simulate" | "api_tokens"
  | "admin_users" | "admin_settings" | "audit_read";

export interface Session {
  account: {
    id: number;
    email: string;
    name: string;
    roles: string[];
    locations: string[];
    patient_id: number | null;
  };
  kind: "patient" | "staff";
  via: "session" | "token";
  permissions: Permission[];
  csrf_token: string | null;
}

export interface SignUpResult {
  patient: Patient;
  session: Session;
}

export type Status = "booked" | "checked_in" | "in_progress" | "completed" | "cancelled" | "no_show";

export interface BookingRequest {
  patient_id: number;
  location: string;
  type: string;
  start: string;
  reason?: string;
}

export interface ChangeRequest {
  status?: Status;
  start?: string;
  reason?: string;
}

export interface Reservation extends Slot {
  kind: string;
  id: string;
  name: string;
  roles?: string[];
}

export interface AppointmentEvent {
  at: string;
  action: string;
  reason: string;
  from_status?: Status;
  to_status?: Status;
  from?: Slot;
  to?: Slot;
}

export interface Appointment extends Slot {
  id: number;
  patient_id: number;
  location: string;
  type: string;
  mode: string;
  status: Status;
  time_zone: string;
  series_id: number | null;
  resources: Reservation[];
  version: number;
  history?: AppointmentEvent[];
  links: { self: string; ics: string };
}

export interface BoardAppointment extends Slot {
  id: number;
  status: Status;
  type: string;
  mode: string;
  patient?: { id: number; name: string; safety_flag?: boolean };
}

export interface BoardLane {
  id: string;
  name: string;
  kind?: string;
  roles?: string[];
  shifts?: Slot[];
  appointment_ids: number[];
}

export interface DayBoard {
  location: string;
  date: string;
  time_zone: string;
  open: Slot[];
  resources: BoardLane[];
  clinicians: BoardLane[];
  appointments: BoardAppointment[];
}

export interface Range {
  min: number | null;
  max: number | null;
  source: string;
}

export interface PharmModel {
  id: string;
  name: string;
  drug: string;
  citation: string;
  population: string;
  notes: string;
  default: boolean;
  validity: { weight_kg: Range; age_y: Range };
  effect_site: { kind?: "published" | "assumed" | "none"; ke0_per_min?: number | null; source: string; assumed?: boolean };
  variability: { published: boolean; cv: Record<string, number>; sources: Record<string, string> };
}

export interface PharmModels {
  default: string;
  models: PharmModel[];
}

export interface SimulationRequest {
  model: string;
  weight_kg: number;
  dose_mg_per_kg: number;
  duration_min: number;
  until_min?: number;
  population?: { n?: number; seed?: number; percentiles?: number[]; cv?: number };
}

export interface Simulation {
  model: PharmModel;
  patient: { weight_kg: number; age_y: number | null };
  regimen: { dose_mg: number; dose_mg_per_kg: number; duration_min: number; rate_mg_per_h: number };
  summary: {
    cmax_ng_ml: number;
    tmax_min: number;
    ce_max_ng_ml: number | null;
    c_end_infusion_ng_ml: number | null;
    auc_ng_h_ml: number;
    threshold_ng_ml: number | null;
    time_above_threshold_min: number | null;
    nmda_occupancy_max: number;
  };
  series: { t_min: number[]; cp_ng_ml: number[]; ce_ng_ml: number[] | null; nmda_occupancy: number[] };
  receptor: { note: string; ki_um: number; ki_source: string };
  reference_ranges: { name: string; low_ng_ml: number; high_ng_ml: number; source: string }[];
  population: {
    patients: number;
    percentiles: number[];
    bands: { percentile: number; cp_ng_ml: number[]; ce_ng_ml: number[] | null }[];
    metrics: Record<string, { values: number[]; mean: number }>;
    variability: { cv: Record<string, number>; assumed: boolean; source: string };
  } | null;
  note: string;
}

// Questionnaires (docs/instruments.md): definitions, assignments, submissions.
export interface InstrumentItem {
  link_id: string;
  prefix: string;
  label: string;
  text?: string; // only where the licence allows shipping the item text
  type: "choice" | "boolean" | "integer";
  required: boolean;
  min: number | null;
  max: number | null;
  options?: { value: number; display: string }[];
  enable_when?: { question: string; equals: number | boolean };
}

export interface Instrument {
  id: string;
  title: string;
  name: string;
  version: string;
  description: string;
  administration: "self_report" | "clinician";
  copyright: string;
  licence: { item_text: "shipped" | "withheld"; note: string };
  items: InstrumentItem[];
  max_total: number | null;
}

export interface Assignment {
  id: number;
  patient_id: number;
  instrument: string;
  title: string | null;
  completed_by: "patient" | "clinician";
  reason: "intake" | "staff";
  due: string | null;
  appointment_id: number | null;
  created_at: string;
  status: "open" | "submitted";
  submission_id: number | null;
}

export interface Score {
  complete: boolean;
  total: number | null;
  max_total: number | null;
  prorated: boolean;
  band: { id: string; label: string } | null;
  criteria: { id: string; label: string; met: boolean | null; source: string }[];
  risk: { id: string; label: string; action: string; lower_bound: boolean } | null;
  missing: string[];
  notes: string[];
}

export interface CrisisResources {
  message: string;
  region: string;
  resources: { id: string; name: string; instructions: string; url: string | null }[];
}

export interface Flag {
  id: number;
  patient_id: number;
  submission_id: number;
  instrument: string;
  kind: string;
  severity: string;
  trigger: string;
  reason: string;
  source: string;
  requires_acknowledgement: boolean;
  raised_at: string;
  status: "open" | "acknowledged";
  acknowledgement: { staff: string; at: string; action_taken: string; actor: { kind: string; id: string } } | null;
}

export interface FlagSummary {
  id: number;
  patient: { id: number; name: string };
  severity: string;
  raised_at: string;
  status: "open" | "acknowledged";
}

export interface SubmissionResult {
  id: number;
  assignment_id: number;
  instrument: string;
  score: Score;
  flags: Flag[];
  crisis_resources?: CrisisResources;
}

export interface TrendPoint {
  submission_id: number;
  answered_at: string;
  total: number;
  band: { id: string; label: string } | null;
  is_baseline: boolean;
  change: number | null;
  percent_change: number | null;
  response: boolean | null;
  remission: boolean | null;
}

export interface Trend {
  patient_id: number;
  instrument: string;
  title: string;
  max_total: number;
  rules: {
    response?: { kind: "percent_reduction" | "point_reduction"; at_least: number; source: string };
    remission?: { operator: string; threshold: number; source: string };
  };
  baseline_submission_id: number | null;
  points: TrendPoint[];
  notes: string[];
}

export interface ScreeningReason {
  rule_id: string;
  kind: string;
  reason: string;
  source: string;
  unknown: boolean;
}

export interface Screening {
  id: number;
  patient_id: number;
  created_at: string;
  facts: Record<string, unknown>;
  proposal: { outcome: string; rule_set_version: string; reasons: ScreeningReason[] };
  decision: { decision: string; prescriber: string; note: string; overrides_proposal: boolean; decided_at: string } | null;
}

export interface AcknowledgementInput {
  staff?: string;
  action_taken: string;
}

export interface ScreeningInput {
  treatment: string;
  pregnant?: boolean;
  systolic_mmhg?: number;
  diastolic_mmhg?: number;
  medications?: { name: string; classes: string[] }[];
}

export interface DecisionInput {
  decision: string;
  prescriber?: string;
  note: string;
}
