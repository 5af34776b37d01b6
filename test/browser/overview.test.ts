import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

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
    await watchPage(page, server.url, problems, outside);
    await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the funnel with a bar per step, the handoffs between teams and the bottleneck, and no error", async () => {
    const bars = page.locator("svg.funnel-handoff rect.bar");
    await expect.poll(() => bars.count()).toBe(8);
    const labels = await page.locator("svg.funnel-handoff .step-label").allTextContents();
    expect(labels.map((l) => l.replace(/^⚠ /, ""))).toEqual(["Lead", "MQL", "SQL", "Opportunity", "Discovery", "Proposal", "Negotiation", "Won"]);
    const handoffs = await page.locator("svg.funnel-handoff .conversions text").allTextContents();
    expect(handoffs.filter((t) => t.includes("→"))).toEqual([
      expect.stringMatching(/^↓ \d+\.\d% {2}Marketing → Inside sales$/),
      expect.stringMatching(/^↓ \d+\.\d% {2}Inside sales → Field sales$/),
    ]);
    await expect.poll(() => page.locator(".kpi .kpi-value").count()).toBe(4);
    expect(problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(outside).toEqual([]);
  });

  it("redraws the funnel when the channel changes, and keeps the filter in the URL", async () => {
    const chart = page.locator("svg.funnel-handoff");
    const chartBefore = await chart.innerHTML();
    await page.locator("form:has(label:text-is('Channel')) select").selectOption({ label: "Outbound" });
    await expect.poll(() => chart.innerHTML()).not.toBe(chartBefore);
    expect(page.url()).toContain("channel=outbound");
    expect(problems).toEqual([]);
  });
});
