/**
 * The figures of scripts/bench.ts against the targets of issue 8, and how they are printed: what one
 * size's run measured (SizeResult), its checks against the targets, one table per size, and with several
 * sizes how time and memory grow per 10× leads. The steps that measure live in bench-steps.ts and
 * bench-builds.ts; nothing here runs anything.
 */
import type { FilterTiming, PageVisit } from "./bench-browser.ts";

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

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// What was measured, and its tables

export interface BuildRun {
  /** Wall time of scripts/build.ts (it runs under the benchmark's lock, so it never waits for one). */
  seconds: number;
  /** The same, as GNU time measured it around scripts/build.ts (a cross-check). */
  gnuTimeSeconds: number | null;
  /** The two parts, as scripts/build.ts reports them. */
  warehouseSeconds: number | null;
  siteSeconds: number | null;
  warehouseBuilt: boolean;
  loaderCacheCleared: boolean;
  maxRssKb: number | null;
  treePeakKb: number;
  /** The warehouse fingerprint after the build. */
  fingerprint: string | null;
  log: string;
}

export interface SizeResult {
  leads: number;
  exports?: { dir: string; reused: boolean; generateSeconds: number | null; files: Array<{ name: string; bytes: number }>; bytes: number };
  floor?: { seconds: number; wallSeconds: number; maxRssKb: number; files: Array<{ file: string; rows: number; seconds: number }>; skipped: string[] };
  warehouse?: {
    seconds: number;
    wallSeconds: number;
    maxRssKb: number;
    treePeakKb: number;
    vsFloor: number | null;
    fileBytes: number;
    files: Array<{ source_file: string; entity: string | null; rows_read: number | null; rows_loaded: number; rows_quarantined: number }>;
  };
  loaders?: Array<{ name: string; file: string; args: string[]; seconds: number; maxRssKb: number | null; bytes: number; gzipBytes: number }>;
  /** What a loader costs before its query (Node, tsx, DuckDB, opening the warehouse): median of 3 runs, s. */
  loaderStartupSeconds?: number;
  /** rebuildWarm false: no rebuild was warm (another build or an edit came between), the speed-up is not a measurement. */
  build?: {
    cold: BuildRun;
    warm: BuildRun;
    /** `build.ts --force` right after: the site built again with every loader output cached (a page edit). */
    pageEdit?: BuildRun;
    rebuildWarm: boolean;
    speedup: number;
    siteBytes: number;
    siteFiles: number;
  };
  pages?: PageVisit[];
  filters?: FilterTiming[];
  checks: Check[];
  errors: string[];
  warnings: string[];
}

export function checksOf(r: SizeResult): Check[] {
  const checks: Check[] = [];
  const add = (id: string, figure: string, value: number | null, unit: string, target: string, met: boolean | null) =>
    checks.push({ id, figure, value, unit, target, met: value === null ? null : met });
  if (r.warehouse) {
    const vs = r.warehouse.vsFloor;
    add("warehouse_vs_floor", "warehouse build ÷ floor", vs, "ratio", `≤ ${TARGETS.warehouseVsFloor}× floor`, vs !== null && vs <= TARGETS.warehouseVsFloor);
    add("warehouse_peak_memory", "warehouse build peak memory", r.warehouse.maxRssKb * 1024, "bytes", "≤ 2 GB", r.warehouse.maxRssKb * 1024 <= TARGETS.peakMemoryBytes);
  }
  for (const loader of r.loaders ?? []) add(`loader:${loader.name}`, `loader ${loader.name}`, loader.seconds, "s", `≤ ${TARGETS.loaderSeconds} s`, loader.seconds <= TARGETS.loaderSeconds);
  if (r.build) {
    add("full_build", "full build (cold)", r.build.cold.seconds, "s", `≤ ${TARGETS.fullBuildSeconds} s`, r.build.cold.seconds <= TARGETS.fullBuildSeconds);
    add("rebuild_speedup", "rebuild speed-up", r.build.rebuildWarm ? r.build.speedup : null, "ratio", `≥ ${TARGETS.rebuildSpeedup}×`, r.build.speedup >= TARGETS.rebuildSpeedup);
    const peak = r.build.cold.treePeakKb * 1024;
    add("build_peak_memory", "full build peak memory (process tree)", peak, "bytes", "≤ 2 GB", peak <= TARGETS.peakMemoryBytes);
  }
  for (const page of r.pages ?? []) {
    if (!page.built) continue;
    add(`page_data:${page.path}`, `${page.path} data`, page.dataGzipBytes!, "bytes gzip", "≤ 300 KB gz", page.dataGzipBytes! <= TARGETS.pageDataGzipBytes);
    add(`first_visit:${page.path}`, `${page.path} first visit`, page.totalGzipBytes!, "bytes gzip", "≤ 600 KB gz", page.totalGzipBytes! <= TARGETS.firstVisitGzipBytes);
  }
  for (const f of r.filters ?? []) add(`filter:${f.path}`, `${f.path} filter → re-render`, f.medianMs, "ms", `≤ ${TARGETS.filterRenderMs} ms`, f.medianMs !== null && f.medianMs <= TARGETS.filterRenderMs);
  return checks;
}

function sizeTitle(r: SizeResult): string {
  const rows = r.warehouse?.files.reduce((n, f) => n + (f.rows_read ?? 0), 0);
  const parts = [`${count(r.leads)} leads`];
  if (r.exports) parts.push(`exports ${bytes(r.exports.bytes)} in ${r.exports.files.length} files${rows ? `, ${count(rows)} rows read` : ""}${r.exports.reused ? " (reused)" : ` (generated in ${seconds(r.exports.generateSeconds!)})`}`);
  if (r.errors.length) parts.push(`${r.errors.length} step(s) NOT MEASURED`);
  return parts.join(" — ");
}

function sizeRows(r: SizeResult): Row[] {
  const rows: Row[] = [];
  const check = (id: string) => r.checks.find((c) => c.id === id);
  const row = (figure: string, value: string, target = "", id?: string) =>
    rows.push({ figure, value, target, status: id ? status(check(id)?.met ?? null) : "—" });
  const notMeasured = (figure: string) => rows.push({ figure, value: "not measured", target: "", status: "—" });

  if (r.floor) row(`floor: DuckDB read_csv, ${r.floor.files.length} files`, seconds(r.floor.seconds));
  else notMeasured("floor");
  if (r.warehouse) {
    row("warehouse build", `${seconds(r.warehouse.seconds)}${r.warehouse.vsFloor ? ` = ${ratio(r.warehouse.vsFloor)} floor` : ""}`, `≤ ${TARGETS.warehouseVsFloor}× floor`, "warehouse_vs_floor");
    row("warehouse build peak memory", memoryKb(r.warehouse.maxRssKb), "≤ 2 GB", "warehouse_peak_memory");
  } else notMeasured("warehouse build");
  if (r.loaders) {
    const total = r.loaders.reduce((n, l) => n + l.seconds, 0);
    for (const l of r.loaders) row(`loader ${l.name} (${bytes(l.gzipBytes)} gz)`, seconds(l.seconds), `≤ ${TARGETS.loaderSeconds} s`, `loader:${l.name}`);
    row(`loaders, all ${r.loaders.length} one after the other`, seconds(total));
    if (r.loaderStartupSeconds !== undefined) row("loader start-up alone (Node + tsx + DuckDB open, no query)", seconds(r.loaderStartupSeconds));
  } else notMeasured("loaders");
  if (r.build) {
    const { cold, warm } = r.build;
    row(`full build, cold (warehouse ${cold.warehouseSeconds ?? "?"} s + site ${cold.siteSeconds ?? "?"} s)`, seconds(cold.seconds), `≤ ${TARGETS.fullBuildSeconds} s`, "full_build");
    row("full build peak memory (process tree)", memoryKb(cold.treePeakKb), "≤ 2 GB", "build_peak_memory");
    if (cold.maxRssKb) row("full build peak memory (largest process)", memoryKb(cold.maxRssKb));
    if (r.build.rebuildWarm) row(`rebuild, inputs unchanged (${seconds(warm.seconds)})`, `${ratio(r.build.speedup)} faster`, `≥ ${TARGETS.rebuildSpeedup}×`, "rebuild_speedup");
    else row("rebuild, inputs unchanged", "not measured (never warm)", `≥ ${TARGETS.rebuildSpeedup}×`, "rebuild_speedup");
    if (r.build.pageEdit) row("site rebuild after a page edit (loader outputs cached)", seconds(r.build.pageEdit.seconds));
    row("site output", `${bytes(r.build.siteBytes)}, ${count(r.build.siteFiles)} files`);
  } else notMeasured("full build");
  for (const p of r.pages ?? []) {
    if (!p.built) {
      row(`${p.path}`, "not built");
      continue;
    }
    row(`${p.path} data (/_file/)`, `${bytes(p.dataGzipBytes!)} gz`, "≤ 300 KB gz", `page_data:${p.path}`);
    row(`${p.path} first visit, ${p.responses!.length} responses`, `${bytes(p.totalGzipBytes!)} gz`, "≤ 600 KB gz", `first_visit:${p.path}`);
    row(`${p.path} time to charts`, p.chartsMs === null ? "no chart" : ms(p.chartsMs!));
  }
  for (const f of r.filters ?? []) {
    const each = f.changes.map((c) => (c.ms === null ? "—" : c.ms.toFixed(0))).join("/");
    row(`${f.path} ${f.select} change → re-render (median of ${each} ms)`, f.medianMs === null ? "not measured" : ms(f.medianMs), `≤ ${TARGETS.filterRenderMs} ms`, `filter:${f.path}`);
  }
  if (!r.pages) {
    if (r.errors.some((e) => e.startsWith("pages"))) notMeasured("pages (see the error below)");
    else row("pages", "skipped");
  }
  return rows;
}

/** With several sizes: how each time and memory figure grows per 10× leads, between consecutive sizes and overall. */
export function growthRows(results: SizeResult[]): { rows: Row[]; checks: Array<Check & { from: number; to: number }> } {
  const rows: Row[] = [];
  const checks: Array<Check & { from: number; to: number }> = [];
  if (results.length < 2) return { rows, checks };
  const figures: Array<{ id: string; figure: string; kind: "time" | "memory" | "bytes"; value: (r: SizeResult) => number | undefined }> = [
    { id: "floor", figure: "floor time", kind: "time", value: (r) => r.floor?.seconds },
    { id: "warehouse", figure: "warehouse build time", kind: "time", value: (r) => r.warehouse?.seconds },
    { id: "warehouse_memory", figure: "warehouse build peak memory", kind: "memory", value: (r) => r.warehouse?.maxRssKb },
    { id: "loaders", figure: "loaders, total time", kind: "time", value: (r) => r.loaders?.reduce((n, l) => n + l.seconds, 0) },
    { id: "full_build", figure: "full build time (cold)", kind: "time", value: (r) => r.build?.cold.seconds },
    { id: "rebuild", figure: "rebuild time", kind: "time", value: (r) => (r.build?.rebuildWarm ? r.build.warm.seconds : undefined) },
    { id: "build_memory", figure: "full build peak memory", kind: "memory", value: (r) => r.build?.cold.treePeakKb },
    { id: "page_data", figure: "largest page data (gz)", kind: "bytes", value: (r) => maxOf(r.pages?.filter((p) => p.built).map((p) => p.dataGzipBytes!)) },
    { id: "first_visit", figure: "largest first visit (gz)", kind: "bytes", value: (r) => maxOf(r.pages?.filter((p) => p.built).map((p) => p.totalGzipBytes!)) },
  ];
  const pairs: Array<[SizeResult, SizeResult]> = results.slice(1).map((r, i) => [results[i]!, r]);
  if (results.length > 2) pairs.push([results[0]!, results.at(-1)!]);
  for (const figure of figures) {
    for (const [a, b] of pairs) {
      const va = figure.value(a);
      const vb = figure.value(b);
      if (va === undefined || vb === undefined) continue;
      const per10 = growthPer10x({ leads: a.leads, value: va }, { leads: b.leads, value: vb });
      if (per10 === null) continue;
      // Time and memory must grow no faster than linearly (10× per 10× leads); page bytes should not grow at all.
      const limited = figure.kind !== "bytes";
      const met = limited ? per10 <= TARGETS.growthPer10x : null;
      const span = `${count(a.leads)} → ${count(b.leads)}`;
      const shown = figure.kind === "time" ? `${seconds(va)} → ${seconds(vb)}` : figure.kind === "memory" ? `${memoryKb(va)} → ${memoryKb(vb)}` : `${bytes(va)} → ${bytes(vb)}`;
      rows.push({ figure: `${figure.figure}, ${span} (${shown})`, value: `${ratio(per10)} per 10×`, target: limited ? "≤ 10× per 10× (linear)" : "", status: status(met) });
      checks.push({ id: `growth:${figure.id}`, figure: `${figure.figure} growth per 10× leads`, value: per10, unit: "ratio", target: limited ? "≤ 10" : "", met, from: a.leads, to: b.leads });
    }
  }
  return { rows, checks };
}

function maxOf(values: number[] | undefined): number | undefined {
  return values?.length ? Math.max(...values) : undefined;
}

/** Every size's table and, with several sizes, the growth table: what the benchmark prints. */
export function formatTables(results: SizeResult[], growth: Row[]): string {
  const out = results.map((result) => formatTable(sizeTitle(result), sizeRows(result)));
  if (growth.length) out.push(formatTable(`Growth per 10× leads (${results.map((r) => count(r.leads)).join(" → ")}; linear = 10×)`, growth));
  return out.join("\n\n");
}
