// The site built from an export whose CRM text is hostile (script tags, event handlers, javascript:
// URLs, every kind of quote, 10,000 characters, right-to-left text, emoji, Korean, formulas): on every
// page, in a real browser, nothing runs — no dialog, no console error, no injected flag — and the
// values appear as text.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NAVIGATION } from "../../observablehq.config.ts";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

const paths = NAVIGATION.flatMap((entry) => ("pages" in entry ? entry.pages!.map((p) => p.path) : [entry.path]));

describe("hostile CRM text in every page", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(inject("hostileSiteDir"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(paths)("%s runs none of it", async (path) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    await watchPage(page, server.url, problems, []);
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // No element came from the payloads: no injected <img src=x>, <svg onload>, <b> or <script> in the content.
    const injected = await page.evaluate(() =>
      [...document.querySelectorAll("#observablehq-main img, #observablehq-main script:not([type]), #observablehq-main b, #observablehq-main [onload], #observablehq-main [onerror]")].length,
    );
    expect(injected).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the hostile values as text (data quality lists the unmapped stage verbatim)", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/data-quality`, { waitUntil: "networkidle" });
    await expect.poll(() => page.getByText("<script>window.__pwned = 1; alert(1)</script>").count()).toBeGreaterThan(0);
    await page.close();
  });
});
