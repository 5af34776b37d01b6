/**
 * Step 5 of the benchmark: the full build (scripts/build.ts) from a cold state, rebuilt with nothing
 * changed, and rebuilt after a page edit, all under one hold of the build lock (scripts/build-lock.ts).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { listFiles } from "../data-loaders/files.ts";
import { readFingerprint } from "../data-loaders/warehouse/build.ts";
import { runMeasured, tail } from "./bench-measure.ts";
import * as report from "./bench-report.ts";
import type { BuildRun, SizeResult } from "./bench-report.ts";
import { exitText, interruption, log, LONG_STEP_MS, MINUTE, NODE, PROJECT_ROOT, removeDatabase } from "./bench-steps.ts";
import { acquireBuildLock, BUILD_LOCK_FILE, heldByEnv } from "./build-lock.ts";

const LOADER_CACHE = join(PROJECT_ROOT, "src/.observablehq/cache/data");
/** scripts/build.ts's lock: one build at a time in this project (the loader cache is shared). */
const BUILD_LOCK = join(PROJECT_ROOT, BUILD_LOCK_FILE);
const REBUILD_ATTEMPTS = 3;

/**
 * Step 5: the full build, cold (no warehouse, no cached loader outputs: everything runs), then again
 * with nothing changed (the warehouse is skipped by its fingerprint, the loader outputs come from the cache).
 */
export async function measureBuilds(exportsDir: string, warehouse: string, siteDir: string, result: SizeResult, outDir: string): Promise<NonNullable<SizeResult["build"]>> {
  const leads = result.leads;
  for (const name of readdirSync(outDir)) if (name.startsWith(`build-${leads}-`) && name.endsWith(".log")) rmSync(join(outDir, name), { force: true });
  // Never clear the shared loader cache under another build: take the build lock first, and hold it
  // across our builds so that no other build uses the cache in between. Each build.ts runs under it
  // (BUILD_LOCK_HELD_BY, see scripts/build-lock.ts), so it never waits and its time is its own.
  const lock = await acquireBuildLock({
    file: BUILD_LOCK,
    pollMs: 100,
    timeoutMs: 60 * MINUTE,
    shouldStop: () => interruption.stopping,
    onWait: (holder) => log(`waiting for the build in process ${holder} to finish (the loader cache is shared)`),
  });
  interruption.heldLock = lock;
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
    interruption.heldLock = null;
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
