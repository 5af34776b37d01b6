/**
 * The page measurements of scripts/bench.ts, in headless Chromium against the built site served on
 * loopback (scripts/static-server.ts, which does not compress: we gzip each response body ourselves).
 *
 * - First visit, per page, in a fresh browser context (empty cache): every response body, its bytes and
 *   its gzip bytes; the part under /_file/ (the page's data: loader outputs and file attachments); the
 *   time from navigation start to the first SVG in the main content (the charts being drawn).
 * - Filter change → re-render, on a few pages: a select of the page is set to its next option and an
 *   `input` event dispatched, in the page, with a MutationObserver on #observablehq-main; the time is
 *   from the dispatch to the last DOM change before the page stays quiet for 500 ms. Median of 5.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchBrowser } from "./browser.ts";
import { serveStatic } from "./static-server.ts";

export interface PageVisit {
  name: string;
  path: string;
  built: boolean;
  /** Every response: path, raw bytes, gzip bytes. */
  responses?: Array<{ path: string; status: number; bytes: number; gzipBytes: number }>;
  totalBytes?: number;
  totalGzipBytes?: number;
  dataBytes?: number;
  dataGzipBytes?: number;
  /** ms from navigation start to the first <svg> in #observablehq-main; null when none appeared. */
  chartsMs?: number | null;
  /** ms from navigation start to the load event. */
  loadMs?: number;
  /** Requests that left the site's origin (the site must make none). */
  outside?: string[];
  problems?: string[];
}

export interface FilterTiming {
  path: string;
  /** Which select was changed: its label, or "period". */
  select: string;
  changes: Array<{ from: string; to: string; ms: number | null; mutations: number }>;
  medianMs: number | null;
  problems: string[];
}

/** Which select to change on a page: the one labelled like `label`, or the period select ("period"). */
export interface FilterProbe {
  path: string;
  select: "period" | { label: string };
}

const VIEWPORT = { width: 1280, height: 800 };
const CHART_TIMEOUT_MS = 10_000;
const QUIET_MS = 500;
const MAX_RENDER_MS = 15_000;
const CHANGES = 5;

export async function measurePages(
  siteDir: string,
  pages: Array<{ name: string; path: string }>,
  probes: FilterProbe[],
  log: (line: string) => void,
): Promise<{ visits: PageVisit[]; filters: FilterTiming[] }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (npm test's pretest does), set CHROMIUM_PATH, or pass --skip-browser`);
  }
  const server = await serveStatic(siteDir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const visits: PageVisit[] = [];
    for (const { name, path } of pages) {
      if (!existsSync(join(siteDir, path === "/" ? "index.html" : `${path}.html`))) {
        visits.push({ name, path, built: false });
        log(`  ${path}: not built (the page is not in this build), skipped`);
        continue;
      }
      const visit = await firstVisit(browser, server.url, name, path);
      visits.push(visit);
      log(
        `  ${path}: ${kb(visit.totalGzipBytes!)} gz in ${visit.responses!.length} responses, data ${kb(visit.dataGzipBytes!)} gz, ` +
          `charts at ${visit.chartsMs === null ? "— (no chart)" : `${Math.round(visit.chartsMs!)} ms`}` +
          (visit.problems!.length ? ` (${visit.problems!.length} problem(s))` : ""),
      );
    }
    const filters: FilterTiming[] = [];
    for (const probe of probes) {
      const built = visits.find((v) => v.path === probe.path)?.built;
      if (!built) continue;
      const timing = await filterTiming(browser, server.url, probe);
      filters.push(timing);
      log(
        `  ${probe.path} ${timing.select} → re-render: median ${timing.medianMs === null ? "—" : `${timing.medianMs.toFixed(0)} ms`} ` +
          `(${timing.changes.map((c) => (c.ms === null ? "—" : c.ms.toFixed(0))).join(", ")})` +
          (timing.problems.length ? `; ${timing.problems.join("; ")}` : ""),
      );
    }
    return { visits, filters };
  } finally {
    await browser?.close();
    await server.close();
  }
}

async function firstVisit(browser: Browser, origin: string, name: string, path: string): Promise<PageVisit> {
  // A fresh context per page: an empty cache, as on a first visit.
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    const outside: string[] = [];
    watchProblems(page, problems);
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith("data:")) outside.push(url);
    });
    const bodies: Array<Promise<{ path: string; status: number; bytes: number; gzipBytes: number } | null>> = [];
    page.on("response", (response) => {
      const url = response.url();
      if (!url.startsWith(origin)) return;
      bodies.push(
        response.body().then(
          (body) => ({ path: url.slice(origin.length), status: response.status(), bytes: body.length, gzipBytes: gzipSync(body).length }),
          () => null, // a redirect or an aborted request has no body
        ),
      );
    });
    await page.addInitScript(FIRST_SVG_SCRIPT);
    await page.goto(origin + path, { waitUntil: "load", timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => problems.push("the network never went idle"));
    // The observer recorded the time of the first chart whenever it came; this only waits for it (a page
    // without any chart, like data quality, gives up CHART_TIMEOUT_MS after the network went idle).
    const chartsMs = await page
      .waitForFunction("window.__bench && window.__bench.firstSvg", null, { timeout: CHART_TIMEOUT_MS })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => null);
    const responses = (await Promise.all(bodies)).filter((r): r is NonNullable<typeof r> => r !== null);
    for (const r of responses) if (r.status >= 400) problems.push(`HTTP ${r.status} ${r.path}`);
    const loadMs = (await page.evaluate(`performance.getEntriesByType("navigation")[0]?.loadEventEnd ?? 0`)) as number;
    const data = responses.filter((r) => r.path.startsWith("/_file/"));
    return {
      name,
      path,
      built: true,
      responses,
      totalBytes: sum(responses.map((r) => r.bytes)),
      totalGzipBytes: sum(responses.map((r) => r.gzipBytes)),
      dataBytes: sum(data.map((r) => r.bytes)),
      dataGzipBytes: sum(data.map((r) => r.gzipBytes)),
      chartsMs,
      loadMs,
      outside,
      problems,
    };
  } finally {
    await context.close();
  }
}

async function filterTiming(browser: Browser, origin: string, probe: FilterProbe): Promise<FilterTiming> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const problems: string[] = [];
  const select = probe.select === "period" ? "period" : probe.select.label;
  try {
    const page = await context.newPage();
    watchProblems(page, problems);
    await page.goto(origin + probe.path, { waitUntil: "networkidle", timeout: 60_000 });
    await page.waitForSelector("#observablehq-main svg", { timeout: CHART_TIMEOUT_MS }).catch(() => problems.push("no chart drawn before the first change"));
    await page.waitForTimeout(QUIET_MS);
    const changes: FilterTiming["changes"] = [];
    for (let i = 0; i < CHANGES; i++) {
      const args = JSON.stringify({ select: probe.select, quietMs: QUIET_MS, maxMs: MAX_RENDER_MS });
      const change = (await page.evaluate(`(${CHANGE_SCRIPT})(${args})`)) as ChangeResult;
      if ("error" in change) {
        problems.push(change.error);
        break;
      }
      if (change.ms === null) problems.push(`changing ${select} from ${change.from} to ${change.to} changed nothing on the page`);
      changes.push(change);
    }
    const times = changes.map((c) => c.ms).filter((ms): ms is number => ms !== null);
    return { path: probe.path, select, changes, medianMs: times.length ? median(times) : null, problems };
  } finally {
    await context.close();
  }
}

// The scripts that run in the page are plain JavaScript strings: functions passed to page.evaluate would
// be serialised from tsx's output, whose __name() helpers do not exist in the page.

/** Record when the first <svg> appears in the main content (performance.now(): ms since navigation start). */
const FIRST_SVG_SCRIPT = `
  window.__bench = { firstSvg: null };
  new MutationObserver(function (records, observer) {
    if (window.__bench.firstSvg === null && document.querySelector("#observablehq-main svg")) {
      window.__bench.firstSvg = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

type ChangeResult = { error: string } | { from: string; to: string; ms: number | null; mutations: number };

/**
 * Set the select to its next option, dispatch "input" (what Observable Inputs listen to), and time the
 * DOM changes in #observablehq-main until it stays quiet for quietMs.
 */
const CHANGE_SCRIPT = `async function ({ select: which, quietMs, maxMs }) {
  const main = document.querySelector("#observablehq-main");
  if (!main) return { error: "no #observablehq-main on the page" };
  const selects = [...main.querySelectorAll("select")];
  const labelOf = (s) => s.closest("form")?.querySelector("label")?.textContent ?? "";
  const select = which === "period"
    ? selects.find((s) => s.options.length > 1 && [...s.options].every((o) => /^\\d{4}/.test(o.textContent ?? "")))
    : selects.find((s) => labelOf(s).toLowerCase().includes(which.label.toLowerCase()));
  if (!select) return { error: "no " + (which === "period" ? "period" : JSON.stringify(which.label)) + " select on the page" };
  if (select.options.length < 2) return { error: "the select has a single option" };
  const from = select.options[select.selectedIndex]?.textContent ?? "";
  const next = (select.selectedIndex + 1) % select.options.length;
  const to = select.options[next]?.textContent ?? "";
  let last = null;
  let mutations = 0;
  const observer = new MutationObserver((records) => { last = performance.now(); mutations += records.length; });
  observer.observe(main, { childList: true, subtree: true, attributes: true, characterData: true });
  const started = performance.now();
  select.selectedIndex = next;
  select.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if ((last !== null && now - last >= quietMs) || now - started >= maxMs) resolve();
      else setTimeout(tick, 25);
    };
    setTimeout(tick, 25);
  });
  observer.disconnect();
  return { from, to, ms: last === null ? null : last - started, mutations };
}`;

function watchProblems(page: Page, problems: string[]): void {
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
