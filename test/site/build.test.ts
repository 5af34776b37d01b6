import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../helpers.ts";
import { runBuild } from "../site-build.ts";

/** The lead count the built site shows, read from the funnel mart's file in the site. */
function builtLeadCount(siteDir: string): number {
  const dir = join(siteDir, "_file/data/marts");
  const file = readdirSync(dir).find((name) => /^mart_funnel\.[0-9a-f]+\.json$/.test(name));
  if (!file) throw new Error(`no funnel data in ${dir}`);
  const { data } = JSON.parse(readFileSync(join(dir, file), "utf8")) as { data: { step: string[]; reached: number[] } };
  return data.step.reduce((sum, step, i) => sum + (step === "lead" ? data.reached[i]! : 0), 0);
}

// These tests run the real build (npm run build) one after another; they share Framework's cache.
describe("npm run build", () => {
  const exportsDir = join(tempDir(), "exports");
  cpSync(join(FIXTURES, "salesforce-funnel"), exportsDir, { recursive: true });
  const warehouse = join(tempDir(), "warehouse.duckdb");

  it("never shows stale numbers: changed exports reach the site although the loader did not change", () => {
    const first = join(tempDir(), "site");
    const build1 = runBuild({ SITE_OUTPUT: first, WAREHOUSE: warehouse, CRM_EXPORTS: exportsDir });
    expect(build1.status, build1.output).toBe(0);
    expect(builtLeadCount(first)).toBe(6);

    const again = join(tempDir(), "site");
    const build2 = runBuild({ SITE_OUTPUT: again, WAREHOUSE: warehouse, CRM_EXPORTS: exportsDir });
    expect(build2.output).toMatch(/warehouse up to date/);
    expect(builtLeadCount(again)).toBe(6);

    const leads = join(exportsDir, "Lead.csv");
    writeFileSync(
      leads,
      readFileSync(leads, "utf8") +
        `"00Q000000000009AAA","0","New","Lead","new@x.example","","Gamma Inc","Web","Open - Not Contacted","2026-02-20 10:00:00","","","0","","","","",""\n`,
    );
    const second = join(tempDir(), "site");
    const build3 = runBuild({ SITE_OUTPUT: second, WAREHOUSE: warehouse, CRM_EXPORTS: exportsDir });
    expect(build3.status, build3.output).toBe(0);
    expect(build3.output).toMatch(/warehouse built/);
    expect(builtLeadCount(second)).toBe(7);
  });

  it("fails on an unusable export naming file and column, and leaves the last site and warehouse in place", () => {
    const site = join(tempDir(), "site");
    const good = runBuild({ SITE_OUTPUT: site, WAREHOUSE: warehouse, CRM_EXPORTS: exportsDir });
    expect(good.status, good.output).toBe(0);
    const broken = join(tempDir(), "exports");
    cpSync(exportsDir, broken, { recursive: true });
    const path = join(broken, "Opportunity.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace('"StageName"', '"Stage"'));
    const failed = runBuild({ SITE_OUTPUT: site, WAREHOUSE: warehouse, CRM_EXPORTS: broken });
    expect(failed.status).toBe(1);
    expect(failed.output).toMatch(/Opportunity\.csv: missing required column "StageName"/);
    expect(failed.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(join(site, "index.html"))).toBe(true);
    expect(existsSync(warehouse)).toBe(true);
  });
});
