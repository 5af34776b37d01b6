/**
 * Build the site once per test run from the bundled sample, exactly as `npm run build` does, into
 * test-results/site, for the site and browser tests. Framework's loader cache is shared with a
 * developer's own builds; the build script's fingerprint stamp keeps both correct.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PROJECT_ROOT, runBuild } from "./site-build.ts";

export const SITE_DIR = join(PROJECT_ROOT, "test-results/site");
export const SITE_WAREHOUSE = join(PROJECT_ROOT, "test-results/warehouse.duckdb");

export default function setup(project: TestProject): void {
  // `vitest run test/models` (a filter naming no site or browser test) needs no site: skip the build.
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("-") && arg !== "run");
  if (filters.length && !filters.some((f) => /site|browser/.test(f))) return;
  rmSync(SITE_DIR, { recursive: true, force: true });
  const build = runBuild({ SITE_OUTPUT: SITE_DIR, WAREHOUSE: SITE_WAREHOUSE, CRM_EXPORTS: "data/exports/sample" });
  if (build.status !== 0) throw new Error(`the site build for the tests failed:\n${build.output}`);
  project.provide("siteDir", SITE_DIR);
  project.provide("siteWarehouse", SITE_WAREHOUSE);
}

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
    siteWarehouse: string;
  }
}
