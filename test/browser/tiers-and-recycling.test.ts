import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

describe("tiers and recycling pages in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  const problems: string[] = [];
  const outside: string[] = [];

  /** A page that records console errors, page errors and dialogs, and blocks anything outside the origin. */
  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await watchPage(page, server.url, problems, outside, `${path} `);
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle", timeout: 120_000 });
    return page;
  }

  beforeAll(async () => {
    server = await serveStatic(inject("siteDir"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe("/tiers", () => {
    let page: Page;
    beforeAll(async () => {
      // All time: the sample's whole tier picture (the page opens on the site's quarter otherwise).
      page = await open("/tiers?period=all");
    });

    it("draws share of accounts against share of bookings for tiers A, B and C", async () => {
      const share = page.locator(".card .tier-share-chart svg");
      // A hollow dot (accounts) and a filled dot (bookings) per tier.
      await expect.poll(() => share.locator("g[aria-label='dot'] circle").count(), { timeout: 15_000 }).toBe(6);
      const texts = await share.locator("text").allTextContents();
      expect(texts).toEqual(expect.arrayContaining(["Tier A", "Tier B", "Tier C", "15%", "77%"]));
      await expect.poll(() => page.locator(".tier-headline").textContent(), { timeout: 15_000 }).toBe("Tier A is 15% of the accounts and 77% of the bookings.");
      expect(await page.locator(".tier-source").textContent()).toContain("Tiers come from the CRM");
    });

    it("draws the win rate with intervals and a bar chart per figure, each with its table", async () => {
      const bars = page.locator(".card svg g[aria-label='bar'] rect");
      // Deal size, cycle, engaged (two layers), opportunities, pipeline, activities: 3 tiers each.
      await expect.poll(() => bars.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(21);
      expect(await page.locator(".card svg g[aria-label='rule'] line").count()).toBeGreaterThan(0);
      expect(await page.locator(".data-table").count()).toBe(3);
      expect(await page.locator(".download-csv").count()).toBe(3);
      expect(problems).toEqual([]);
    });

    it("redraws every chart when the period changes, and keeps it in the URL", async () => {
      const share = page.locator(".card .tier-share-chart").first();
      const before = await share.innerHTML();
      const bars = page.locator(".card svg:has(g[aria-label='bar'])").first();
      const barsBefore = await bars.innerHTML();
      await page.getByLabel("Year", { exact: true }).check();
      await expect.poll(() => share.innerHTML(), { timeout: 15_000 }).not.toBe(before);
      expect(await bars.innerHTML()).not.toBe(barsBefore);
      expect(page.url()).toContain("period=year");
      expect(problems).toEqual([]);
    });
  });

  describe("/recycling", () => {
    let page: Page;
    beforeAll(async () => {
      page = await open("/recycling");
    });

    it("draws the pool and the yield charts, with the reference lines labelled", async () => {
      await expect.poll(() => page.locator(".card svg g[aria-label='bar'] rect").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(15);
      const texts = (await page.locator(".card svg text").allTextContents()).join("\n");
      expect(texts).toContain("Inbound ≈14.6%");
      expect(texts).toContain("Outbound ≈1.7%");
      expect(texts).toContain("Recycled ≈5.0%");
      // This export's own lead → won rates beside the benchmarks (mart_channel, mature cohorts).
      expect(texts).toMatch(/Inbound ≈14\.6% \(benchmark\) · this export \d+\.\d%/);
      expect(texts).toMatch(/Outbound ≈1\.7% \(benchmark\) · this export \d+\.\d%/);
      expect(problems).toEqual([]);
    });

    it("lists the recycle queue with rows and a CSV download", async () => {
      const queue = page.locator(".data-table:has(th:text('Due date'))");
      await expect.poll(() => queue.locator("tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await queue.locator(".download-csv").count()).toBe(1);
    });

    it("redraws the charts and the queue when the reason changes", async () => {
      const months = page.locator(".card:has(h2:text('Yield by months')) svg");
      const before = await months.innerHTML();
      const queueChart = page.locator(".card:has(h2:text('Recycle queue')) svg").last();
      const queueBefore = await queueChart.innerHTML();
      await page.getByLabel("Lost reason").selectOption({ label: "Revisit later" });
      await expect.poll(() => months.innerHTML(), { timeout: 15_000 }).not.toBe(before);
      expect(await queueChart.innerHTML()).not.toBe(queueBefore);
      expect(page.url()).toContain("reason=revisit_later");
      // The reason column: the CRM's own words, with our group beside them when they differ.
      const queue = page.locator(".data-table:has(th:text('Due date'))");
      const reasonColumn = (await queue.locator("thead th").allTextContents()).findIndex((h) => h.replace(/[▴▾]/g, "").trim() === "Lost reason (group)") + 1;
      expect(reasonColumn).toBeGreaterThan(0);
      const reasons = await queue.locator(`tbody tr td:nth-child(${reasonColumn})`).allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.filter((r) => !/^(Revisit later|.+ \(Revisit later\))$/.test(r))).toEqual([]);
      expect(problems).toEqual([]);
    });

    it("makes no request outside its own origin", () => {
      expect(outside).toEqual([]);
    });
  });
});
