// `npm test` passes on a machine without the real datasets: the tests that need them are skipped, with one
// line saying so, not failed. Runs two of those test files in a child vitest with REAL_DATA pointing nowhere.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tempDir } from "../helpers.ts";
import { PROJECT_ROOT } from "../site-build.ts";

it("skips the real-data tests with a notice when the folder is absent, and fails none", () => {
  const out = join(tempDir(), "vitest.json");
  const absent = join(tempDir(), "no-real-data-here");
  const { REQUIRE_REAL_DATA: _required, ...env } = process.env;
  const run = spawnSync(
    "npx",
    ["vitest", "run", "test/ingest/real-data.test.ts", "test/models/mart_win_rate.test.ts", "--reporter=json", `--outputFile=${out}`],
    { cwd: PROJECT_ROOT, env: { ...env, REAL_DATA: absent }, encoding: "utf8", timeout: 240_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout + run.stderr).toContain(`Real datasets absent (${absent}): the tests that need them are skipped.`);
  const report = JSON.parse(readFileSync(out, "utf8")) as { numFailedTests: number; numPassedTests: number; numPendingTests: number };
  expect(report.numFailedTests).toBe(0);
  expect(report.numPendingTests).toBeGreaterThanOrEqual(10); // every real-data test of both files
  expect(report.numPassedTests).toBeGreaterThan(0); // mart_win_rate's fixture tests still run
}, 300_000);

it("fails the real-data tests, naming the folder, when REQUIRE_REAL_DATA (as in .ci/run) and it is absent", () => {
  const absent = join(tempDir(), "no-real-data-here");
  const run = spawnSync("npx", ["vitest", "run", "test/ingest/real-data.test.ts", "-t", "IBM"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REAL_DATA: absent, REQUIRE_REAL_DATA: "1" },
    encoding: "utf8",
    timeout: 240_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.stdout + run.stderr).toContain(`real data is absent: expected ${join(absent, "ibm-sales-win-loss")}`);
}, 300_000);
