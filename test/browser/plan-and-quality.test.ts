import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { sitePage } from "./watch.ts";
import { formatMoney } from "../../src/components/format.ts";

/** The settings the site was built with (data/settings.json, fingerprinted under _file/). */
function builtSettings(siteDir: string): { targets: Array<{ team: string; kpi: string; monthly_target: number }> } {
  const dir = join(siteDir, "_file/data");
  const file = readdirSync(dir).find((f) => /^settings\.[0-9a-f]+\.json$/.test(f))!;
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

// The plan and data-quality pages on the site built from the bundled sample (a clean export, no snapshots).
describe("plan and data-quality pages in Chromium", () => {
  const site = sitePage();

  describe("plan", () => {
    beforeAll(async () => {
      await site.page.goto(`${site.url}/plan`, { waitUntil: "networkidle" });
    });

    const needed = () => site.page.locator("svg.reverse-funnel .needed").allTextContents();

    it("draws the reverse funnel from leads down to won deals, and the coverage bars with the 3× line", async () => {
      await expect.poll(() => site.page.locator("svg.reverse-funnel rect.bar").count()).toBe(5);
      expect(await site.page.locator("svg.reverse-funnel .step-label").allTextContents()).toEqual([
        "Leads",
        "MQLs",
        "SQLs",
        "Opportunities",
        "Won deals",
      ]);
      // The default target is field sales' bookings target for a quarter: 3 × the monthly target.
      const monthly = builtSettings(inject("siteDir")).targets.find((t) => t.team === "field_sales" && t.kpi === "bookings")!;
      expect(await site.page.locator(".target-echo").textContent()).toBe(`= ${formatMoney(3 * monthly.monthly_target)}`);
      const counts = (await needed()).map((t) => Number(t.replaceAll(",", "")));
      expect(counts.every((n) => n > 0)).toBe(true);
      // Each step needs at least as many records as the one below it.
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      const coverageBars = site.page.locator(".card svg g[aria-label='bar'] rect");
      expect(await coverageBars.count()).toBeGreaterThanOrEqual(2);
      expect(await site.page.locator(".card svg g[aria-label='rule'] line").count()).toBeGreaterThanOrEqual(1);
      await expect.poll(() => site.page.locator(".plan-words .deadline").textContent()).toMatch(/Leads must arrive by \d{4}-\d{2}-\d{2}/);
      expect(site.problems).toEqual([]);
    });

    it("shows the four inputs of sales velocity and its value", async () => {
      const titles = await site.page.locator(".velocity .kpi h2").allTextContents();
      expect(titles).toEqual(["Open opportunities", "Win rate", "Average won deal", "Sales cycle", "Sales velocity"]);
      expect(await site.page.locator(".velocity .kpi-value").last().textContent()).toMatch(/^\$[\d.]+K$/);
    });

    it("shows the coverage note instead of a flow chart: the sample has no snapshots", async () => {
      expect(await site.page.locator(".coverage-note").textContent()).toMatch(/two or more dated snapshots/);
      expect(await site.page.locator("svg.pipeline-flow").count()).toBe(0);
    });

    it("recomputes the reverse funnel when another target is typed, and keeps it in the URL", async () => {
      const input = site.page.locator(".target-field input[type=number]");
      const initialTarget = Number(await input.inputValue());
      const before = (await needed()).map((t) => Number(t.replaceAll(",", "")));
      await input.fill("7000000");
      await expect.poll(async () => (await needed()).map((t) => Number(t.replaceAll(",", "")))).not.toEqual(before);
      const after = (await needed()).map((t) => Number(t.replaceAll(",", "")));
      // The records needed scale with the target, give or take the rounding up to whole records.
      const ratio = 7_000_000 / initialTarget;
      after.forEach((n, i) => expect(Math.abs(n - ratio * before[i]!)).toBeLessThanOrEqual(ratio + 1));
      expect(await site.page.locator(".target-echo").textContent()).toBe("= $7M");
      expect(new URL(site.page.url()).searchParams.get("target")).toBe("7000000");
    });

    it("plans from the outbound channel's own rates when the channel changes", async () => {
      const before = await needed();
      await site.page.getByLabel("Outbound", { exact: true }).check();
      await expect.poll(needed).not.toEqual(before);
      expect(new URL(site.page.url()).searchParams.get("channel")).toBe("outbound");
      expect(site.problems).toEqual([]);
    });
  });

  describe("data quality", () => {
    beforeAll(async () => {
      await site.page.goto(`${site.url}/data-quality`, { waitUntil: "networkidle" });
    });

    it("reconciles every file of the sample and says the export is clean", async () => {
      const table = site.page.locator(".data-table table").first();
      // The ten files of the sample and its config.json (settings, not read as data).
      await expect.poll(() => table.locator("tbody tr").count()).toBe(11);
      const rows = await table.locator("tbody tr").allInnerTexts();
      expect(rows.find((r) => r.includes("Lead.csv"))).toMatch(/10,000\s+10,000\s+0\s+0%\s+✓/);
      expect(rows.find((r) => r.includes("Contact.csv"))).toMatch(/not read/);
      expect(await site.page.locator(".verdict.clean").textContent()).toMatch(/A clean export/);
      expect(await site.page.locator(".all-clear").allTextContents()).toEqual([
        "✓ Every stage, status, currency, source, department, type and loss reason in this export is settled by the config.",
        "✓ No row was quarantined: every row read was loaded.",
      ]);
    });

    it("lists what the export can compute, with a status badge per area", async () => {
      const badges = await site.page.locator(".coverage-list .badge").allTextContents();
      expect(badges).toHaveLength(13);
      expect(badges.filter((b) => b.includes("Unavailable"))).toHaveLength(1);
    });

    it("narrows the reconciliation to one file, in the URL", async () => {
      await site.page.getByLabel("File").selectOption("Opportunity.csv");
      const table = site.page.locator(".data-table table").first();
      await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
      expect(new URL(site.page.url()).searchParams.get("file")).toBe("Opportunity.csv");
      expect(site.problems).toEqual([]);
    });
  });

  it("makes no request site.outside its own origin", () => {
    expect(site.outside).toEqual([]);
  });
});
