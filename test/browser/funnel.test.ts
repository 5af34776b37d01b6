import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

describe("funnel page in Chromium", () => {
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
    await page.goto(`${server.url}/funnel`, { waitUntil: "networkidle" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws the cohort funnel, the split, the bottleneck history and time in stage", async () => {
    await expect.poll(() => page.locator("svg.funnel-handoff rect.bar").count()).toBe(8);
    // Plot charts: the split (dots), the bottleneck's quarters (dots with interval rules), every step's gap (bars), time in stage (bars).
    expect(await page.locator("#observablehq-main svg g[aria-label='dot'] circle").count()).toBeGreaterThan(10);
    expect(await page.locator("#observablehq-main svg g[aria-label='bar'] rect").count()).toBeGreaterThan(10);
    expect(await page.locator(".data-table table").count()).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("redraws every chart when the tier filter changes, and keeps it in the URL", async () => {
    const funnel = page.locator("svg.funnel-handoff");
    const before = await funnel.innerHTML();
    await page.locator("form:has(label:text-is('Tier')) select").selectOption("A");
    await expect.poll(() => funnel.innerHTML()).not.toBe(before);
    expect(page.url()).toContain("tier=A");
    expect(problems).toEqual([]);
  });
});
