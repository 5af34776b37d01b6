/**
 * Build the sites the site and browser tests look at, once per test run and one after the other
 * (Framework's loader cache is shared, so builds must not run in parallel): the bundled sample; a copy of
 * it whose CRM text is hostile (test/fixtures/make-hostile-export.ts); and three exports shaped unlike the
 * sample — the sample's org as Salesforce reports with real orgs' quirks and no config, a HubSpot export
 * with four pipelines, a multi-currency Salesforce export in Spanish — and the sample as a Korean site
 * (a CRM_CONFIG overlay: locale ko, currency KRW at 1,400 won to the dollar). Exactly as `npm run build` does, into
 * test-results/run-<pid>/ (removed when the run ends).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { writeReportStyle } from "../data-loaders/sample/report-style.ts";
import { makeHostileExport } from "./fixtures/make-hostile-export.ts";
import { REAL_DATA, SKIP_REAL_DATA } from "./helpers.ts";
import { PROJECT_ROOT, runBuild } from "./site-build.ts";

/** The sites the tests may ask for with inject(name). */
export const SITES = ["siteDir", "hostileSiteDir", "reportSiteDir", "hubspotSiteDir", "multicurrencySiteDir", "teamsSiteDir", "mavenSiteDir", "koreanSiteDir"] as const;
export type SiteName = (typeof SITES)[number];

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  if (SKIP_REAL_DATA) {
    console.log(`Real datasets absent (${REAL_DATA}): the tests that need them are skipped. Set REAL_DATA=DIR to run them.`);
  }
  // `vitest run test/models` (a filter naming no site or browser test) needs no site: skip the builds.
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("-") && arg !== "run");
  if (filters.length && !filters.some((f) => /site|browser/.test(f))) return;
  // A folder per run, so that two test runs on one machine never rebuild each other's sites.
  const RESULTS = join(PROJECT_ROOT, "test-results", `run-${process.pid}`);
  const sample = join(PROJECT_ROOT, "data/exports/sample");
  const hostileExports = join(RESULTS, "hostile-export");
  rmSync(hostileExports, { recursive: true, force: true });
  makeHostileExport(sample, hostileExports);
  const reportExports = join(RESULTS, "report-export");
  rmSync(reportExports, { recursive: true, force: true });
  mkdirSync(reportExports, { recursive: true });
  await writeReportStyle(sample, reportExports, { quirks: true });
  // The sample in Korean: its own settings with the locale and currency laid over them, the won value of
  // its dollars (without a rate every amount is unknown) and its money targets in won.
  const koreanConfig = join(RESULTS, "korean-config.json");
  writeFileSync(koreanConfig, JSON.stringify(koreanSettings(readSampleConfig(sample), 1400)));
  // [site, folder, exports, mapping, config]
  const builds: Array<[SiteName, string, string, string?, string?]> = [
    ["siteDir", "site", sample],
    ["hostileSiteDir", "hostile-site", hostileExports],
    ["reportSiteDir", "report-site", reportExports],
    ["hubspotSiteDir", "hubspot-site", join(PROJECT_ROOT, "test/fixtures/hubspot-pipelines")],
    ["multicurrencySiteDir", "multicurrency-site", join(PROJECT_ROOT, "test/fixtures/salesforce-multicurrency")],
    // The sample with field sales split into two teams by config teamRoles.
    ["teamsSiteDir", "teams-site", sample, undefined, join(PROJECT_ROOT, "test/fixtures/split-teams/config.json")],
    // A real export without leads, stage history or close dates on open deals (where the real data is).
    ...(SKIP_REAL_DATA
      ? []
      : [["mavenSiteDir", "maven-site", join(REAL_DATA, "maven-crm-sales-opportunities"), join(PROJECT_ROOT, "data/mappings/maven-crm.json")] as [SiteName, string, string, string, string?]]),
    ["koreanSiteDir", "korean-site", sample, undefined, koreanConfig],
  ];
  for (const [key, name, exports, mapping, config] of builds) {
    const siteDir = join(RESULTS, name);
    rmSync(siteDir, { recursive: true, force: true });
    const build = runBuild({
      SITE_OUTPUT: siteDir,
      WAREHOUSE: join(RESULTS, `${name}.duckdb`),
      CRM_EXPORTS: exports,
      ...(mapping && { CRM_MAPPING: mapping }),
      ...(config && { CRM_CONFIG: config }),
    });
    if (build.status !== 0) throw new Error(`the ${name} build for the tests failed:\n${build.output}`);
    project.provide(key, siteDir);
  }
  return () => rmSync(RESULTS, { recursive: true, force: true });
}

/** Settings for the same export reported in won, at `wonPerDollar`: the targets in money scaled with it. */
function koreanSettings(settings: Record<string, any>, wonPerDollar: number): Record<string, unknown> {
  const money = new Set(["bookings", "renewal_bookings", "expansion_bookings"]);
  const targets = Object.fromEntries(
    Object.entries(settings.targets ?? {}).map(([team, kpis]) => [
      team,
      typeof kpis === "object" && kpis !== null
        ? Object.fromEntries(Object.entries(kpis).map(([kpi, value]) => [kpi, money.has(kpi) ? (value as number) * wonPerDollar : value]))
        : kpis,
    ]),
  );
  return { ...settings, targets, locale: "ko", currency: "KRW", exchangeRates: { USD: wonPerDollar } };
}

/** The sample's own settings (its config.json beside the exports), which a CRM_CONFIG file replaces. */
function readSampleConfig(sample: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(sample, "config.json"), "utf8")) as Record<string, unknown>;
}

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
    hostileSiteDir: string;
    reportSiteDir: string;
    hubspotSiteDir: string;
    multicurrencySiteDir: string;
    teamsSiteDir: string;
    mavenSiteDir: string;
    koreanSiteDir: string;
  }
}
