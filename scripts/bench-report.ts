/**
 * The figures of scripts/bench.ts against the targets of issue 8, and how they are printed: one table
 * per size, and with several sizes how time and memory grow per 10× leads.
 */

export type Status = "met" | "MISSED" | "—";

export interface Row {
  figure: string;
  value: string;
  target: string;
  status: Status;
}

/** One figure checked against a target, kept in the JSON. */
export interface Check {
  id: string;
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
}

export const TARGETS = {
  warehouseVsFloor: 3,
  loaderSeconds: 1,
  fullBuildSeconds: 30,
  rebuildSpeedup: 5,
  peakMemoryBytes: 2 * 1024 ** 3,
  pageDataGzipBytes: 300_000,
  firstVisitGzipBytes: 600_000,
  filterRenderMs: 100,
  /** Growth per 10× leads; linear is 10. */
  growthPer10x: 10,
} as const;

export function status(met: boolean | null): Status {
  return met === null ? "—" : met ? "met" : "MISSED";
}

export function formatTable(title: string, rows: Row[]): string {
  const header: Row = { figure: "figure", value: "value", target: "target", status: "—" };
  const widths = {
    figure: Math.max(header.figure.length, ...rows.map((r) => r.figure.length)),
    value: Math.max(header.value.length, ...rows.map((r) => r.value.length)),
    target: Math.max(header.target.length, ...rows.map((r) => r.target.length)),
  };
  const line = (r: Row, s: string) => `  ${r.figure.padEnd(widths.figure)}  ${r.value.padStart(widths.value)}  ${r.target.padEnd(widths.target)}  ${s}`;
  const rule = `  ${"─".repeat(widths.figure + widths.value + widths.target + 14)}`;
  return [title, line(header, "status"), rule, ...rows.map((r) => line(r, r.status))].join("\n");
}

export function seconds(value: number): string {
  return value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;
}

export function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

/** Bytes as KB or MB (1 KB = 1,000 bytes, as the targets are written). */
export function bytes(value: number): string {
  if (value >= 10_000_000) return `${(value / 1e6).toFixed(0)} MB`;
  if (value >= 1_000_000) return `${(value / 1e6).toFixed(1)} MB`;
  return `${(value / 1000).toFixed(1)} KB`;
}

export function memoryKb(kb: number): string {
  const mb = (kb * 1024) / 1e6;
  return mb >= 1000 ? `${(mb / 1000).toFixed(2)} GB` : `${mb.toFixed(0)} MB`;
}

export function ratio(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)}×`;
}

export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** How a figure grows from size a to size b, per 10× leads: (vb / va) ^ (1 / log10(b / a)). */
export function growthPer10x(a: { leads: number; value: number }, b: { leads: number; value: number }): number | null {
  if (!(a.value > 0) || !(b.value > 0) || b.leads <= a.leads) return null;
  return Math.pow(b.value / a.value, 1 / Math.log10(b.leads / a.leads));
}
