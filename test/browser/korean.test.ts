// The sample built as a Korean site (locale ko, currency KRW; test/global-setup.ts), every page opened in
// Chromium: the page says it is Korean (<html lang="ko">), its shell (sidebar, site title, tab title,
// footer) is Korean, it runs without a console error or a request outside its origin, and no table shows
// a column's code name (snake_case) as its header. (Its team handouts on paper: print.test.ts.)
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NAVIGATION, SITE_WORDS } from "../../observablehq.config.ts";
import { launchBrowser } from "../../scripts/browser.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { watchPage } from "./watch.ts";

const pages = NAVIGATION.flatMap((entry) => ("pages" in entry ? entry.pages! : [entry]));
const HANGUL = /[\uac00-\ud7af]/;
const CODE_NAME = /^[a-z]+(_[a-z]+)+$/;

describe("the Korean site, every page in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(inject("koreanSiteDir"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Open a page and wait until every cell has rendered (no loading placeholder left). */
  async function open(path: string, problems: string[]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await watchPage(page, server.url, problems, outside, `${path}: `);
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    await expect.poll(() => page.locator("#observablehq-main observablehq-loading").count(), { timeout: 15_000 }).toBe(0);
    return page;
  }

  it.each(pages.map((p) => [p.path, p.ko]))("%s is Korean: lang, sidebar, title, footer, table headers", async (path, name) => {
    const problems: string[] = [];
    const page = await open(path, problems);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ko");

    // The sidebar: the site's title and every page's name, in Korean.
    const sidebar = page.locator("#observablehq-sidebar");
    expect((await sidebar.locator("ol").first().locator("a").textContent())?.trim()).toBe(SITE_WORDS.title.ko);
    const links = (await sidebar.locator("li.observablehq-link a").allTextContents()).map((t) => t.trim()).slice(1);
    expect(links).toEqual(pages.map((p) => p.ko));
    expect(await sidebar.locator("summary").allTextContents()).toEqual(NAVIGATION.filter((e) => "pages" in e).map((e) => e.ko));
    // The tab's title names the page (a team page adds its period) and the site, in Korean.
    const title = await page.title();
    expect(title).toContain(SITE_WORDS.title.ko);
    expect(title).toContain(name);
    expect((await page.locator("#observablehq-footer").textContent())?.trim()).toBe(SITE_WORDS.footer.ko);
    expect(HANGUL.test(SITE_WORDS.footer.ko)).toBe(true);

    // No table header is a column's code name.
    const headers = (await page.locator("#observablehq-main table thead th").allTextContents()).map((t) => t.replace(/[▴▾]/g, "").trim());
    expect(headers.filter((h) => CODE_NAME.test(h)), `code names as headers on ${path}`).toEqual([]);

    expect(problems).toEqual([]);
    await page.close();
  });

  it("makes no request outside its own origin", () => {
    expect(outside).toEqual([]);
  });
});
