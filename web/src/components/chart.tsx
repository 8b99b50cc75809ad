// A uPlot line chart in a <figure>: columns of numbers against time, optional
// filled bands between two series and shaded horizontal ranges. It follows the
// width of its container. The figure's caption and the caller's data table are
// what assistive technology reads; the canvas itself is hidden from it.
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";

export interface Line {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
  width?: number;
  hidden?: boolean; // a band edge: drawn only as the band's fill
  points?: boolean; // mark each value with a dot (few values, like scores over time)
  pointsOnly?: "ring" | "dot"; // markers without a line at some x (null elsewhere)
}

export interface ChartSpec {
  x: number[];
  xLabel: string;
  yLabel: string;
  lines: Line[];
  bands?: { upper: number; lower: number; fill: string }[]; // indexes into lines
  ranges?: { low: number; high: number; fill: string }[];
  yMax?: number;
  height: number;
  xTime?: boolean; // x in Unix seconds, labelled as dates
  xRange?: [number, number]; // else from the data
  hlines?: { value: number; color: string; dash?: number[] }[]; // horizontal lines across the plot
}

function options(spec: ChartSpec, width: number): uPlot.Options {
  return {
    width,
    height: spec.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: spec.xTime ?? false, ...(spec.xRange ? { range: () => spec.xRange! } : {}) }, y: { range: (_u, _min, max) => [0, spec.yMax ?? Math.max(max * 1.08, 1)] } },
    axes: [
      { label: spec.xLabel, stroke: "#4f6168", grid: { stroke: "#e3eae9" } },
      { label: spec.yLabel, stroke: "#4f6168", grid: { stroke: "#e3eae9" }, size: 60 },
    ],
    series: [
      {},
      ...spec.lines.map((l) => ({
        label: l.label,
        stroke: l.hidden ? "transparent" : l.color,
        width: l.width ?? 2,
        dash: l.dash,
        points: l.pointsOnly
          ? l.pointsOnly === "ring"
            ? { show: true, size: 20, width: 3, stroke: l.color, fill: "rgba(255, 255, 255, 0)" }
            : { show: true, size: 10, width: 1, stroke: l.color, fill: l.color }
          : l.points
            ? { show: true, size: 9, width: 2, fill: "#ffffff" }
            : { show: false },
        ...(l.pointsOnly ? { paths: () => null } : {}),
      })),
    ],
    bands: (spec.bands ?? []).map((b) => ({ series: [b.upper + 1, b.lower + 1] as [number, number], fill: b.fill })),
    hooks: {
      drawClear: [
        (u: uPlot) => {
          const ctx = u.ctx;
          for (const r of spec.ranges ?? []) {
            const top = u.valToPos(r.high, "y", true);
            const bottom = u.valToPos(r.low, "y", true);
            ctx.fillStyle = r.fill;
            ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
          }
        },
      ],
      draw: [
        (u: uPlot) => {
          const ctx = u.ctx;
          for (const h of spec.hlines ?? []) {
            const y = Math.round(u.valToPos(h.value, "y", true)) + 0.5;
            ctx.save();
            ctx.strokeStyle = h.color;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash((h.dash ?? []).map((d) => d * devicePixelRatio));
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            ctx.restore();
          }
        },
      ],
    },
  };
}

export function Chart({ spec, label }: { spec: ChartSpec; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const data = [spec.x, ...spec.lines.map((l) => l.values)] as uPlot.AlignedData;
    const plot = new uPlot(options(spec, Math.max(el.clientWidth, 280)), data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 280), height: spec.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [spec]);
  return <div ref={box} class="chart-canvas" role="img" aria-label={label} />;
}
