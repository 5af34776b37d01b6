/**
 * npm run build — the whole build: the warehouse (skipped when its inputs and code are unchanged), then
 * the Framework site into dist/.
 *
 * Two guarantees beyond Framework's own build:
 * - Never stale. Framework reuses a cached loader output whenever it is newer than the loader file, and
 *   never looks at the warehouse the loader reads. So when the warehouse fingerprint changes, the cached
 *   outputs of the loaders (src/.observablehq/cache/data/) are deleted before the site is built.
 * - Never half-built. The site is built into a temporary folder and swapped in for dist/ only when the
 *   build passed; a failing loader fails the build with its own message and leaves the old dist/ alone.
 *
 * - Nothing twice. When neither the warehouse nor anything the site is built from (src/, the Framework
 *   config, the installed packages) changed since the last build into the same folder, and that folder is
 *   still there, the site build is skipped: it is the same site. `npm run build -- --force` builds anyway.
 *
 * - In its language. Every page's <html lang> is the config's locale, and a Korean site's tab titles are
 *   Korean (scripts/localize-html.ts).
 *
 * - Locked down. Every page gets a Content-Security-Policy (scripts/csp.ts): only the site's own scripts
 *   and the page's own inline scripts, by hash, may run; nothing loads from or sends to another origin.
 *
 * - One at a time. Two builds at once would share Framework's loader cache and could publish each
 *   other's numbers, so a build waits for the one before it (scripts/build-lock.ts: a lock file holding
 *   its process id).
 *
 * CRM_EXPORTS=dir npm run build builds from other exports (CRM_MAPPING=file.json for an export read
 * through a mapping file); WAREHOUSE=file uses another warehouse file.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { listFiles } from "../data-loaders/files.ts";
import { buildWarehouse, DEFAULT_EXPORTS, DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { formatReconciliation } from "../data-loaders/warehouse/report.ts";
import { cli, HELP } from "./cli.ts";
import { acquireBuildLock } from "./build-lock.ts";
import { addContentSecurityPolicy } from "./csp.ts";
import { localizePages } from "./localize-html.ts";
import { navigation } from "../data-loaders/site/navigation.ts";
import { siteShape } from "../data-loaders/site/teams.ts";

const LOADER_CACHE = "src/.observablehq/cache/data";
const STAMP = join(LOADER_CACHE, ".warehouse-fingerprint");
/** The fingerprint of the last site built, per output folder. */
const SITE_STAMPS = "src/.observablehq/site-fingerprints.json";
const OUTPUT = process.env.SITE_OUTPUT ?? "dist";
/** Framework's command, run by this Node directly (npx would add half a second to look it up). */
const OBSERVABLE = createRequire(import.meta.url).resolve("@observablehq/framework/dist/bin/observable.js");
const USAGE = `
usage: npm run build [-- --force]

Builds the warehouse (skipped when nothing it reads changed) and the site into dist/.
  --force   build the site even when nothing it is built from changed
Environment: CRM_EXPORTS (the export folder, default ${DEFAULT_EXPORTS}), CRM_MAPPING (a mapping file),
CRM_CONFIG (the export's settings, default its config.json), WAREHOUSE, SITE_OUTPUT (default dist).
`;
const { values } = cli(USAGE, () => parseArgs({ options: { force: { type: "boolean", default: false }, ...HELP } }));
const force = values.force;

const exportsDir = process.env.CRM_EXPORTS ?? DEFAULT_EXPORTS;
const warehouse = process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE;

// Under the benchmark the lock is its parent's (BUILD_LOCK_HELD_BY): then it is neither taken nor released here.
const lock = await acquireBuildLock({ pollMs: 500, onWait: (holder) => console.error(`waiting for the build in process ${holder} to finish`) });
try {
  let started = performance.now();
  const result = await buildWarehouse({ exportsDir, out: warehouse, mappingPath: process.env.CRM_MAPPING });
  console.error(
    `${result.skipped ? "warehouse up to date" : "warehouse built"} from ${exportsDir} ` +
      `(${result.format}) in ${seconds(started)}s`,
  );
  console.error(formatReconciliation(result.files));

  invalidateLoaderCache(result.fingerprint);

  started = performance.now();
  const site = siteFingerprint(result.fingerprint);
  if (!force && existsSync(OUTPUT) && readSiteStamps()[resolve(OUTPUT)] === site) {
    console.error(`site in ${OUTPUT}/ is up to date (nothing it is built from changed), ${seconds(started)}s`);
  } else {
    const temp = `${OUTPUT}.tmp-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    const code = await run(process.execPath, [OBSERVABLE, "build"], { ...process.env, SITE_OUTPUT: temp, WAREHOUSE: warehouse });
    if (code !== 0) {
      rmSync(temp, { recursive: true, force: true });
      throw new Error(`the site build failed (observable build exited with ${code}); ${OUTPUT}/ was left as it was`);
    }
    // The language and teams of the warehouse just built (not of whatever warehouse was there before).
    const shape = await siteShape();
    localizePages(temp, shape.locale, navigation(shape.teams));
    const pages = addContentSecurityPolicy(temp);
    rmSync(OUTPUT, { recursive: true, force: true });
    renameSync(temp, OUTPUT);
    // Folders since deleted (test and benchmark sites) are forgotten.
    const stamps = Object.entries(readSiteStamps()).filter(([folder]) => existsSync(folder));
    writeFileSync(SITE_STAMPS, JSON.stringify(Object.fromEntries([...stamps, [resolve(OUTPUT), site]]), null, 2));
    console.error(`site built into ${OUTPUT}/ in ${seconds(started)}s (${pages} pages, each with its Content-Security-Policy)`);
  }
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  lock.release();
}

/** Delete the cached loader outputs when they were made from another warehouse. */
function invalidateLoaderCache(fingerprint: string): void {
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
  if (previous === fingerprint) return;
  if (existsSync(LOADER_CACHE)) console.error("warehouse changed: cleared cached loader outputs");
  rmSync(LOADER_CACHE, { recursive: true, force: true });
  mkdirSync(LOADER_CACHE, { recursive: true });
  writeFileSync(STAMP, fingerprint);
}

/**
 * A hash of everything a site build reads: the warehouse (by its fingerprint), every file under src/
 * (pages, components, loaders; not Framework's cache), the Framework config and the installed packages.
 */
function siteFingerprint(warehouseFingerprint: string): string {
  const hash = createHash("sha256").update(`warehouse:${warehouseFingerprint}\n`);
  for (const path of [...listFiles("src", { skip: [".observablehq"] }), "observablehq.config.ts", "package-lock.json"]) {
    if (!existsSync(path)) continue;
    hash.update(`file:${path}\n`).update(readFileSync(path));
  }
  return hash.digest("hex");
}

function readSiteStamps(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(SITE_STAMPS, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
