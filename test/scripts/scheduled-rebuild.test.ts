// The cron recipe end to end (deploy/scheduled-rebuild.sh): a first run publishes the site with its data
// summary; a run on an export that lost rows is refused and leaves the published site as it was. The
// checks themselves are worked through on small summaries below.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkForPublishing, type DataSummary } from "../../data-loaders/warehouse/publish-checks.ts";
import { FIXTURES, tempDir } from "../helpers.ts";
import { PROJECT_ROOT } from "../site-build.ts";

function rebuild(exports: string, publishDir: string) {
  const run = spawnSync("bash", ["deploy/scheduled-rebuild.sh"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, EXPORTS_SOURCE: exports, PUBLISH_DIR: publishDir },
    encoding: "utf8",
    timeout: 400_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe("deploy/scheduled-rebuild.sh", () => {
  it("publishes a first build with its data summary, then refuses an export that lost rows and keeps the site", () => {
    const publishDir = join(tempDir(), "www");
    const first = rebuild(join(FIXTURES, "salesforce-funnel"), publishDir);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain("✓ first publication");
    expect(existsSync(join(publishDir, "index.html"))).toBe(true);
    const summary = JSON.parse(readFileSync(join(publishDir, "data-checks.json"), "utf8")) as DataSummary;
    expect(summary.rows_loaded).toMatchObject({ leads: 6, opportunities: 5 });
    const publishedIndex = readFileSync(join(publishDir, "index.html"), "utf8");

    // The same export with three of its seven lead rows gone (a filtered or truncated export).
    const shrunk = join(tempDir(), "exports");
    cpSync(join(FIXTURES, "salesforce-funnel"), shrunk, { recursive: true });
    const leads = readFileSync(join(shrunk, "Lead.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(join(shrunk, "Lead.csv"), `${leads.slice(0, -3).join("\n")}\n`);
    const second = rebuild(shrunk, publishDir);
    expect(second.status).toBe(1);
    expect(second.output).toMatch(/✗ no object shrank: leads: \d+ rows loaded, down from 6/);
    expect(second.output).toContain(`not published`);
    expect(readFileSync(join(publishDir, "index.html"), "utf8")).toBe(publishedIndex);
    expect(JSON.parse(readFileSync(join(publishDir, "data-checks.json"), "utf8"))).toEqual(summary);
  }, 900_000);
});

describe("checkForPublishing(current, previous)", () => {
  const published: DataSummary = {
    as_of: "2026-11-08",
    rows_loaded: { leads: 1000, opportunities: 200 },
    mart_rows: { mart_funnel: 50, mart_win_rate: 30 },
    unreconciled: [],
  };
  const failed = (current: DataSummary) => checkForPublishing(current, published).filter((c) => !c.passed).map((c) => c.name);

  it("passes a week's newer export that grew", () => {
    expect(failed({ ...published, as_of: "2026-11-15", rows_loaded: { leads: 1040, opportunities: 205 } })).toEqual([]);
  });

  it("refuses the same or older exports, a shrink beyond a tenth, an emptied mart and a file that does not reconcile", () => {
    expect(failed({ ...published })).toEqual(["as-of moved forward"]);
    // 900 of 1,000 leads is a tenth fewer: allowed; 899 is not.
    expect(failed({ ...published, as_of: "2026-11-15", rows_loaded: { leads: 900, opportunities: 200 } })).toEqual([]);
    expect(failed({ ...published, as_of: "2026-11-15", rows_loaded: { leads: 899, opportunities: 200 } })).toEqual(["no object shrank"]);
    expect(failed({ ...published, as_of: "2026-11-15", mart_rows: { mart_funnel: 0, mart_win_rate: 30 } })).toEqual(["no mart emptied"]);
    expect(failed({ ...published, as_of: "2026-11-15", unreconciled: ["Lead.csv"] })).toEqual(["reconciles"]);
  });
});
