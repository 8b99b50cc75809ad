// The pharmacology engine: its models and the infusion simulator.
import { request } from "./http";
import type * as T from "./schema";

export const listPharmModels = (signal?: AbortSignal) => request<T.PharmModels>("GET", "/api/v1/pharm/models", { signal });

export const simulateInfusion = (input: T.SimulationRequest, signal?: AbortSignal) =>
  request<T.Simulation>("POST", "/api/v1/pharm/simulate", { body: input, signal });
