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
 * CRM_EXPORTS=dir npm run build builds from other exports (CRM_MAPPING=file.json for an export read
 * through a mapping file); WAREHOUSE=file uses another warehouse file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildWarehouse, DEFAULT_EXPORTS, DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { formatReconciliation } from "../data-loaders/warehouse/report.ts";

const LOADER_CACHE = "src/.observablehq/cache/data";
const STAMP = join(LOADER_CACHE, ".warehouse-fingerprint");
const OUTPUT = process.env.SITE_OUTPUT ?? "dist";

const exportsDir = process.env.CRM_EXPORTS ?? DEFAULT_EXPORTS;
const warehouse = process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE;

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
  const temp = `${OUTPUT}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  const code = await run("npx", ["observable", "build"], { ...process.env, SITE_OUTPUT: temp, WAREHOUSE: warehouse });
  if (code !== 0) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(`the site build failed (observable build exited with ${code}); ${OUTPUT}/ was left as it was`);
  }
  rmSync(OUTPUT, { recursive: true, force: true });
  renameSync(temp, OUTPUT);
  console.error(`site built into ${OUTPUT}/ in ${seconds(started)}s`);
} catch (error) {
  console.error(`build failed: ${(error as Error).message}`);
  process.exit(1);
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
