import { describe, expect, it } from "vitest";
import { sitePage } from "./watch.ts";

describe("win rate page in Chromium", () => {
  const state = sitePage({ path: "/win-rate" });

  it("draws each dimension's win rate with its interval, the amount beside it and n at the end", async () => {
    const { page } = state;
    const competitor = page.locator("[data-dimension='competitor'] .win-rate-chart svg");
    await expect.poll(() => competitor.locator("g.interval line").count()).toBeGreaterThanOrEqual(6);
    // One dot by count (a circle) and one by amount (a diamond, on the same row) per competitor, '(no competitor)' among the rows.
    const labels = await competitor.locator("g[aria-label='y-axis tick label'] text").allTextContents();
    expect(labels).toContain("(no competitor)");
    expect(await competitor.locator("g.count circle").count()).toBe(labels.length);
    expect(await competitor.locator("g.amount path").count()).toBe(labels.length);
    expect(await competitor.locator("text").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^n=\d+$/)]));
    for (const dim of ["rep", "tier", "channel", "source", "region"]) {
      expect(await page.locator(`[data-dimension='${dim}'] .win-rate-chart svg g.interval line`).count(), dim).toBeGreaterThan(1);
    }
    expect(state.problems).toEqual([]);
  });

  it("marks low-sample rows, lighter and after the rows with enough data", async () => {
    const reps = page().locator("[data-dimension='rep'] .win-rate-chart svg");
    const ends = await reps.locator("text").allTextContents();
    const marked = ends.filter((t) => t.includes("low sample"));
    expect(marked.length).toBeGreaterThan(0);
    // The low-sample labels come last, in row order.
    const rowEnds = ends.filter((t) => t.startsWith("n="));
    expect(rowEnds.slice(-marked.length)).toEqual(marked);
    const opacities = await reps.locator("g.count circle").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill-opacity")));
    expect(opacities).toContain("0.55");
  });

  it("shows the overall win rate with its interval and the lost reasons", async () => {
    const card = page().locator(".kpi").first();
    expect(await card.locator(".kpi-value").textContent()).toMatch(/^\d+\.\d%$/);
    expect(await card.textContent()).toMatch(/95% \d+\.\d%–\d+\.\d%/);
    for (const dim of ["reason_group", "reason", "lost_at_step", "competitor"]) {
      expect(await page().locator(`[data-lost='${dim}'] svg g[aria-label='bar'] rect`).count(), dim).toBeGreaterThan(1);
    }
    expect(await page().locator("[data-dimension] .download-csv, [data-lost] .download-csv").count()).toBeGreaterThanOrEqual(10);
  });

  it("redraws the charts and figures when the period changes", async () => {
    const chart = page().locator("[data-dimension='competitor'] .win-rate-chart");
    const lost = page().locator("[data-lost='reason_group'] svg");
    const kpi = page().locator(".kpi .kpi-note").first();
    const before = [await chart.innerHTML(), await lost.innerHTML(), await kpi.textContent()];
    await page().getByLabel("Year", { exact: true }).check();
    await expect.poll(() => kpi.textContent()).not.toBe(before[2]);
    expect(await page().locator("[data-dimension='competitor'] .win-rate-chart").innerHTML()).not.toBe(before[0]);
    expect(await page().locator("[data-lost='reason_group'] svg").innerHTML()).not.toBe(before[1]);
    expect(new URL(page().url()).searchParams.get("period")).toBe("year");
    // "All" has no period key to choose and still draws every chart.
    await page().getByLabel("All", { exact: true }).check();
    await expect.poll(() => page().locator(".kpi .kpi-note").first().textContent()).toMatch(/no previous period/);
    expect(await page().locator("[data-dimension='competitor'] g.interval line").count()).toBeGreaterThanOrEqual(6);
    expect(state.problems).toEqual([]);
  });

  it("shows one dimension when the dimension filter names it", async () => {
    await page().getByLabel("Dimension").selectOption({ label: "Tier" });
    await expect.poll(() => page().locator("[data-dimension]").count()).toBe(1);
    expect(await page().locator("[data-dimension='tier'] g.interval line").count()).toBe(3);
    expect(state.problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(state.outside).toEqual([]);
  });

  function page() {
    return state.page;
  }
});

describe("reps page in Chromium", () => {
  const state = sitePage({ path: "/reps" });
  const page = () => state.page;

  it("draws every rep's win rate with its interval and marks low-sample reps", async () => {
    const card = page().locator(".rep-scorecard");
    await expect.poll(() => card.locator("g.interval line").count()).toBeGreaterThanOrEqual(8);
    expect(await card.locator("g[aria-label='bar'] rect").count()).toBeGreaterThanOrEqual(4 * 10);
    const texts = await card.locator("text").allTextContents();
    expect(texts.some((t) => /^n=\d+ · low sample$/.test(t))).toBe(true);
    expect(state.problems).toEqual([]);
  });

  it("draws the ramp: a line per rep, the team median bold, the month under way dashed", async () => {
    const ramp = page().locator(".ramp-chart svg");
    const lines = ramp.locator("g[aria-label='line'] path");
    await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(5);
    const widths = await lines.evaluateAll((ps) => ps.map((p) => p.closest("g")!.getAttribute("stroke-width")));
    expect(widths).toContain("3.5");
    const dashes = await lines.evaluateAll((ps) => ps.map((p) => p.closest("g")!.getAttribute("stroke-dasharray")));
    expect(dashes).toContain("3 3");
  });

  it("redraws the reps when the period changes", async () => {
    const card = page().locator(".rep-scorecard");
    const before = await card.innerHTML();
    await page().getByLabel("Year", { exact: true }).check();
    await expect.poll(async () => (await page().locator(".rep-scorecard").innerHTML()) !== before).toBe(true);
    expect(await page().locator(".rep-card h2").textContent()).toMatch(/20\d\d/);
    expect(state.problems).toEqual([]);
  });

  it("highlights the selected rep in both charts and switches the ramp to monthly bookings", async () => {
    await page().getByLabel("Highlight rep").selectOption({ label: "Sophie Moore" });
    await expect.poll(() => page().locator(".ramp-chart").textContent()).toContain("Sophie Moore");
    expect(await page().locator(".rep-scorecard g[aria-label='bar'] rect[fill='#f28e2b']").count()).toBeGreaterThan(0);
    expect(new URL(page().url()).searchParams.get("rep")).toBeTruthy();
    const ramp = await page().locator(".ramp-chart").innerHTML();
    await page().getByLabel("Monthly bookings", { exact: true }).check();
    await expect.poll(async () => (await page().locator(".ramp-chart").innerHTML()) !== ramp).toBe(true);
    expect(await page().locator(".ramp-chart svg").textContent()).toContain("Bookings in the month");
    expect(state.problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(state.outside).toEqual([]);
  });
});
