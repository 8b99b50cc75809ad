// The clinic's dose caps and the prediction's warnings in the simulator, as pure
// functions (docs/dose-policy.md): when the API asks for an override reason, how
// the reason goes into the request, how loudly a warning is shown, and the
// model's deviation from the measured benchmark in words.
import type { Simulation, SimulationRequest } from "../../api/schema";

export type PredictionWarning = Simulation["warnings"][number];
export type Benchmark = Simulation["benchmarks"][number];

// A soft cap refused the dose: the form asks for a reason (a hard cap cannot be overridden).
export const asksForOverride = (code: string) => code === "dose_needs_override";

// The reason goes with the request only when it says something.
export function withOverrideReason(request: SimulationRequest, reason: string): SimulationRequest {
  const said = reason.trim();
  return said ? { ...request, override_reason: said } : request;
}

// A peak in the anaesthetic range is an alert; above the dissociation range a caution.
export function warningClass(w: PredictionWarning): string {
  return w.severity === "strong" ? "notice notice-error" : "notice notice-warning";
}

export function warningTitle(w: PredictionWarning): string {
  if (w.code === "reaches_alert_range") return "Anaesthetic range";
  if (w.code === "above_display_range") return "Above the dissociation range";
  return "Warning";
}

// "This model predicts 240 ng/mL where 185 ng/mL was measured (+30 %)."
export function benchmarkSentence(b: Benchmark): string {
  const percent = Math.round(b.deviation_fraction * 100);
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "±";
  return `This model predicts ${Math.round(b.predicted_ng_ml)} ng/mL where ${b.measured_ng_ml} ng/mL was measured (${sign}${Math.abs(percent)} %).`;
}
