import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

const TEAMS = ["marketing", "inside_sales", "field_sales", "customer_success"];

describe("team meeting pages in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(inject("siteDir"));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await watchPage(page, server.url, problems, outside);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const team of TEAMS) {
    it(`renders the ${team} page: KPI cards with numbers, the trend chart and the act-on list`, async () => {
      await page.goto(`${server.url}/teams/${team}`, { waitUntil: "networkidle" });
      // The title names the period; the default is the latest complete month.
      await expect.poll(() => page.locator("h1.team-heading").textContent()).toMatch(/Month \d{4}-\d{2}/);
      const values = page.locator(".kpi-row .kpi .kpi-value");
      await expect.poll(() => values.count()).toBeGreaterThanOrEqual(3);
      const texts = await values.allTextContents();
      expect(texts.filter((v) => /\d/.test(v)).length).toBeGreaterThanOrEqual(3);
      // Trend: a bar per period of the last twelve, and the handoff dots.
      const bars = page.locator(".team-charts svg g[aria-label='bar'] rect");
      await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(10);
      expect(await page.locator(".team-charts svg g[aria-label='dot'] circle").count()).toBeGreaterThanOrEqual(10);
      expect(await page.locator(".act-on .act-on-head h2").textContent()).toMatch(/To act on/);
      expect(problems).toEqual([]);
    });
  }

  it("lists aging deals for field sales and the recycle queue for inside sales", async () => {
    for (const team of ["field_sales", "inside_sales"]) {
      await page.goto(`${server.url}/teams/${team}`, { waitUntil: "networkidle" });
      const rows = page.locator(".act-on .data-table table tbody tr");
      await expect.poll(() => rows.count()).toBeGreaterThan(3);
      expect((await rows.first().textContent())?.trim()).not.toBe("");
    }
    expect(problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(outside).toEqual([]);
  });

  it("changes the KPI figures and the URL when the period changes", async () => {
    await page.goto(`${server.url}/teams/field_sales`, { waitUntil: "networkidle" });
    const firstKpi = page.locator(".kpi-row .kpi .kpi-value").first();
    await expect.poll(() => firstKpi.textContent()).toMatch(/\d/);
    const before = await page.locator(".kpi-row .kpi .kpi-value").allTextContents();
    const select = page.locator(".filters select").first();
    const options = await select.locator("option").allTextContents();
    // Inputs.select's option values are indices; its labels are the period keys.
    const current = await select.locator("option:checked").textContent();
    const other = options.find((o) => o !== current && !o.includes("("))!;
    await select.selectOption(other);
    await expect.poll(() => page.locator(".kpi-row .kpi .kpi-value").allTextContents()).not.toEqual(before);
    expect(page.url()).toContain(`key=${other}`);
    expect(await page.locator("h1.team-heading").textContent()).toContain(other);

    // Another period type: quarters, and the figures change again.
    const monthly = await page.locator(".kpi-row .kpi .kpi-value").allTextContents();
    await page.getByLabel("Quarter", { exact: true }).check();
    await expect.poll(() => page.locator(".kpi-row .kpi .kpi-value").allTextContents()).not.toEqual(monthly);
    expect(page.url()).toContain("period=quarter");
    expect(problems).toEqual([]);
  });

  it("prints as a handout: no sidebar, no inputs, the act-on list as a plain table", async () => {
    await page.goto(`${server.url}/teams/inside_sales`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator(".act-on .data-table table tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("#observablehq-sidebar").isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#observablehq-sidebar").isVisible()).toBe(false);
    expect(await page.locator(".filters").first().isVisible()).toBe(false);
    expect(await page.locator(".print-handout").isVisible()).toBe(false);
    expect(await page.locator(".act-on .data-table").isVisible()).toBe(false);
    expect(await page.locator(".act-on .handout-table").isVisible()).toBe(true);
    expect(await page.locator(".act-on .handout-table tbody tr").count()).toBeGreaterThan(3);
    expect(await page.locator("h1.team-heading").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(problems).toEqual([]);
  });
});
