// The simulator's dose-policy pieces: the override reason is asked for on a soft cap only, sent only when
// it says something, strong warnings look different from cautions, and the benchmark is stated in numbers.
import { describe, expect, it } from "vitest";
import {
  asksForOverride,
  benchmarkSentence,
  type Benchmark,
  type PredictionWarning,
  warningClass,
  warningTitle,
  withOverrideReason,
} from "../src/features/simulator/dose-policy";

const base = { model: "domino", weight_kg: 70, dose_mg_per_kg: 1, duration_min: 40 };

describe("override reason", () => {
  it("is asked for on a soft cap, not on a hard one or other refusals", () => {
    expect(asksForOverride("dose_needs_override")).toBe(true);
    expect(asksForOverride("dose_above_hard_cap")).toBe(false);
    expect(asksForOverride("implausible_dose")).toBe(false);
  });

  it("goes into the request trimmed, and not at all when blank", () => {
    expect(withOverrideReason(base, "  escalation approved  ")).toEqual({ ...base, override_reason: "escalation approved" });
    expect(withOverrideReason(base, "   ")).toEqual(base);
    expect(withOverrideReason(base, "")).not.toHaveProperty("override_reason");
  });
});

describe("warnings", () => {
  const warning = (code: string, severity: "caution" | "strong"): PredictionWarning => ({
    code, severity, field: "cmax", message: "cmax: ...", value: 1300, low: 1200, high: 2400,
  });
  it("shows a strong one as an error and a caution as a warning", () => {
    expect(warningClass(warning("reaches_alert_range", "strong"))).toContain("notice-error");
    expect(warningClass(warning("above_display_range", "caution"))).toContain("notice-warning");
    expect(warningTitle(warning("reaches_alert_range", "strong"))).toBe("Anaesthetic range");
    expect(warningTitle(warning("above_display_range", "caution"))).toBe("Above the dissociation range");
  });
});

describe("benchmark", () => {
  const benchmark = (predicted: number): Benchmark => ({
    id: "depression_protocol", title: "t", source: "s", predicted_ng_ml: predicted, measured_ng_ml: 185,
    deviation_fraction: (predicted - 185) / 185, text: "",
  });
  it("states the prediction, the measurement and the signed deviation", () => {
    expect(benchmarkSentence(benchmark(240.4))).toBe("This model predicts 240 ng/mL where 185 ng/mL was measured (+30 %).");
    expect(benchmarkSentence(benchmark(150))).toBe("This model predicts 150 ng/mL where 185 ng/mL was measured (−19 %).");
    expect(benchmarkSentence(benchmark(185))).toBe("This model predicts 185 ng/mL where 185 ng/mL was measured (±0 %).");
  });
});
