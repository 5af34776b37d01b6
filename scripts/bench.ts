/**
 * npm run bench -- [--sizes 1000000] [--out bench/out] [--skip-browser] [--keep]
 *
 * The performance benchmark of issue 8 (docs/benchmark.md explains every figure). For each size, in
 * leads:
 *   1. exports: the sample generator (seed 42) writes <out>/exports-<N>, reused when already there;
 *   2. floor: DuckDB's plain CSV reader loads the same files once into tables, in a fresh database;
 *   3. warehouse: buildWarehouse (forced) into <out>/warehouse-<N>.duckdb, in its own process — time,
 *      ratio to the floor, peak memory;
 *   4. loaders: every loader run alone against that warehouse — time, output bytes, gzip bytes;
 *   5. full build: scripts/build.ts from a cold state (no warehouse, no cached loader outputs), then
 *      again with unchanged inputs — time, peak memory, speed-up;
 *   6. pages (unless --skip-browser): each page of the navigation visited with an empty cache in
 *      headless Chromium — bytes gzipped, data bytes, time to the charts; filter change → re-render;
 *   7. a table per size against the targets, the growth per 10× leads, and <out>/bench-<date>.json.
 *
 * Step 5 deletes the project's cached loader outputs (src/.observablehq/cache/data): the next
 * `npm run build` or preview reruns its loaders. Exits 1 only when something could not be measured (a
 * step failed); a missed target is reported, not an error. Without --keep, the warehouses, sites and
 * floor databases are deleted at the end; the exports are kept for the next run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { NAVIGATION } from "../observablehq.config.ts";
import { listFiles } from "../data-loaders/files.ts";
import { readFingerprint } from "../data-loaders/warehouse/build.ts";
import { label, type Locale } from "../src/components/labels.ts";
import { measurePages, median, type FilterProbe, type FilterTiming, type PageVisit } from "./bench-browser.ts";
import { acquireBuildLock, BUILD_LOCK_FILE, heldByEnv, type BuildLock } from "./build-lock.ts";
import { hasGnuTime, killRunning, runMeasured, tail, type Measured } from "./bench-measure.ts";
import * as report from "./bench-report.ts";
import { TARGETS, type Check, type Row } from "./bench-report.ts";

const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const LOADER_CACHE = join(PROJECT_ROOT, "src/.observablehq/cache/data");
/** scripts/build.ts's lock: one build at a time in this project (the loader cache is shared). */
const BUILD_LOCK = join(PROJECT_ROOT, BUILD_LOCK_FILE);
const REBUILD_ATTEMPTS = 3;
const NODE = process.execPath;
const SEED = 42;
const USAGE = "usage: npm run bench -- [--sizes 1000000[,…]] [--out bench/out] [--skip-browser] [--keep]";
const MINUTE = 60_000;
/** No step should take this long (a stuck step is stopped; the 1M-lead warehouse build takes about a minute). */
const LONG_STEP_MS = 4 * 60 * MINUTE;

interface Options {
  sizes: number[];
  out: string;
  skipBrowser: boolean;
  keep: boolean;
}

interface LoaderRun {
  /** The output's name, as pages ask for it: mart_funnel.json, settings.json. */
  name: string;
  file: string;
  args: string[];
}

interface BuildRun {
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

interface SizeResult {
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

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions();
  process.chdir(PROJECT_ROOT);
  mkdirSync(options.out, { recursive: true });
  outDir = options.out;
  const startedAt = new Date();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverage: loadavg(),
    node: process.version,
    gnuTime: hasGnuTime,
  };
  log(`bench: sizes ${options.sizes.map(report.count).join(", ")} leads → ${shown(options.out)}`);
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${(machine.memoryBytes / 1e9).toFixed(1)} GB, load average ${machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}`);
  if (machine.loadAverage[0]! > machine.cpus) log(`warning: the machine is busy (load ${machine.loadAverage[0]!.toFixed(1)} on ${machine.cpus} CPUs): times will be noisy`);
  const others = otherFrameworkBuilds();
  if (others.length) log(`warning: another Framework build or preview is running in this project (pid ${others.join(", ")}); the loader cache is shared, figures may be disturbed`);
  if (!hasGnuTime) log("warning: no /usr/bin/time: the peak of the largest process is not measured (the process-tree peak still is)");

  const results: SizeResult[] = [];
  for (const leads of options.sizes) {
    log(`\n── ${report.count(leads)} leads ──`);
    results.push(await benchSize(leads, options));
  }
  const growth = growthRows(results);
  const file = join(options.out, `bench-${stamp(startedAt)}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options: { ...options, out: relative(PROJECT_ROOT, options.out) }, machine, targets: TARGETS, sizes: results, growth: growth.checks }, null, 2)}\n`,
  );

  const out: string[] = [];
  for (const result of results) out.push(report.formatTable(sizeTitle(result), sizeRows(result)));
  if (growth.rows.length) out.push(report.formatTable(`Growth per 10× leads (${results.map((r) => report.count(r.leads)).join(" → ")}; linear = 10×)`, growth.rows));
  process.stdout.write(`\n${out.join("\n\n")}\n\nwritten: ${shown(file)}\n`);

  const failed = results.filter((r) => r.errors.length);
  for (const r of failed) for (const e of r.errors) log(`not measured at ${report.count(r.leads)} leads: ${e}`);
  for (const r of results) for (const w of r.warnings) log(`warning at ${report.count(r.leads)} leads: ${w}`);
  return failed.length ? 1 : 0;
}

function parseOptions(): Options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: "string", default: "1000000" },
        out: { type: "string", default: "bench/out" },
        "skip-browser": { type: "boolean", default: false },
        keep: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    log(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    log(USAGE);
    process.exit(0);
  }
  const sizes = values.sizes.split(",").map((s) => s.trim()).filter(Boolean).map((s) => Number(s.replaceAll("_", "")));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 100)) {
    log(`--sizes takes leads counts of at least 100, separated by commas (e.g. 10000,100000), not "${values.sizes}"\n${USAGE}`);
    process.exit(2);
  }
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    out: resolve(values.out),
    skipBrowser: values["skip-browser"],
    keep: values.keep,
  };
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────

async function benchSize(leads: number, options: Options): Promise<SizeResult> {
  const result: SizeResult = { leads, checks: [], errors: [], warnings: [] };
  const exportsDir = join(options.out, `exports-${leads}`);
  const warehouse = join(options.out, `warehouse-${leads}.duckdb`);
  const floorDb = join(options.out, `floor-${leads}.duckdb`);
  const siteDir = join(options.out, `site-${leads}`);
  const step = async (name: string, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (error) {
      const message = `${name}: ${(error as Error).message}`;
      result.errors.push(message);
      log(`✗ ${message}`);
      return false;
    }
  };

  // Without --keep, this size's warehouse, site and floor database go at the end, or on Ctrl-C.
  const artifacts = [floorDb, `${floorDb}.wal`, warehouse, `${warehouse}.wal`, siteDir];
  if (!options.keep) for (const path of artifacts) temporaryDirs.add(path);
  try {
    if (!(await step("exports", async () => (result.exports = await ensureExports(leads, exportsDir))))) return result;
    await step("floor", async () => (result.floor = await measureFloor(exportsDir, floorDb)));
    if (!options.keep) removeDatabase(floorDb);
    const built = await step("warehouse build", async () => (result.warehouse = await measureWarehouse(exportsDir, warehouse, result.floor?.seconds ?? null)));
    if (built) {
      await step("loaders", async () => (result.loaders = await measureLoaders(warehouse)));
      await step("loader start-up", async () => (result.loaderStartupSeconds = await measureLoaderStartup(warehouse)));
    }
    const site = await step("full build", async () => (result.build = await measureBuilds(exportsDir, warehouse, siteDir, result, options.out)));
    if (options.skipBrowser) log("pages: skipped (--skip-browser)");
    else if (site) {
      await step("pages", async () => {
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
      });
    }
  } finally {
    if (!options.keep) {
      removeDatabase(floorDb);
      removeDatabase(warehouse);
      rmSync(siteDir, { recursive: true, force: true });
      for (const path of artifacts) temporaryDirs.delete(path);
    }
  }
  result.checks = checksOf(result);
  return result;
}

/** Step 1: the sample exports for this size, generated once (into a temporary folder renamed when complete). */
async function ensureExports(leads: number, dir: string): Promise<NonNullable<SizeResult["exports"]>> {
  const summaryFile = `${dir}.summary.txt`;
  let reused = existsSync(dir) && existsSync(summaryFile);
  let generateSeconds: number | null = null;
  if (reused) {
    log(`exports: reusing ${relative(PROJECT_ROOT, dir)} (delete it to regenerate)`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    const temp = `${dir}.tmp-${process.pid}`;
    temporaryDirs.add(temp);
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
    temporaryDirs.delete(temp);
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
async function measureFloor(exportsDir: string, db: string): Promise<NonNullable<SizeResult["floor"]>> {
  const run = await runMeasured(NODE, ["--import", "tsx", "scripts/bench-child.ts", "floor", "--exports", exportsDir, "--db", db], {
    cwd: PROJECT_ROOT,
    timeoutMs: LONG_STEP_MS,
  });
  const out = childJson<{ seconds: number; maxRssKb: number; files: Array<{ file: string; rows: number; seconds: number }>; skipped: string[] }>(run, "the floor");
  log(`floor: DuckDB read_csv of ${out.files.length} files (${report.count(out.files.reduce((n, f) => n + f.rows, 0))} rows) in ${report.seconds(out.seconds)}, peak ${report.memoryKb(out.maxRssKb)}`);
  return { ...out, wallSeconds: run.seconds };
}

/** Step 3: the warehouse build, forced, in its own process. */
async function measureWarehouse(exportsDir: string, out: string, floorSeconds: number | null): Promise<NonNullable<SizeResult["warehouse"]>> {
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
async function measureLoaders(warehouse: string): Promise<NonNullable<SizeResult["loaders"]>> {
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
async function measureLoaderStartup(warehouse: string): Promise<number> {
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

/**
 * Step 5: the full build, cold (no warehouse, no cached loader outputs: everything runs), then again
 * with nothing changed (the warehouse is skipped by its fingerprint, the loader outputs come from the cache).
 */
async function measureBuilds(exportsDir: string, warehouse: string, siteDir: string, result: SizeResult, outDir: string): Promise<NonNullable<SizeResult["build"]>> {
  const leads = result.leads;
  for (const name of readdirSync(outDir)) if (name.startsWith(`build-${leads}-`) && name.endsWith(".log")) rmSync(join(outDir, name), { force: true });
  // Never clear the shared loader cache under another build: take the build lock first, and hold it
  // across our builds so that no other build uses the cache in between. Each build.ts runs under it
  // (BUILD_LOCK_HELD_BY, see scripts/build-lock.ts), so it never waits and its time is its own.
  const lock = await acquireBuildLock({
    file: BUILD_LOCK,
    pollMs: 100,
    timeoutMs: 60 * MINUTE,
    shouldStop: () => stopping,
    onWait: (holder) => log(`waiting for the build in process ${holder} to finish (the loader cache is shared)`),
  });
  heldLock = lock;
  if (lock.waitedSeconds > 1) log(`build: waited ${report.seconds(lock.waitedSeconds)} for another build in this project`);
  const env: NodeJS.ProcessEnv = { ...process.env, CRM_EXPORTS: exportsDir, WAREHOUSE: warehouse, SITE_OUTPUT: siteDir, ...heldByEnv(lock) };
  delete env.CRM_MAPPING;

  const build = async (which: string, name: string, args: string[] = []): Promise<BuildRun> => {
    const logFile = join(outDir, `build-${leads}-${name}.log`);
    const run = await runMeasured(NODE, ["--import", "tsx", "scripts/build.ts", ...args], { cwd: PROJECT_ROOT, env, timeoutMs: LONG_STEP_MS, logFile });
    if (run.code !== 0) throw new Error(`the ${which} build failed (${exitText(run)}; its output: ${relative(PROJECT_ROOT, logFile)}):\n${tail(run.stderr)}`);
    const warehouseLine = /warehouse (built|up to date) from .* in ([\d.]+)s/.exec(run.stderr);
    const siteLine = /site built into .* in ([\d.]+)s|site in .* is up to date .*, ([\d.]+)s/.exec(run.stderr);
    const measured: BuildRun = {
      seconds: run.seconds,
      gnuTimeSeconds: run.elapsedSeconds,
      warehouseSeconds: warehouseLine ? Number(warehouseLine[2]) : null,
      siteSeconds: siteLine ? Number(siteLine[1] ?? siteLine[2]) : null,
      warehouseBuilt: warehouseLine?.[1] === "built",
      loaderCacheCleared: /cleared cached loader outputs/.test(run.stderr),
      maxRssKb: run.maxRssKb,
      treePeakKb: run.treePeakKb,
      fingerprint: await readFingerprint(warehouse),
      log: relative(PROJECT_ROOT, logFile),
    };
    log(
      `build (${which}): ${report.seconds(measured.seconds)} — warehouse ${measured.warehouseBuilt ? "built" : "up to date"} ` +
        `${measured.warehouseSeconds ?? "?"} s, site ${measured.siteSeconds ?? "?"} s; peak ${report.memoryKb(measured.treePeakKb)} (process tree)` +
        (measured.maxRssKb ? `, ${report.memoryKb(measured.maxRssKb)} (largest process)` : ""),
    );
    return measured;
  };

  let cold: BuildRun;
  let warm: BuildRun | undefined;
  let pageEdit: BuildRun | undefined;
  let rebuildWarm = true;
  try {
    log(`build (cold): deleting ${relative(PROJECT_ROOT, LOADER_CACHE)} (the project's cached loader outputs) and the warehouse`);
    rmSync(LOADER_CACHE, { recursive: true, force: true });
    removeDatabase(warehouse);
    rmSync(siteDir, { recursive: true, force: true });
    cold = await build("cold", "cold");
    if (!cold.warehouseBuilt) result.warnings.push("the cold build did not build the warehouse");
    // A rebuild is warm when it skipped the warehouse and found the loader outputs in the cache. An edit
    // under data-loaders/ in between (or a build that ignored the lock) makes it cold again; it is then
    // measured again, up to REBUILD_ATTEMPTS times.
    for (let attempt = 1; attempt <= REBUILD_ATTEMPTS; attempt++) {
      const last = attempt === REBUILD_ATTEMPTS;
      warm = await build("rebuild, inputs unchanged", attempt === 1 ? "rebuild" : `rebuild-${attempt}`);
      if (!warm.warehouseBuilt && !warm.loaderCacheCleared) break;
      const why = warm.warehouseBuilt
        ? cold.fingerprint !== warm.fingerprint
          ? "it rebuilt the warehouse: the warehouse's fingerprint changed (data-loaders/ or data/config.json was edited meanwhile)"
          : "it rebuilt the warehouse although the fingerprint did not change"
        : "it found the loader cache stamped by another warehouse (another build in this project ran in between)";
      log(`build (rebuild): not warm, ${why}${last ? "" : "; measuring it again"}`);
      if (last) {
        rebuildWarm = false;
        result.errors.push(`rebuild: never warm in ${REBUILD_ATTEMPTS} attempts (${why}); run again on a quiet machine`);
      }
    }
    // What an analyst waits for after editing a page: the site built again, the loader outputs cached.
    pageEdit = await build("site rebuild, loaders cached", "page-edit", ["--force"]);
  } finally {
    lock.release();
    heldLock = null;
  }
  warm = warm!;
  const files = listFiles(siteDir);
  return {
    cold,
    warm,
    pageEdit,
    rebuildWarm,
    speedup: cold.seconds / warm.seconds,
    siteBytes: files.reduce((n, f) => n + statSync(f).size, 0),
    siteFiles: files.length,
  };
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

/** The site's language (data/config.json), for the label of the channel select. */
function siteLocale(): Locale {
  try {
    const config = JSON.parse(readFileSync(join(PROJECT_ROOT, "data/config.json"), "utf8")) as { locale?: string };
    return config.locale === "ko" ? "ko" : "en";
  } catch {
    return "en";
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Targets and tables

function checksOf(r: SizeResult): Check[] {
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
  const parts = [`${report.count(r.leads)} leads`];
  if (r.exports) parts.push(`exports ${report.bytes(r.exports.bytes)} in ${r.exports.files.length} files${rows ? `, ${report.count(rows)} rows read` : ""}${r.exports.reused ? " (reused)" : ` (generated in ${report.seconds(r.exports.generateSeconds!)})`}`);
  if (r.errors.length) parts.push(`${r.errors.length} step(s) NOT MEASURED`);
  return parts.join(" — ");
}

function sizeRows(r: SizeResult): Row[] {
  const rows: Row[] = [];
  const check = (id: string) => r.checks.find((c) => c.id === id);
  const row = (figure: string, value: string, target = "", id?: string) =>
    rows.push({ figure, value, target, status: id ? report.status(check(id)?.met ?? null) : "—" });
  const notMeasured = (figure: string) => rows.push({ figure, value: "not measured", target: "", status: "—" });

  if (r.floor) row(`floor: DuckDB read_csv, ${r.floor.files.length} files`, report.seconds(r.floor.seconds));
  else notMeasured("floor");
  if (r.warehouse) {
    row("warehouse build", `${report.seconds(r.warehouse.seconds)}${r.warehouse.vsFloor ? ` = ${report.ratio(r.warehouse.vsFloor)} floor` : ""}`, `≤ ${TARGETS.warehouseVsFloor}× floor`, "warehouse_vs_floor");
    row("warehouse build peak memory", report.memoryKb(r.warehouse.maxRssKb), "≤ 2 GB", "warehouse_peak_memory");
  } else notMeasured("warehouse build");
  if (r.loaders) {
    const total = r.loaders.reduce((n, l) => n + l.seconds, 0);
    for (const l of r.loaders) row(`loader ${l.name} (${report.bytes(l.gzipBytes)} gz)`, report.seconds(l.seconds), `≤ ${TARGETS.loaderSeconds} s`, `loader:${l.name}`);
    row(`loaders, all ${r.loaders.length} one after the other`, report.seconds(total));
    if (r.loaderStartupSeconds !== undefined) row("loader start-up alone (Node + tsx + DuckDB open, no query)", report.seconds(r.loaderStartupSeconds));
  } else notMeasured("loaders");
  if (r.build) {
    const { cold, warm } = r.build;
    row(`full build, cold (warehouse ${cold.warehouseSeconds ?? "?"} s + site ${cold.siteSeconds ?? "?"} s)`, report.seconds(cold.seconds), `≤ ${TARGETS.fullBuildSeconds} s`, "full_build");
    row("full build peak memory (process tree)", report.memoryKb(cold.treePeakKb), "≤ 2 GB", "build_peak_memory");
    if (cold.maxRssKb) row("full build peak memory (largest process)", report.memoryKb(cold.maxRssKb));
    if (r.build.rebuildWarm) row(`rebuild, inputs unchanged (${report.seconds(warm.seconds)})`, `${report.ratio(r.build.speedup)} faster`, `≥ ${TARGETS.rebuildSpeedup}×`, "rebuild_speedup");
    else row("rebuild, inputs unchanged", "not measured (never warm)", `≥ ${TARGETS.rebuildSpeedup}×`, "rebuild_speedup");
    if (r.build.pageEdit) row("site rebuild after a page edit (loader outputs cached)", report.seconds(r.build.pageEdit.seconds));
    row("site output", `${report.bytes(r.build.siteBytes)}, ${report.count(r.build.siteFiles)} files`);
  } else notMeasured("full build");
  for (const p of r.pages ?? []) {
    if (!p.built) {
      row(`${p.path}`, "not built");
      continue;
    }
    row(`${p.path} data (/_file/)`, `${report.bytes(p.dataGzipBytes!)} gz`, "≤ 300 KB gz", `page_data:${p.path}`);
    row(`${p.path} first visit, ${p.responses!.length} responses`, `${report.bytes(p.totalGzipBytes!)} gz`, "≤ 600 KB gz", `first_visit:${p.path}`);
    row(`${p.path} time to charts`, p.chartsMs === null ? "no chart" : report.ms(p.chartsMs!));
  }
  for (const f of r.filters ?? []) {
    const each = f.changes.map((c) => (c.ms === null ? "—" : c.ms.toFixed(0))).join("/");
    row(`${f.path} ${f.select} change → re-render (median of ${each} ms)`, f.medianMs === null ? "not measured" : report.ms(f.medianMs), `≤ ${TARGETS.filterRenderMs} ms`, `filter:${f.path}`);
  }
  if (!r.pages) {
    if (r.errors.some((e) => e.startsWith("pages"))) notMeasured("pages (see the error below)");
    else row("pages", "skipped");
  }
  return rows;
}

/** With several sizes: how each time and memory figure grows per 10× leads, between consecutive sizes and overall. */
function growthRows(results: SizeResult[]): { rows: Row[]; checks: Array<Check & { from: number; to: number }> } {
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
      const per10 = report.growthPer10x({ leads: a.leads, value: va }, { leads: b.leads, value: vb });
      if (per10 === null) continue;
      // Time and memory must grow no faster than linearly (10× per 10× leads); page bytes should not grow at all.
      const limited = figure.kind !== "bytes";
      const met = limited ? per10 <= TARGETS.growthPer10x : null;
      const span = `${report.count(a.leads)} → ${report.count(b.leads)}`;
      const shown = figure.kind === "time" ? `${report.seconds(va)} → ${report.seconds(vb)}` : figure.kind === "memory" ? `${report.memoryKb(va)} → ${report.memoryKb(vb)}` : `${report.bytes(va)} → ${report.bytes(vb)}`;
      rows.push({ figure: `${figure.figure}, ${span} (${shown})`, value: `${report.ratio(per10)} per 10×`, target: limited ? "≤ 10× per 10× (linear)" : "", status: report.status(met) });
      checks.push({ id: `growth:${figure.id}`, figure: `${figure.figure} growth per 10× leads`, value: per10, unit: "ratio", target: limited ? "≤ 10" : "", met, from: a.leads, to: b.leads });
    }
  }
  return { rows, checks };
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Helpers

/** The one JSON line a bench-child.ts process prints, or an error naming what failed and why. */
function childJson<T>(run: Measured, what: string): T {
  if (run.code !== 0) throw new Error(`${what} failed (${exitText(run)}):\n${tail(run.stderr)}`);
  const line = run.stdout.toString("utf8").trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${what} printed no result:\n${tail(run.stderr)}`);
  }
}

function exitText(run: Measured): string {
  if (run.timedOut) return "timed out";
  return run.signal ? `killed by ${run.signal}` : `exit code ${run.code}`;
}

/** The build lock while the benchmark holds it (released on Ctrl-C). */
let heldLock: BuildLock | null = null;
/** Set on Ctrl-C: take no lock any more. */
let stopping = false;

function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

function maxOf(values: number[] | undefined): number | undefined {
  return values?.length ? Math.max(...values) : undefined;
}

/** Other Framework builds or previews whose working directory is this project (read from /proc; only reported). */
function otherFrameworkBuilds(): number[] {
  const found: number[] = [];
  try {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
        if (!cmdline.some((arg) => /observable(\.js)?$/.test(arg)) || !cmdline.some((arg) => arg === "build" || arg === "preview")) continue;
        if (readlinkSync(`/proc/${name}/cwd`) === PROJECT_ROOT) found.push(Number(name));
      } catch {
        // not ours to read, or gone
      }
    }
  } catch {
    // no /proc
  }
  return found;
}

/** A path as the user reads it best: relative to the project when inside it. */
function shown(path: string): string {
  const inside = relative(PROJECT_ROOT, path);
  return inside && !inside.startsWith("..") ? inside : path;
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", "-").replaceAll(":", "");
}

/** Files and folders an interrupted run must not leave behind. */
const temporaryDirs = new Set<string>();
let outDir: string | null = null;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`\nbench: interrupted (${signal}), stopping`);
    killRunning();
    for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
    // What the killed warehouse build and site build were writing: <warehouse>.<pid>.tmp(.wal), <site>.tmp-<pid>.
    if (outDir && existsSync(outDir)) {
      for (const name of readdirSync(outDir)) if (/\.\d+\.tmp(\.wal)?$|\.tmp-\d+$/.test(name)) rmSync(join(outDir, name), { recursive: true, force: true });
    }
    // The killed build ran under our lock and took none of its own: letting ours go is all there is to do.
    heldLock?.release();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
