// The infusion simulator for clinicians: a published PK model, the patient's
// weight, the dose and its duration -> predicted plasma (Cp) and effect-site
// (Ce) concentrations over time with the range across virtual patients, the
// dissociation range shaded, illustrative NMDA occupancy, the numbers, and
// every assumption the prediction rests on (POST /api/v1/pharm/simulate). The
// clinic's dose caps refuse a dose (docs/dose-policy.md): above a soft cap the
// form asks for an override reason; warnings and the model's deviation from the
// measured benchmark sit above the chart.
import { useEffect, useMemo, useState } from "preact/hooks";
import { listPharmModels, simulateInfusion } from "../../api/pharm";
import type { PharmModel, PharmModels, Simulation, SimulationRequest } from "../../api/schema";
import { Chart, type ChartSpec } from "../../components/chart";
import { Field, Input } from "../../components/field";
import { Page } from "../../components/page";
import { Loaded, Loading } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { useSubmit } from "../../lib/useSubmit";
import { ErrorSummary } from "../../components/error-summary";
import { asksForOverride, benchmarkSentence, warningClass, warningTitle, withOverrideReason } from "./dose-policy";

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
// A metric the engine could not compute (null) shows as "not reached".
const fmt = (v: number | null, digits = 0) =>
  v === null ? "not reached" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Form {
  model: string;
  weight: string;
  dose: string;
  duration: string;
  population: boolean;
  cv: string; // percent, only for models without published variability
  overrideReason: string; // why a dose above a soft cap is intended
}

function request(form: Form, model: PharmModel | undefined): SimulationRequest {
  const r: SimulationRequest = {
    model: form.model,
    weight_kg: Number(form.weight),
    dose_mg_per_kg: Number(form.dose),
    duration_min: Number(form.duration),
  };
  if (form.population) {
    r.population = { n: 500, seed: 1, percentiles: [5, 50, 95] };
    if (model && !model.variability.published) r.population.cv = Number(form.cv) / 100;
  }
  return withOverrideReason(r, form.overrideReason);
}

function concentrationSpec(sim: Simulation): ChartSpec {
  const lines: ChartSpec["lines"] = [
    { label: "Plasma (Cp), typical patient", values: sim.series.cp_ng_ml, color: css("--chart-cp"), width: 2.5 },
  ];
  if (sim.series.ce_ng_ml) lines.push({ label: "Effect site (Ce)", values: sim.series.ce_ng_ml, color: css("--chart-ce"), dash: [8, 5] });
  const bands: ChartSpec["bands"] = [];
  const pop = sim.population;
  if (pop && pop.bands.length >= 2) {
    const upper = lines.push({ label: `Cp p${pop.bands[pop.bands.length - 1].percentile}`, values: pop.bands[pop.bands.length - 1].cp_ng_ml, color: "", hidden: true }) - 1;
    const lower = lines.push({ label: `Cp p${pop.bands[0].percentile}`, values: pop.bands[0].cp_ng_ml, color: "", hidden: true }) - 1;
    bands.push({ upper, lower, fill: css("--chart-band") });
  }
  return {
    x: sim.series.t_min,
    xLabel: "Time (min)",
    yLabel: "ng/mL",
    lines,
    bands,
    ranges: sim.reference_ranges.map((r) => ({ low: r.low_ng_ml, high: r.high_ng_ml, fill: css("--chart-range") })),
    height: 320,
  };
}

function occupancySpec(sim: Simulation): ChartSpec {
  return {
    x: sim.series.t_min,
    xLabel: "Time (min)",
    yLabel: "% of receptors",
    lines: [{ label: "NMDA occupancy", values: sim.series.nmda_occupancy.map((v) => v * 100), color: css("--chart-occupancy") }],
    yMax: 100,
    height: 170,
  };
}

function Summary({ sim }: { sim: Simulation }) {
  const s = sim.summary;
  const pop = sim.population;
  const cmax = pop?.metrics.cmax_ng_ml;
  return (
    <dl class="stats" aria-label="Summary">
      <div class="stat">
        <dt>Peak plasma level</dt>
        <dd data-testid="cmax">
          {fmt(s.cmax_ng_ml)} ng/mL<small>typical patient, at {fmt(s.tmax_min)} min</small>
        </dd>
      </div>
      {s.ce_max_ng_ml !== null && (
        <div class="stat">
          <dt>Peak effect-site level</dt>
          <dd>{fmt(s.ce_max_ng_ml)} ng/mL</dd>
        </div>
      )}
      {cmax && pop && (
        <div class="stat">
          <dt>Peak across {pop.patients} virtual patients</dt>
          <dd>
            {fmt(cmax.values[0])}–{fmt(cmax.values[cmax.values.length - 1])} ng/mL
            <small>
              p{pop.percentiles[0]}–p{pop.percentiles[pop.percentiles.length - 1]}
            </small>
          </dd>
        </div>
      )}
      {s.time_above_threshold_min !== null && s.threshold_ng_ml !== null && (
        <div class="stat">
          <dt>Time above {fmt(s.threshold_ng_ml)} ng/mL</dt>
          <dd>{fmt(s.time_above_threshold_min)} min</dd>
        </div>
      )}
      <div class="stat">
        <dt>Peak NMDA occupancy</dt>
        <dd>
          {fmt(s.nmda_occupancy_max * 100)} %<small>illustrative</small>
        </dd>
      </div>
      <div class="stat">
        <dt>Dose and pump rate</dt>
        <dd>
          {fmt(sim.regimen.dose_mg, 1)} mg<small>{fmt(sim.regimen.rate_mg_per_h, 1)} mg/h for {fmt(sim.regimen.duration_min)} min</small>
        </dd>
      </div>
    </dl>
  );
}

function DataTable({ sim }: { sim: Simulation }) {
  const every = Math.max(1, Math.round(10 / (sim.series.t_min[1] - sim.series.t_min[0] || 1)));
  const rows = sim.series.t_min.map((t, i) => ({ t, i })).filter(({ i }) => i % every === 0);
  const pop = sim.population;
  const lo = pop?.bands[0];
  const hi = pop?.bands[pop.bands.length - 1];
  return (
    <details>
      <summary>Show the numbers (every 10 minutes)</summary>
      <div class="table-wrap" role="region" aria-label="Predicted concentrations" tabIndex={0}>
        <table>
          <caption>Predicted concentrations, typical patient{pop ? " and the range across virtual patients" : ""}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">Time (min)</th>
              <th scope="col" class="num">Cp (ng/mL)</th>
              {sim.series.ce_ng_ml && <th scope="col" class="num">Ce (ng/mL)</th>}
              {lo && hi && <th scope="col" class="num">Cp p{lo.percentile}–p{hi.percentile} (ng/mL)</th>}
              <th scope="col" class="num">NMDA occupancy (%)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ t, i }) => (
              <tr key={t}>
                <th scope="row" class="num">{fmt(t)}</th>
                <td class="num">{fmt(sim.series.cp_ng_ml[i], 1)}</td>
                {sim.series.ce_ng_ml && <td class="num">{fmt(sim.series.ce_ng_ml[i], 1)}</td>}
                {lo && hi && <td class="num">{fmt(lo.cp_ng_ml[i], 1)}–{fmt(hi.cp_ng_ml[i], 1)}</td>}
                <td class="num">{fmt(sim.series.nmda_occupancy[i] * 100, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

// The warnings, the overridden caps and how far the model is from a measurement.
function Notes({ sim }: { sim: Simulation }) {
  const overridden = sim.dose_policy.findings;
  return (
    <div data-testid="notes">
      {sim.warnings.map((w) => (
        <div key={w.code} class={warningClass(w)} role="status" data-testid={`warning-${w.severity}`}>
          <p class="notice-title">{warningTitle(w)}</p>
          <p>{w.message}</p>
        </div>
      ))}
      {overridden.length > 0 && (
        <div class="notice notice-warning" role="status" data-testid="overridden">
          <p class="notice-title">Above the clinic's dose policy, overridden</p>
          <ul>
            {overridden.map((f) => (
              <li key={f.cap}>{f.message}</li>
            ))}
          </ul>
          <p>Reason: {sim.dose_policy.override_reason}</p>
        </div>
      )}
      {sim.benchmarks.map((b) => (
        <p key={b.id} class="meta" data-testid="benchmark">
          {benchmarkSentence(b)} Benchmark: {b.title}. {b.source}
        </p>
      ))}
    </div>
  );
}

function Result({ sim }: { sim: Simulation }) {
  const concentration = useMemo(() => concentrationSpec(sim), [sim]);
  const occupancy = useMemo(() => occupancySpec(sim), [sim]);
  const range = sim.reference_ranges[0];
  const pop = sim.population;
  return (
    <section aria-labelledby="result-heading" data-testid="simulation">
      <h2 id="result-heading" class="visually-hidden">
        Prediction
      </h2>
      <Notes sim={sim} />
      <Summary sim={sim} />
      <figure class="chart">
        <Chart
          spec={concentration}
          label={`Predicted ketamine concentration over ${fmt(sim.series.t_min[sim.series.t_min.length - 1])} minutes; peak ${fmt(sim.summary.cmax_ng_ml)} ng/mL at ${fmt(sim.summary.tmax_min)} min.`}
        />
        <ul class="legend-list" aria-label="Chart legend">
          <li><span class="swatch" style={{ background: css("--chart-cp") }} />Plasma (Cp), typical patient</li>
          {sim.series.ce_ng_ml && <li><span class="swatch swatch-dashed" style={{ background: css("--chart-ce") }} />Effect site (Ce){sim.model.effect_site.assumed ? ", assumed ke0" : ""}</li>}
          {pop && <li><span class="swatch" style={{ background: css("--chart-band") }} />Cp range, p{pop.percentiles[0]}–p{pop.percentiles[pop.percentiles.length - 1]} of {pop.patients} virtual patients</li>}
          {range && <li><span class="swatch" style={{ background: css("--chart-range"), border: "1px solid #9bbcbc" }} />{fmt(range.low_ng_ml)}–{fmt(range.high_ng_ml)} ng/mL: {range.name}</li>}
        </ul>
        <figcaption>Model: {sim.model.name}. Time runs from the start of the infusion. {sim.note}</figcaption>
      </figure>
      <figure class="chart">
        <Chart spec={occupancy} label={`Illustrative NMDA receptor occupancy; peak ${fmt(sim.summary.nmda_occupancy_max * 100)} %.`} />
        <figcaption>NMDA receptor occupancy from the unbound plasma level: {sim.receptor.note}.</figcaption>
      </figure>
      <DataTable sim={sim} />
      <h3>Assumptions and sources</h3>
      <ul class="sources">
        <li>
          <strong>Model:</strong> {sim.model.citation}
        </li>
        <li>
          <strong>Effect site:</strong> {sim.model.effect_site.source}
        </li>
        {pop && (
          <li>
            <strong>Variability:</strong> {pop.variability.source} (CV{" "}
            {Object.entries(pop.variability.cv).map(([p, v]) => `${p} ${fmt(v * 100)} %`).join(", ")}).
          </li>
        )}
        {range && (
          <li>
            <strong>Dissociation range:</strong> {range.source}
          </li>
        )}
        <li>
          <strong>Receptor affinity:</strong> Ki {sim.receptor.ki_um} µM, {sim.receptor.ki_source}
        </li>
        {sim.assumptions
          .filter((a) => a.code === "dose_as_base")
          .map((a) => (
            <li key={a.code}>
              <strong>Doses:</strong> {a.text}
            </li>
          ))}
      </ul>
    </section>
  );
}

// The request's fields (src/http/api_pharm.cpp) and the controls that set them.
const kFieldIds = {
  model: "sim-model",
  weight_kg: "sim-weight",
  dose_mg_per_kg: "sim-dose",
  duration_min: "sim-duration",
  "population.cv": "sim-cv",
  override_reason: "sim-override",
};

function Simulator({ catalogue }: { catalogue: PharmModels }) {
  const [form, setForm] = useState<Form>({ model: catalogue.default, weight: "70", dose: "0.5", duration: "40", population: true, cv: "30", overrideReason: "" });
  const [sim, setSim] = useState<Simulation | null>(null);
  const [askReason, setAskReason] = useState(false); // a soft cap refused the dose
  const model = catalogue.models.find((m) => m.id === form.model);
  const set = (key: keyof Form) => (value: string) => setForm({ ...form, [key]: value });
  const submission = useSubmit(
    () => {
      setSim(null); // no earlier prediction next to a form that changed
      return simulateInfusion(request(form, model));
    },
    {
      fields: kFieldIds,
      onDone: setSim,
      refusal: (error) => {
        if (asksForOverride(error.code)) setAskReason(true);
        return { message: error.message, fields: error.fields };
      },
    },
  );
  useEffect(() => void submission.run(), []);
  const errors = submission.fields;
  const w = model?.validity.weight_kg;
  return (
    <div class="sim-layout">
      <form class="form card" onSubmit={submission.onSubmit} noValidate aria-label="Infusion">
        <ErrorSummary submission={submission} title="The simulation could not run." />
        <Field id="sim-model" label="Model" error={errors.model}>
          {(a) => (
            <select {...a} class="input" value={form.model} onChange={(e) => set("model")((e.target as HTMLSelectElement).value)}>
              {catalogue.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.drug})
                </option>
              ))}
            </select>
          )}
        </Field>
        {model && (
          <p class="meta" data-testid="citation">
            {model.population}. <cite>{model.citation}</cite>
          </p>
        )}
        <Field id="sim-weight" label="Weight (kg)" hint={w && w.min !== null && w.max !== null ? `This model: ${w.min}–${w.max} kg` : undefined}
          error={errors.weight_kg}>
          {(a) => <Input {...a} type="number" inputMode="decimal" min="0.3" max="400" step="any" value={form.weight} onValue={set("weight")} required />}
        </Field>
        <Field id="sim-dose" label="Dose (mg/kg)" hint="ketamine base, as the vials are labelled" error={errors.dose_mg_per_kg}>
          {(a) => <Input {...a} type="number" inputMode="decimal" min="0" max="20" step="any" value={form.dose} onValue={set("dose")} required />}
        </Field>
        <Field id="sim-duration" label="Infusion duration (min)" error={errors.duration_min}>
          {(a) => <Input {...a} type="number" inputMode="numeric" min="1" max="1440" step="any" value={form.duration} onValue={set("duration")} required />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={form.population} onChange={(e) => setForm({ ...form, population: (e.target as HTMLInputElement).checked })} />
          Show the range across 500 virtual patients
        </label>
        {form.population && model && !model.variability.published && (
          <Field id="sim-cv" label="Assumed variability (CV %)" hint={`${model.name} publishes no between-patient variability: the band uses this assumed value.`}
            error={errors["population.cv"]}>
            {(a) => <Input {...a} type="number" inputMode="numeric" min="1" max="200" step="any" value={form.cv} onValue={set("cv")} required />}
          </Field>
        )}
        {(askReason || form.overrideReason) && (
          <Field id="sim-override" label="Override reason" hint="This dose is above a soft cap of the clinic's dose policy. Say why it is intended; a hard cap cannot be overridden."
            error={errors.override_reason}>
            {(a) => <Input {...a} type="text" value={form.overrideReason} onValue={set("overrideReason")} />}
          </Field>
        )}
        <button class="button" type="submit" disabled={submission.pending}>
          {submission.pending ? "Simulating…" : "Simulate"}
        </button>
      </form>
      <div>
        {submission.pending && <Loading what="the prediction" />}
        {sim && <Result sim={sim} />}
      </div>
    </div>
  );
}

export function SimulatorPage() {
  const [state, retry] = useRequest((signal) => listPharmModels(signal), []);
  return (
    <Page
      title="Infusion simulator"
      lead="Predicted ketamine levels for one IV infusion, from published models. Decision support for clinicians, not a measurement."
      wide
    >
      <Loaded state={state} what="the models" retry={retry}>
        {(catalogue) => <Simulator catalogue={catalogue} />}
      </Loaded>
    </Page>
  );
}
