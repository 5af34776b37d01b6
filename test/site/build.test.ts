import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../helpers.ts";
import { PROJECT_ROOT, runBuild } from "../site-build.ts";

/** The lead count the built site shows: the funnel page's lead step, summed over the years. */
function builtLeadCount(siteDir: string): number {
  const dir = join(siteDir, "_file/data/marts");
  const file = readdirSync(dir).find((name) => /^mart_funnel_cohorts\.[0-9a-f]+\.json$/.test(name));
  if (!file) throw new Error(`no funnel data in ${dir}`);
  const { data } = JSON.parse(readFileSync(join(dir, file), "utf8")) as { data: Record<string, Array<string | number>> };
  const whole = (i: number) => ["channel", "tier", "pipeline", "lead_source"].every((cut) => data[cut]![i] === "all");
  return data.step!.reduce<number>(
    (sum, step, i) => sum + (step === "lead" && data.cohort_window![i] === "period" && data.period_type![i] === "year" && whole(i) ? Number(data.reached![i]) : 0),
    0,
  );
}

// These tests run the real build (npm run build), several builds each: minutes, not seconds.
const BUILD_TIMEOUT = 600_000;

// They run one after another; they share Framework's cache.
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
  }, BUILD_TIMEOUT);

  it("fails on an unusable export naming file and column, and leaves the last site and warehouse in place", () => {
    const site = join(tempDir(), "site");
    const good = runBuild({ SITE_OUTPUT: site, WAREHOUSE: warehouse, CRM_EXPORTS: exportsDir });
    expect(good.status, good.output).toBe(0);
    const broken = join(tempDir(), "exports");
    cpSync(exportsDir, broken, { recursive: true });
    const path = join(broken, "Opportunity.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace('"StageName"', '"Phase"'));
    const failed = runBuild({ SITE_OUTPUT: site, WAREHOUSE: warehouse, CRM_EXPORTS: broken });
    expect(failed.status).toBe(1);
    expect(failed.output).toMatch(/Opportunity\.csv: missing required column "StageName"/);
    expect(failed.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(join(site, "index.html"))).toBe(true);
    expect(existsSync(warehouse)).toBe(true);
  }, BUILD_TIMEOUT);
});

describe("a failing loader", () => {
  it("fails the build with the loader's own message and leaves the deployed dist/ as it was", () => {
    // A copy of the project with one loader that throws, built exactly as npm run build does.
    const project = tempDir();
    for (const path of ["src", "data-loaders", "scripts", "observablehq.config.ts", "package.json", "tsconfig.json"]) {
      cpSync(join(PROJECT_ROOT, path), join(project, path), {
        recursive: true,
        filter: (source) => !source.includes(".observablehq"),
      });
    }
    symlinkSync(join(PROJECT_ROOT, "node_modules"), join(project, "node_modules"));
    symlinkSync(join(PROJECT_ROOT, "data"), join(project, "data"));
    writeFileSync(join(project, "src/data/broken.json.ts"), `throw new Error("the CRM API refused the token");\n`);
    writeFileSync(join(project, "src/broken.md"), '```js\nconst broken = FileAttachment("data/broken.json").json();\n```\n\n${broken}\n');
    mkdirSync(join(project, "dist"));
    writeFileSync(join(project, "dist/index.html"), "the last good site");
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
      cwd: project,
      env: { ...process.env, WAREHOUSE: join(project, "warehouse.duckdb"), CRM_EXPORTS: join(FIXTURES, "salesforce-funnel") },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).toContain("the CRM API refused the token");
    expect(output).toMatch(/build failed: the site build failed .* dist\/ was left as it was/);
    expect(readFileSync(join(project, "dist/index.html"), "utf8")).toBe("the last good site");
    expect(readdirSync(project).filter((name) => name.startsWith("dist.tmp"))).toEqual([]);
  }, BUILD_TIMEOUT);
});
