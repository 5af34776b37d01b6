import { describe, expect, it } from "vitest";
import { sitePage } from "./watch.ts";

const TEAMS = ["marketing", "inside_sales", "field_sales", "customer_success"];

describe("team meeting pages in Chromium", () => {
  const site = sitePage();

  for (const team of TEAMS) {
    it(`renders the ${team} page: KPI cards with numbers, the trend chart and the act-on list`, async () => {
      await site.page.goto(`${site.url}/teams/${team}`, { waitUntil: "networkidle" });
      // The title names the period; the default is the site's, the latest complete quarter.
      await expect.poll(() => site.page.locator("h1.team-heading").textContent()).toMatch(/Quarter \d{4}-Q\d/);
      const values = site.page.locator(".kpi-row .kpi .kpi-value");
      await expect.poll(() => values.count()).toBeGreaterThanOrEqual(3);
      const texts = await values.allTextContents();
      expect(texts.filter((v) => /\d/.test(v)).length).toBeGreaterThanOrEqual(3);
      // Trend: a bar per period of the last twelve (the sample's quarters up to the one shown: 8 or more), and the handoff dots.
      const bars = site.page.locator(".team-charts svg g[aria-label='bar'] rect");
      await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(8);
      // A handoff dot per period that had records to hand off (customer success: fewer, its renewal quarters).
      expect(await site.page.locator(".team-charts svg g[aria-label='dot'] circle").count()).toBeGreaterThanOrEqual(4);
      expect(await site.page.locator(".act-on .act-on-head h2").textContent()).toMatch(/To act on/);
      expect(site.problems).toEqual([]);
    });
  }

  it("lists aging deals for field sales and the recycle queue for inside sales", async () => {
    for (const team of ["field_sales", "inside_sales"]) {
      await site.page.goto(`${site.url}/teams/${team}`, { waitUntil: "networkidle" });
      const rows = site.page.locator(".act-on .data-table table tbody tr");
      await expect.poll(() => rows.count()).toBeGreaterThan(3);
      expect((await rows.first().textContent())?.trim()).not.toBe("");
    }
    expect(site.problems).toEqual([]);
  });

  it("filters the act-on list by rep, keyed by the rep's user id in the URL", async () => {
    await site.page.goto(`${site.url}/teams/field_sales`, { waitUntil: "networkidle" });
    const rows = site.page.locator(".act-on .data-table table tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const select = site.page.locator(".act-on form:has(label:text-is('Rep')) select");
    const name = (await select.locator("option").allTextContents())[1]!;
    await select.selectOption({ label: name });
    await expect.poll(() => site.page.url()).toMatch(/rep=005[0-9A-Za-z]{15}/);
    // Every row of the aging list is the chosen rep's (its Rep column).
    const aging = site.page.locator(".act-on .data-table table").first();
    const header = await aging.locator("thead th").allTextContents();
    const repColumn = header.findIndex((h) => h.trim() === "Rep");
    await expect.poll(async () => [...new Set(await aging.locator(`tbody tr td:nth-child(${repColumn + 1})`).allTextContents())]).toEqual([name]);
    expect(site.problems).toEqual([]);
  });

  it("makes no request site.outside its own origin", () => {
    expect(site.outside).toEqual([]);
  });

  it("changes the KPI figures and the URL when the period changes", async () => {
    await site.page.goto(`${site.url}/teams/field_sales`, { waitUntil: "networkidle" });
    const firstKpi = site.page.locator(".kpi-row .kpi .kpi-value").first();
    await expect.poll(() => firstKpi.textContent()).toMatch(/\d/);
    const before = await site.page.locator(".kpi-row .kpi .kpi-value").allTextContents();
    const select = site.page.locator(".filters select").first();
    const options = await select.locator("option").allTextContents();
    // Inputs.select's option values are indices; its labels are the period keys.
    const current = await select.locator("option:checked").textContent();
    const other = options.find((o) => o !== current && !o.includes("("))!;
    await select.selectOption(other);
    await expect.poll(() => site.page.locator(".kpi-row .kpi .kpi-value").allTextContents()).not.toEqual(before);
    expect(site.page.url()).toContain(`key=${other}`);
    expect(await site.page.locator("h1.team-heading").textContent()).toContain(other);

    // Another period type: months, and the figures change again.
    const quarterly = await site.page.locator(".kpi-row .kpi .kpi-value").allTextContents();
    await site.page.getByLabel("Month", { exact: true }).check();
    await expect.poll(() => site.page.locator(".kpi-row .kpi .kpi-value").allTextContents()).not.toEqual(quarterly);
    expect(site.page.url()).toContain("period=month");
    expect(site.problems).toEqual([]);
  });

  it("prints as a handout: no sidebar, no inputs, the act-on list as a plain table", async () => {
    await site.page.goto(`${site.url}/teams/inside_sales`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".act-on .data-table table tbody tr").count()).toBeGreaterThan(0);
    expect(await site.page.locator("#observablehq-sidebar").isVisible()).toBe(true);
    await site.page.emulateMedia({ media: "print" });
    expect(await site.page.locator("#observablehq-sidebar").isVisible()).toBe(false);
    expect(await site.page.locator(".filters").first().isVisible()).toBe(false);
    expect(await site.page.locator(".print-handout").isVisible()).toBe(false);
    expect(await site.page.locator(".act-on .data-table").isVisible()).toBe(false);
    expect(await site.page.locator(".act-on .handout-table").isVisible()).toBe(true);
    expect(await site.page.locator(".act-on .handout-table tbody tr").count()).toBeGreaterThan(3);
    expect(await site.page.locator("h1.team-heading").isVisible()).toBe(true);
    await site.page.emulateMedia({ media: "screen" });
    expect(site.problems).toEqual([]);
  });
});
