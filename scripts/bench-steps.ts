/**
 * The benchmark's measuring steps (scripts/bench.ts runs them in order for each size): the sample
 * exports (1), the floor (2), the warehouse build (3), the loaders (4) and the pages (6), each in its own
 * process where it runs DuckDB or Node code under test, so that its time and memory are its own. Step 5,
 * the full builds under the build lock, is bench-builds.ts. What an interrupted run must undo is kept in
 * `interruption`, which bench.ts's signal handler reads.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadConfig } from "../data-loaders/config.ts";
import { NAVIGATION } from "../observablehq.config.ts";
import { label, type Locale } from "../src/components/labels.ts";
import { measurePages, median, type FilterProbe } from "./bench-browser.ts";
import { runMeasured, tail, type Measured } from "./bench-measure.ts";
import * as report from "./bench-report.ts";
import type { SizeResult } from "./bench-report.ts";
import type { BuildLock } from "./build-lock.ts";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const NODE = process.execPath;
const SEED = 42;
export const MINUTE = 60_000;
/** No step should take this long (a stuck step is stopped; the 1M-lead warehouse build takes about a minute). */
export const LONG_STEP_MS = 4 * 60 * MINUTE;

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** What a Ctrl-C must undo: files and folders not to leave behind, the build lock if held; set when stopping. */
export const interruption = {
  stopping: false,
  temporaryPaths: new Set<string>(),
  heldLock: null as BuildLock | null,
};

interface LoaderRun {
  /** The output's name, as pages ask for it: mart_funnel.json, settings.json. */
  name: string;
  file: string;
  args: string[];
}

/** Step 1: the sample exports for this size, generated once (into a temporary folder renamed when complete). */
export async function ensureExports(leads: number, dir: string): Promise<NonNullable<SizeResult["exports"]>> {
  const summaryFile = `${dir}.summary.txt`;
  let reused = existsSync(dir) && existsSync(summaryFile);
  let generateSeconds: number | null = null;
  if (reused) {
    log(`exports: reusing ${relative(PROJECT_ROOT, dir)} (delete it to regenerate)`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    const temp = `${dir}.tmp-${process.pid}`;
    interruption.temporaryPaths.add(temp);
    rmSync(temp, { recursive: true, force: true });
    log(`exports: generating ${report.count(leads)} leads (seed ${SEED}) into ${relative(PROJECT_ROOT, dir)}`);
    const run = await runMeasured(NODE, ["--import", "tsx", "scripts/generate-sample.ts", "--leads", String(leads), "--seed", String(SEED), "--out", temp], {
      cwd: PROJECT_ROOT,
      timeoutMs: LONG_STEP_MS,
    });
    if (run.code !== 0) {
      rmSync(temp, { recursive: true, force: true });
      throw new Error(`the sample generator failed (${exitText(run)}):\n${tail(run.stderr)}`);
    }
    renameSync(temp, dir);
    interruption.temporaryPaths.delete(temp);
    writeFileSync(summaryFile, run.stderr);
    generateSeconds = run.seconds;
    reused = false;
    log(`exports: generated in ${report.seconds(run.seconds)}`);
  }
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
  if (!files.length) throw new Error(`${dir} is empty: delete it and run again`);
  return { dir: relative(PROJECT_ROOT, dir), reused, generateSeconds, files, bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/** Step 2: the floor. */
export async function measureFloor(exportsDir: string, db: string): Promise<NonNullable<SizeResult["floor"]>> {
  const run = await runMeasured(NODE, ["--import", "tsx", "scripts/bench-child.ts", "floor", "--exports", exportsDir, "--db", db], {
    cwd: PROJECT_ROOT,
    timeoutMs: LONG_STEP_MS,
  });
  const out = childJson<{ seconds: number; maxRssKb: number; files: Array<{ file: string; rows: number; seconds: number }>; skipped: string[] }>(run, "the floor");
  log(`floor: DuckDB read_csv of ${out.files.length} files (${report.count(out.files.reduce((n, f) => n + f.rows, 0))} rows) in ${report.seconds(out.seconds)}, peak ${report.memoryKb(out.maxRssKb)}`);
  return { ...out, wallSeconds: run.seconds };
}

/** Step 3: the warehouse build, forced, in its own process. */
export async function measureWarehouse(exportsDir: string, out: string, floorSeconds: number | null): Promise<NonNullable<SizeResult["warehouse"]>> {
  removeDatabase(out);
  const run = await runMeasured(NODE, ["--import", "tsx", "scripts/bench-child.ts", "warehouse", "--exports", exportsDir, "--out", out], {
    cwd: PROJECT_ROOT,
    timeoutMs: LONG_STEP_MS,
  });
  const result = childJson<{ seconds: number; maxRssKb: number; files: NonNullable<SizeResult["warehouse"]>["files"] }>(run, "the warehouse build");
  const vsFloor = floorSeconds ? result.seconds / floorSeconds : null;
  log(
    `warehouse: built in ${report.seconds(result.seconds)}${vsFloor ? ` (${report.ratio(vsFloor)} the floor)` : ""}, ` +
      `peak ${report.memoryKb(result.maxRssKb)}, file ${report.bytes(statSync(out).size)}`,
  );
  return { seconds: result.seconds, wallSeconds: run.seconds, maxRssKb: result.maxRssKb, treePeakKb: run.treePeakKb, vsFloor, fileBytes: statSync(out).size, files: result.files };
}

/** Step 4: every loader, one after the other as Framework runs them, each in its own process. */
export async function measureLoaders(warehouse: string): Promise<NonNullable<SizeResult["loaders"]>> {
  const runs = loaderRuns();
  const results: NonNullable<SizeResult["loaders"]> = [];
  const failures: string[] = [];
  log(`loaders: ${runs.length}, each run alone against the warehouse`);
  for (const loader of runs) {
    const run = await runMeasured(NODE, ["--import", "tsx", loader.file, ...loader.args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, WAREHOUSE: warehouse },
      timeoutMs: 10 * MINUTE,
    });
    if (run.code !== 0) {
      failures.push(`${loader.name} (${exitText(run)}): ${tail(run.stderr, 8)}`);
      continue;
    }
    const gzipBytes = gzipSync(run.stdout).length;
    results.push({ ...loader, seconds: run.seconds, maxRssKb: run.maxRssKb, bytes: run.stdout.length, gzipBytes });
    log(`  ${loader.name.padEnd(34)} ${report.seconds(run.seconds).padStart(8)}  ${report.bytes(run.stdout.length).padStart(9)}  ${report.bytes(gzipBytes).padStart(9)} gz`);
  }
  if (failures.length) throw new Error(`loaders failed:\n${failures.join("\n")}`);
  return results;
}

/** A loader that runs no query, three times: how much of each loader's time is start-up. */
export async function measureLoaderStartup(warehouse: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await runMeasured(NODE, ["--import", "tsx", "scripts/bench-child.ts", "startup"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, WAREHOUSE: warehouse },
      timeoutMs: 5 * MINUTE,
    });
    if (run.code !== 0) throw new Error(`${exitText(run)}: ${tail(run.stderr, 8)}`);
    times.push(run.seconds);
  }
  const startup = median(times);
  log(`  start-up alone (Node + tsx + DuckDB + opening the warehouse, no query): ${report.seconds(startup)}`);
  return startup;
}

/** The loaders under src/: the mart loader once per mart, and every other loader file as it is. */
function loaderRuns(): LoaderRun[] {
  const runs: LoaderRun[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === ".observablehq" || name === "node_modules") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(json|csv|tsv|txt|arrow|parquet|zip|html|svg|png)\.(ts|js)$/.test(name)) {
        const file = relative(PROJECT_ROOT, path);
        if (name.includes("[")) log(`  ${file}: a parameterised loader the benchmark does not know the parameters of, not measured`);
        else runs.push({ name: name.replace(/\.(ts|js)$/, ""), file, args: [] });
      }
    }
  };
  walk(join(PROJECT_ROOT, "src"));
  return runs;
}

/** Step 6: each page of the navigation visited with an empty cache, and the filter → re-render probes. */
export async function measurePagesOf(siteDir: string, result: SizeResult): Promise<void> {
  log("pages: first visits in headless Chromium, empty cache");
  const { visits, filters } = await measurePages(siteDir, navigationPages(), filterProbes(), log);
  result.pages = visits;
  result.filters = filters;
  for (const visit of visits) {
    if (visit.outside?.length) result.warnings.push(`${visit.path} requested outside its origin: ${visit.outside.join(", ")}`);
    for (const problem of visit.problems ?? []) result.warnings.push(`${visit.path}: ${problem}`);
  }
  for (const timing of filters) {
    for (const problem of timing.problems) result.warnings.push(`${timing.path} (${timing.select} change): ${problem}`);
    if (timing.medianMs === null) throw new Error(`no re-render could be timed on ${timing.path}: ${timing.problems.join("; ")}`);
  }
  if (!visits.some((v) => v.built)) throw new Error(`no page of the navigation is in ${siteDir}`);
}

/** The pages of the navigation, flattened. */
function navigationPages(): Array<{ name: string; path: string }> {
  const pages: Array<{ name: string; path: string }> = [];
  for (const entry of NAVIGATION as Array<{ name: string; path?: string; pages?: Array<{ name: string; path: string }> }>) {
    if (entry.path) pages.push({ name: entry.name, path: entry.path });
    for (const page of entry.pages ?? []) pages.push(page);
  }
  return pages;
}

/** Where the filter → re-render time is taken: the overview's channel select and a team page's period select. */
function filterProbes(): FilterProbe[] {
  return [
    { path: "/", select: { label: label("channel", siteLocale()) } },
    { path: "/teams/field_sales", select: "period" },
  ];
}

/** The site's language (the default config the benchmark builds with), for the label of the channel select. */
function siteLocale(): Locale {
  return loadConfig().locale;
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Helpers

/** The one JSON line a bench-child.ts process prints, or an error naming what failed and why. */
export function childJson<T>(run: Measured, what: string): T {
  if (run.code !== 0) throw new Error(`${what} failed (${exitText(run)}):\n${tail(run.stderr)}`);
  const line = run.stdout.toString("utf8").trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${what} printed no result:\n${tail(run.stderr)}`);
  }
}

export function exitText(run: Measured): string {
  if (run.timedOut) return "timed out";
  return run.signal ? `killed by ${run.signal}` : `exit code ${run.code}`;
}

export function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
