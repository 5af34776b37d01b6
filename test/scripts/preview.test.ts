// The analyst's loop: `npm run preview` serves the dashboard, and an edit to a model reaches the open page
// by itself — no rebuild command, no cache to clear, no reload. Runs in a copy of the project (so the
// edit touches no file other tests read) on a small export.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { FIXTURES, tempDir } from "../helpers.ts";
import { PROJECT_ROOT } from "../site-build.ts";

const PORT = 3900 + (process.pid % 90);

/** A copy of what preview runs from, sharing node_modules. */
function projectCopy(): string {
  const dir = tempDir("spd-preview-");
  for (const path of ["src", "data-loaders", "scripts", "data/config.json", "data/mappings", "package.json", "observablehq.config.ts", "tsconfig.json"]) {
    cpSync(join(PROJECT_ROOT, path), join(dir, path), { recursive: true, filter: (source) => !source.includes(".observablehq") });
  }
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "exports"));
  cpSync(join(FIXTURES, "salesforce-funnel"), join(dir, "exports"), { recursive: true });
  return dir;
}

describe("npm run preview", () => {
  let server: ChildProcess | undefined;
  let output = "";
  afterAll(() => {
    server?.kill("SIGTERM");
  });

  it("redraws an open page with the new numbers after a model is edited", async () => {
    const dir = projectCopy();
    server = spawn(process.execPath, ["--import", "tsx", "scripts/preview.ts", "--port", String(PORT)], {
      cwd: dir,
      env: { ...process.env, CRM_EXPORTS: join(dir, "exports"), WAREHOUSE: join(dir, "warehouse.duckdb") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk) => (output += chunk));
    server.stderr!.on("data", (chunk) => (output += chunk));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${PORT}/`).catch(() => null))?.status, { timeout: 120_000, interval: 500 }).toBe(200);
      await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: "networkidle" });
      // The overview's funnel counts (records reached per step).
      const counts = () => page.locator("svg.funnel-handoff .count").allTextContents();
      await expect.poll(async () => (await counts()).length, { timeout: 60_000 }).toBeGreaterThan(0);
      const before = await counts();

      // The analyst's edit: every step's records counted twice in mart_funnel_cohorts.
      const model = join(dir, "data-loaders/models/marts/mart_funnel_cohorts.sql");
      const sql = readFileSync(model, "utf8");
      const edited = sql.replace("sum(reached)::integer as reached,", "(2 * sum(reached))::integer as reached,");
      expect(edited).not.toBe(sql);
      const edit = performance.now();
      writeFileSync(model, edited);
      const doubled = before.map((n) => String(2 * Number(n.replace(/,/g, ""))));
      await expect.poll(counts, { timeout: 120_000, interval: 500, message: output }).toEqual(doubled);
      console.log(`preview: the page showed the edited model's numbers ${((performance.now() - edit) / 1000).toFixed(1)} s after the edit`);
      expect(output).toContain("warehouse rebuilt (models/marts/mart_funnel_cohorts.sql changed)");
    } finally {
      await browser.close();
    }
  }, 300_000);
});
