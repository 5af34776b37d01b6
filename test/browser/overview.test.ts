import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";

describe("overview page in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(inject("siteDir"));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // Record and block anything that leaves the site's origin.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the funnel chart with a bar per step and no error", async () => {
    const bars = page.locator(".card svg g[aria-label='bar'] rect");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(8);
    const labels = await page.locator(".card svg g[aria-label='y-axis tick label'] text").allTextContents();
    expect(labels).toEqual(["Lead", "MQL", "SQL", "Opportunity", "Discovery", "Proposal", "Negotiation", "Won"]);
    expect(problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(outside).toEqual([]);
  });

  it("redraws the funnel and the figures when the channel changes", async () => {
    const leadKpi = page.locator(".card .kpi-value").first();
    const before = await leadKpi.textContent();
    const chart = page.locator(".card svg:has(g[aria-label='bar'])").first();
    const chartBefore = await chart.innerHTML();
    await page.getByLabel("outbound", { exact: true }).check();
    await expect.poll(() => leadKpi.textContent()).not.toBe(before);
    expect(await chart.innerHTML()).not.toBe(chartBefore);
    expect(problems).toEqual([]);
  });
});
