// Clinic locations: the list, one location, the nearest to a ZIP, city or point.
import { request } from "./http";
import type * as T from "./schema";

export const listLocations = (signal?: AbortSignal) =>
  request<{ locations: T.Location[] }>("GET", "/api/v1/locations", { signal }).then((r) => r.locations);

export const getLocation = (id: string, signal?: AbortSignal) =>
  request<T.Location>("GET", `/api/v1/locations/${encodeURIComponent(id)}`, { signal });

export const nearestLocations = (origin: { zip?: string; city?: string; lat?: number; lon?: number }, signal?: AbortSignal) =>
  request<T.NearestResult>("GET", "/api/v1/locations/nearest", { query: origin, signal });
