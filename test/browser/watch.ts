import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { martRows, type MartJson } from "../../src/components/mart.ts";
import { launchBrowser } from "../../scripts/browser.ts";
import type { SiteName } from "../global-setup.ts";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";

/**
 * Watch a page the way every browser test does: console errors, page errors and dialogs go to
 * `problems` (a dialog is dismissed), and every request leaving `origin` is blocked and recorded in
 * `outside` (data: and blob: URLs are the page's own). `prefix` names the page in problems.
 */
export async function watchPage(page: Page, origin: string, problems: string[], outside: string[], prefix = ""): Promise<void> {
  // A Content-Security-Policy violation is a problem too (the site's own code must never trip its policy).
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  page.on("console", (m) => m.type() === "error" && problems.push(`${prefix}console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${prefix}page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`${prefix}dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
}

/** A built site served on loopback with one watched Chromium page, as a describe's tests share it. */
export interface SitePage {
  page: Page;
  /** The site's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  problems: string[];
  outside: string[];
}

/** A built site served on loopback and a Chromium to open its pages in. */
export interface ServedSite {
  server: StaticServer;
  browser: Browser;
}

/**
 * Serve a site the global setup built and launch Chromium before the calling describe's tests; close both
 * after them. The fields are filled in beforeAll: read them inside tests.
 */
export function servedSite(site: SiteName = "siteDir"): ServedSite {
  const state = {} as ServedSite;
  beforeAll(async () => {
    state.server = await serveStatic(inject(site));
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}

/**
 * Serve the sample site (or another the global setup built) and open one watched page on it (watchPage) before the
 * calling describe's tests, at `path` when given; close both after them. The fields are filled in
 * beforeAll: read them inside tests.
 */
export function sitePage({ path, site = "siteDir" }: { path?: string; site?: SiteName } = {}): SitePage {
  const state: SitePage = { page: undefined as unknown as Page, url: "", problems: [], outside: [] };
  const served = servedSite(site);
  beforeAll(async () => {
    state.url = served.server.url;
    state.page = await served.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await watchPage(state.page, state.url, state.problems, state.outside);
    if (path) await state.page.goto(`${state.url}${path}`, { waitUntil: "networkidle" });
  });
  return state;
}

/** A mart as a site the global setup built publishes it (<site>/_file/data/marts/<name>.<hash>.json): what a page reads. */
export function publishedMart(name: string, site: SiteName = "siteDir"): Array<Record<string, any>> {
  const dir = join(inject(site), "_file/data/marts");
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"));
  if (!file) throw new Error(`${name} is not in ${dir}`);
  return martRows(JSON.parse(readFileSync(join(dir, file), "utf8")) as MartJson);
}
