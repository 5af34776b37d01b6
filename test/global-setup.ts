/**
 * Build the sites the site and browser tests look at, once per test run and one after the other
 * (Framework's loader cache is shared, so builds must not run in parallel): the bundled sample, and a
 * copy of it whose CRM text is hostile (test/fixtures/make-hostile-export.ts). Exactly as `npm run
 * build` does, into test-results/run-<pid>/ (removed when the run ends).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { makeHostileExport } from "./fixtures/make-hostile-export.ts";
import { PROJECT_ROOT, runBuild } from "./site-build.ts";

export default function setup(project: TestProject): (() => void) | void {
  // `vitest run test/models` (a filter naming no site or browser test) needs no site: skip the builds.
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("-") && arg !== "run");
  if (filters.length && !filters.some((f) => /site|browser/.test(f))) return;
  // A folder per run, so that two test runs on one machine never rebuild each other's sites.
  const RESULTS = join(PROJECT_ROOT, "test-results", `run-${process.pid}`);
  const hostileExports = join(RESULTS, "hostile-export");
  rmSync(hostileExports, { recursive: true, force: true });
  makeHostileExport(join(PROJECT_ROOT, "data/exports/sample"), hostileExports);
  for (const [name, exports] of [["site", "data/exports/sample"], ["hostile-site", hostileExports]] as const) {
    const siteDir = join(RESULTS, name);
    rmSync(siteDir, { recursive: true, force: true });
    const build = runBuild({ SITE_OUTPUT: siteDir, WAREHOUSE: join(RESULTS, `${name}.duckdb`), CRM_EXPORTS: exports });
    if (build.status !== 0) throw new Error(`the ${name} build for the tests failed:\n${build.output}`);
  }
  project.provide("siteDir", join(RESULTS, "site"));
  project.provide("hostileSiteDir", join(RESULTS, "hostile-site"));
  return () => rmSync(RESULTS, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
    hostileSiteDir: string;
  }
}
