// Appointments: book (with an idempotency key), read, change status or time,
// the calendar file, and a location's day board.
import { request } from "./http";
import type * as T from "./schema";

export const bookAppointment = (input: T.BookingRequest, idempotencyKey: string) =>
  request<T.Appointment>("POST", "/api/v1/appointments", { body: input, idempotencyKey });

export const getAppointment = (id: number, signal?: AbortSignal) =>
  request<T.Appointment>("GET", `/api/v1/appointments/${id}`, { signal });

export const changeAppointment = (id: number, change: T.ChangeRequest) =>
  request<T.Appointment>("PATCH", `/api/v1/appointments/${id}`, { body: change });

// getAppointmentCalendar: a link for the browser to follow, not a fetch.
export const appointmentCalendarUrl = (id: number) => `/api/v1/appointments/${id}.ics`;

export const getDaySchedule = (location: string, date: string, signal?: AbortSignal) =>
  request<T.DayBoard>("GET", "/api/v1/schedule", { query: { location, date }, signal });
