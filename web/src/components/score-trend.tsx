// A questionnaire's totals over time (GET /api/v1/patients/{id}/scores):
// a uPlot chart with the remission zone shaded, the response threshold as a
// dashed line (from the baseline and the instrument's rule), and the points
// where response and remission are reached marked; then the same in a table,
// which is what assistive technology reads.
import type { Trend } from "../api/schema";
import { Chart, type ChartSpec } from "./chart";

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const day = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" }).format(new Date(iso));
const yesNo = (v: boolean | null) => (v === null ? "—" : v ? "Yes" : "No");

// The total at or below which a point counts as a response, given the baseline.
export function responseThreshold(trend: Trend): number | null {
  const rule = trend.rules.response;
  const baseline = trend.points.find((p) => p.is_baseline);
  if (!rule || !baseline || baseline.total === 0) return null;
  if (rule.kind === "percent_reduction") return baseline.total * (1 - rule.at_least / 100);
  return baseline.total - rule.at_least;
}

// "total < 5"
export function remissionText(trend: Trend): string | null {
  const r = trend.rules.remission;
  return r ? `total ${r.operator} ${r.threshold}` : null;
}

function spec(trend: Trend): ChartSpec {
  const x = trend.points.map((p) => Date.parse(p.answered_at) / 1000);
  const totals = trend.points.map((p) => p.total);
  const threshold = responseThreshold(trend);
  const lines: ChartSpec["lines"] = [{ label: "Total", values: totals, color: css("--chart-score"), width: 2.5, points: true }];
  // A ring for response and a dot inside it for remission, so a point that reached both shows both.
  lines.push({ label: "Response reached", values: trend.points.map((p) => (p.response ? p.total : null)), color: css("--chart-response"), pointsOnly: "ring" });
  lines.push({ label: "Remission reached", values: trend.points.map((p) => (p.remission ? p.total : null)), color: css("--chart-remission"), pointsOnly: "dot" });
  const remission = trend.rules.remission;
  // A few days either side, so that one point or points on one day still sit inside a readable date axis.
  const pad = Math.max(3 * 86400, (x[x.length - 1] - x[0]) * 0.08);
  return {
    x,
    xTime: true,
    xRange: [x[0] - pad, x[x.length - 1] + pad],
    hlines: threshold === null ? [] : [{ value: threshold, color: css("--chart-response"), dash: [6, 5] }],
    xLabel: "Date answered",
    yLabel: "Total",
    lines,
    ranges: remission ? [{ low: 0, high: remission.threshold, fill: css("--chart-remission-zone") }] : [],
    yMax: trend.max_total,
    height: 220,
  };
}

export function ScoreTrend({ trend }: { trend: Trend }) {
  const threshold = responseThreshold(trend);
  const remission = remissionText(trend);
  const last = trend.points[trend.points.length - 1];
  const summary = last
    ? `${trend.title}: latest total ${last.total} of ${trend.max_total} on ${day(last.answered_at)}` +
      `${last.band ? ` (${last.band.label})` : ""}; ${trend.points.length} score${trend.points.length === 1 ? "" : "s"}.`
    : `${trend.title}: no complete scores yet.`;
  return (
    <figure class="chart trend" data-testid={`trend-${trend.instrument}`}>
      <figcaption>
        <strong>{trend.title}</strong>
        <ul class="legend-list">
          <li>
            <span class="swatch" style={{ background: css("--chart-score") }} aria-hidden="true" /> Total
          </li>
          {remission && (
            <li>
              <span class="swatch swatch-zone" aria-hidden="true" /> Remission zone ({remission})
            </li>
          )}
          {threshold !== null && (
            <li>
              <span class="swatch swatch-dash" aria-hidden="true" /> Response threshold (total ≤ {Math.round(threshold * 10) / 10}
              , from the baseline)
            </li>
          )}
          <li>
            <span class="swatch swatch-dot-response" aria-hidden="true" /> Response reached
          </li>
          <li>
            <span class="swatch swatch-dot-remission" aria-hidden="true" /> Remission reached
          </li>
        </ul>
      </figcaption>
      {trend.points.length > 0 ? <Chart spec={spec(trend)} label={summary} /> : <p>{summary}</p>}
      {trend.points.length > 0 && (
        <div class="table-wrap" role="region" aria-label={`${trend.title}: scores`} tabIndex={0}>
          <table>
            <caption class="visually-hidden">{trend.title}: scores</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" class="num">Total</th>
                <th scope="col">Severity</th>
                <th scope="col" class="num">Change from baseline</th>
                <th scope="col">Response</th>
                <th scope="col">Remission</th>
              </tr>
            </thead>
            <tbody>
              {trend.points.map((p) => (
                <tr key={p.submission_id}>
                  <th scope="row">
                    {day(p.answered_at)}
                    {p.is_baseline ? " (baseline)" : ""}
                  </th>
                  <td class="num">{p.total}</td>
                  <td>{p.band?.label ?? "—"}</td>
                  <td class="num">
                    {p.change === null ? "—" : `${p.change > 0 ? "+" : ""}${p.change}`}
                    {p.percent_change === null ? "" : ` (${Math.round(p.percent_change)} %)`}
                  </td>
                  <td>{yesNo(p.response)}</td>
                  <td>{yesNo(p.remission)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {trend.notes.length > 0 && (
        <ul class="meta">
          {trend.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}
