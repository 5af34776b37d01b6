// The team handouts printed on A4, in English and in Korean (which runs longer): nothing past the paper's
// edges or cut by a frame that would scroll on screen, table rows whole with their header repeated on
// each page, the act-on list printed as its plain table, and no sidebar.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic } from "../../scripts/static-server.ts";
import type { SiteName } from "../global-setup.ts";
import { printLosses } from "./print-boxes.ts";
import { watchPage } from "./watch.ts";

const TEAM_PAGES = ["/teams/marketing", "/teams/inside_sales", "/teams/field_sales", "/teams/customer_success"];
const SITES: SiteName[] = ["siteDir", "koreanSiteDir"];
// A4 less the 10 mm side margins of style.css's @page, in CSS pixels: the width a handout is laid out in.
const PRINTABLE = { width: 718, height: 1000 };

describe("team handouts on paper", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(SITES)("%s: each team's handout prints on A4 with nothing clipped and tables whole", async (site) => {
    const server = await serveStatic(inject(site));
    const problems: string[] = [];
    const outside: string[] = [];
    const losses: string[] = [];
    try {
      const page = await browser.newPage({ viewport: PRINTABLE });
      await watchPage(page, server.url, problems, outside);
      await page.emulateMedia({ media: "print" });
      for (const path of TEAM_PAGES) {
        await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
        await expect.poll(() => page.locator("#observablehq-main observablehq-loading").count(), { timeout: 15_000 }).toBe(0);
        losses.push(...(await printLosses(page)).map((loss) => `${path}: ${loss}`));
        expect(await page.locator(".act-on .handout-table").first().isVisible(), path).toBe(true);
        expect(await page.locator("#observablehq-sidebar").isVisible(), path).toBe(false);
      }
    } finally {
      await server.close();
    }
    expect(losses).toEqual([]);
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
  });
});
