// Every command answers --help with its usage (exit 0) and a wrong option with the usage (exit 2), never
// a stack trace; `npm run warehouse -- --suggest-mapping` starts a mapping from headers, or lists the
// config lines a known export still needs.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../helpers.ts";
import { PROJECT_ROOT } from "../site-build.ts";

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const COMMANDS = ["build-warehouse", "build", "sql", "generate-sample", "new-metric", "bench", "screenshot", "serve", "check-data", "preview"];

describe("the commands", () => {
  it.each(COMMANDS)("%s --help prints its usage and exits 0", (script) => {
    const { status, stdout, stderr } = run(script, ["--help"]);
    expect(status, stderr).toBe(0);
    expect(`${stdout}${stderr}`).toMatch(/^\s*usage: /m);
  });

  it.each(COMMANDS)("%s with an unknown option prints the usage and exits 2, without a stack trace", (script) => {
    const { status, stderr } = run(script, ["--no-such-option"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/no-such-option/);
    expect(stderr).toMatch(/usage: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm run warehouse -- --suggest-mapping", () => {
  it("starts a mapping from the headers of an export in no known format", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deals.csv"), "Deal ID,Deal Stage,Deal Value,Close Date,Sales Rep,Company\nd1,Won,100,2026-01-05,Ann,Acme\n");
    writeFileSync(join(dir, "notes.csv"), "Note,Written\nhello,2026-01-01\n");
    const { status, stdout, stderr } = run("build-warehouse", ["--exports", dir, "--suggest-mapping"]);
    expect(status, stderr).toBe(0);
    const mapping = JSON.parse(stdout);
    expect(mapping.files).toEqual([
      {
        file: "deals.csv",
        entity: "opportunities",
        columns: { opportunity_id: "Deal ID", stage_name: "Deal Stage", amount: "Deal Value", close_date: "Close Date", owner_id: "Sales Rep", account_id: "Company" },
        $unmatched: [],
      },
    ]);
    expect(mapping.$notUsed).toEqual(["notes.csv"]);
  });

  it("lists the config a known export still needs, with guesses", () => {
    const { status, stdout, stderr } = run("build-warehouse", ["--exports", join(FIXTURES, "salesforce-multicurrency"), "--suggest-mapping"]);
    expect(status, stderr).toBe(0);
    const config = JSON.parse(stdout);
    expect(config.funnel.opportunityStages).toEqual({
      "Cerrada perdida": "lost",
      "Cerrada ganada": "won",
      Negociación: "negotiation",
      Propuesta: "proposal",
      Prospección: "opportunity",
    });
    expect(config.exchangeRates).toEqual({ PEN: "?" });
    expect(config.salesforce.customFields).toEqual({ "Opportunity.lossReason": "LossReason__c" });
  });

  it("is what the refusal of an unrecognised folder points to", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "export.csv"), "Col A,Col B\n1,2\n");
    const { status, stderr } = run("build-warehouse", ["--exports", dir]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/cannot tell which CRM these exports come from\. .*Headers: export\.csv: Col A, Col B\. .*--suggest-mapping > mapping\.json/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
