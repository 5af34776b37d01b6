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
 *
 * This file runs the steps in order and writes the results; the steps are bench-steps.ts (1–4, 6) and
 * bench-builds.ts (5, under scripts/build-lock.ts's lock), the tables and targets bench-report.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { measureBuilds } from "./bench-builds.ts";
import { hasGnuTime, killRunning } from "./bench-measure.ts";
import * as report from "./bench-report.ts";
import type { SizeResult } from "./bench-report.ts";
import {
  ensureExports,
  interruption,
  log,
  measureFloor,
  measureLoaders,
  measureLoaderStartup,
  measurePagesOf,
  measureWarehouse,
  PROJECT_ROOT,
  removeDatabase,
} from "./bench-steps.ts";

const USAGE = "usage: npm run bench -- [--sizes 1000000[,…]] [--out bench/out] [--skip-browser] [--keep]";

interface Options {
  sizes: number[];
  out: string;
  skipBrowser: boolean;
  keep: boolean;
}

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
  const growth = report.growthRows(results);
  const file = join(options.out, `bench-${stamp(startedAt)}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options: { ...options, out: relative(PROJECT_ROOT, options.out) }, machine, targets: report.TARGETS, sizes: results, growth: growth.checks }, null, 2)}\n`,
  );

  process.stdout.write(`\n${report.formatTables(results, growth.rows)}\n\nwritten: ${shown(file)}\n`);

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
  if (!options.keep) for (const path of artifacts) interruption.temporaryPaths.add(path);
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
    else if (site) await step("pages", () => measurePagesOf(siteDir, result));
  } finally {
    if (!options.keep) {
      removeDatabase(floorDb);
      removeDatabase(warehouse);
      rmSync(siteDir, { recursive: true, force: true });
      for (const path of artifacts) interruption.temporaryPaths.delete(path);
    }
  }
  result.checks = report.checksOf(result);
  return result;
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

/** The output folder, once made (an interrupted run tidies it). */
let outDir: string | null = null;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interruption.stopping) return;
    interruption.stopping = true;
    log(`\nbench: interrupted (${signal}), stopping`);
    killRunning();
    for (const dir of interruption.temporaryPaths) rmSync(dir, { recursive: true, force: true });
    // What the killed warehouse build and site build were writing: <warehouse>.<pid>.tmp(.wal), <site>.tmp-<pid>.
    if (outDir && existsSync(outDir)) {
      for (const name of readdirSync(outDir)) if (/\.\d+\.tmp(\.wal)?$|\.tmp-\d+$/.test(name)) rmSync(join(outDir, name), { recursive: true, force: true });
    }
    // The killed build ran under our lock and took none of its own: letting ours go is all there is to do.
    interruption.heldLock?.release();
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
