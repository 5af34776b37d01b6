// The last line of CI: "N passed, N failed", from vitest's JSON report (test-results/vitest.json).
//
// A test that did not finish is a failed test, not a missing one, and an error outside every test fails
// the run. One case is run again: when no test failed but a test file did not finish because its worker
// process died (DuckDB is a native addon; a crash of the process, not of a test), those files alone are
// run once more and their result replaces the first. The rerun is printed, with the files, so a crash that
// comes back is a failure and one that does not is on the record.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.cwd();
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
const testFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [relative(root, join(dir, e.name))] : [],
  );
const passedIn = (file) => file.assertionResults.filter((a) => a.status === "passed").length;
const finished = (file) => file.status === "passed" && file.assertionResults.every((a) => ["passed", "skipped", "pending", "todo"].includes(a.status));

const first = read("test-results/vitest.json");
const byFile = new Map(first.testResults.map((f) => [relative(root, f.name), f]));
let passed = first.numPassedTests;
let failed = first.numFailedTests;

if (!first.success && failed === 0) {
  const unfinished = testFiles("test").filter((f) => !byFile.has(f) || !finished(byFile.get(f)));
  if (unfinished.length === 0) {
    console.log("the run failed outside every test (see the errors above)");
    failed = 1;
  } else {
    console.log(`no test failed, but ${unfinished.length} test file(s) did not finish (a worker exited): running them once more: ${unfinished.join(", ")}`);
    const rerun = spawnSync("npx", ["vitest", "run", ...unfinished, "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest-rerun.json"], { stdio: "inherit" });
    const second = existsSync("test-results/vitest-rerun.json") ? read("test-results/vitest-rerun.json") : null;
    const kept = first.testResults.filter((f) => !unfinished.includes(relative(root, f.name)));
    passed = kept.reduce((n, f) => n + passedIn(f), 0) + (second?.numPassedTests ?? 0);
    failed = !second ? 1 : second.numFailedTests || (second.success && rerun.status === 0 ? 0 : 1);
  }
} else if (!first.success) {
  // Tests that failed, and any that did not finish beside them.
  failed += Math.max(0, first.numTotalTests - passed - failed - (first.numPendingTests ?? 0) - (first.numTodoTests ?? 0));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
