// Names for the API's JSON shapes. The shapes themselves are generated from
// src/http/openapi.json into openapi.gen.ts (npm run gen:api; `npm run
// check:api` fails when it is stale): this file only names them, and the
// parts of them the app passes around, so nothing here can drift from the
// document.
import type { components, operations } from "./openapi.gen";

type S = components["schemas"];
// The JSON body of an operation's answer with the given status.
type Answer<Op extends keyof operations, Status extends number = 200> = operations[Op]["responses"] extends Record<
  Status,
  { content: { "application/json": infer Body } }
>
  ? Body
  : never;

export type Problem = S["Problem"];
export type FlagInbox = S["FlagInbox"];
export type InboxFlag = S["InboxFlag"];
export type Slot = S["Slot"];
export type Location = S["Location"];
export type Weekday = keyof Location["hours"];
export type NearestResult = S["Nearest"];
export type AppointmentType = S["AppointmentType"];
export type Availability = S["Availability"];
export type BookingPolicy = S["BookingPolicy"];

export type PatientInput = S["PatientInput"];
export type Sex = PatientInput["sex"];
export type Patient = S["Patient"];
export type SignUpInput = S["SignUpRequest"];
export type SignUpResult = Answer<"signUp", 201>;
export type Session = S["Session"];
export type Permission = Exclude<Session["permissions"][number], "public">;

export type Appointment = S["Appointment"];
export type Status = S["AppointmentStatus"];
export type AppointmentEvent = S["AppointmentEvent"];
export type Reservation = Appointment["resources"][number];
export type BookingRequest = S["BookingRequest"];
export type ChangeRequest = S["ChangeRequest"];
export type DayBoard = S["DayBoard"];
export type BoardAppointment = DayBoard["appointments"][number];
export type ResourceLane = DayBoard["resources"][number];
export type ClinicianLane = DayBoard["clinicians"][number];
export type BoardLane = ResourceLane | ClinicianLane;

export type PharmModel = S["PharmModel"];
export type PharmModels = Answer<"listPharmModels">;
export type SimulationRequest = S["SimulationRequest"];
export type Simulation = S["Simulation"];

export type Instrument = S["Instrument"];
export type InstrumentItem = Instrument["items"][number];
export type Assignment = S["Assignment"];
export type Score = S["Score"];
export type CrisisResources = S["CrisisResources"];
export type Flag = S["Flag"];
export type FlagSummary = S["FlagSummary"];
export type SubmissionResult = S["SubmissionRecorded"];
export type Trend = S["Trend"];
export type TrendPoint = Trend["points"][number];
export type Screening = S["Screening"];
export type ScreeningReason = Screening["proposal"]["reasons"][number];
export type AcknowledgementInput = S["AcknowledgementInput"];
export type ScreeningInput = S["ScreeningInput"];
export type DecisionInput = S["DecisionInput"];

export type Account = S["Account"];
export type Role = Account["roles"][number];
export type UserRequest = S["UserRequest"];
export type UserChange = S["UserPatch"];
export type CreatedUser = Answer<"createUser", 201>;
export type StaffRecord = S["StaffRecord"];
export type AuditEntry = S["AuditEntry"];
export type AuditPage = Answer<"queryAudit">;
export type AuditQuery = NonNullable<operations["queryAudit"]["parameters"]["query"]>;
