// What can be booked: appointment types, free times, the booking policy.
import { request } from "./http";
import type * as T from "./schema";

export const listAppointmentTypes = (signal?: AbortSignal) =>
  request<{ appointment_types: T.AppointmentType[] }>("GET", "/api/v1/appointment-types", { signal }).then(
    (r) => r.appointment_types,
  );

export const getAvailability = (q: { location: string; type: string; from?: string; to?: string }, signal?: AbortSignal) =>
  request<T.Availability>("GET", "/api/v1/availability", { query: q, signal });

export const getBookingPolicy = (signal?: AbortSignal) => request<T.BookingPolicy>("GET", "/api/v1/booking-policy", { signal });
