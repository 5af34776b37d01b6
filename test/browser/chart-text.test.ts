// No chart label is clipped or cut short, and no card's figure spills out of its card: on every page, at a desktop's and a phone's width, in English
// and in Korean (wider words), on the sample and on an export shaped differently.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic } from "../../scripts/static-server.ts";
import type { SiteName } from "../global-setup.ts";
import { cutChartText } from "./chart-text.ts";
import { watchPage } from "./watch.ts";

const PAGES = ["/", "/funnel", "/win-rate", "/reps", "/tiers", "/recycling", "/plan", "/data-quality", "/teams/marketing", "/teams/inside_sales", "/teams/field_sales", "/teams/customer_success"];
const SITES: SiteName[] = ["siteDir", "koreanSiteDir", "reportSiteDir"];

describe("chart labels fit their charts in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(SITES)("%s: every label of every chart is inside its chart and card, at 1280 and 390 px", async (site) => {
    const server = await serveStatic(inject(site));
    const problems: string[] = [];
    const outside: string[] = [];
    const cut: string[] = [];
    try {
      for (const [width, height] of [[1280, 800], [390, 844]] as const) {
        const page = await browser.newPage({ viewport: { width, height } });
        await watchPage(page, server.url, problems, outside);
        for (const path of PAGES) {
          await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
          // Charts drawn in resize() come after the first layout.
          await page.waitForTimeout(200);
          cut.push(...(await cutChartText(page)).map((line) => `${width} px ${path}: ${line}`));
          // A card's figure keeps one line and fits its card (it shrinks with a narrow card, never breaks or spills).
          const spilled = await page.$$eval(".kpi-value", (values) =>
            values.filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => `figure "${v.textContent}" is ${v.scrollWidth - v.clientWidth} px wider than its card`),
          );
          cut.push(...spilled.map((line) => `${width} px ${path}: ${line}`));
        }
        await page.close();
      }
    } finally {
      await server.close();
    }
    expect(cut).toEqual([]);
    expect(problems).toEqual([]);
  });
});
