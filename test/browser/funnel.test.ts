import { describe, expect, it } from "vitest";
import { sitePage } from "./watch.ts";

describe("funnel page in Chromium", () => {
  const site = sitePage({ path: "/funnel" });

  it("draws the cohort funnel, the split, the bottleneck history and time in stage", async () => {
    await expect.poll(() => site.page.locator("svg.funnel-handoff rect.bar").count()).toBe(8);
    // Plot charts: the split (dots), the bottleneck's quarters (dots with interval rules), every step's gap (bars), time in stage (bars).
    expect(await site.page.locator("#observablehq-main svg g[aria-label='dot'] circle").count()).toBeGreaterThan(10);
    expect(await site.page.locator("#observablehq-main svg g[aria-label='bar'] rect").count()).toBeGreaterThan(10);
    expect(await site.page.locator(".data-table table").count()).toBeGreaterThanOrEqual(2);
    expect(site.problems).toEqual([]);
    expect(site.outside).toEqual([]);
  });

  it("redraws every chart when the tier filter changes, and keeps it in the URL", async () => {
    const funnel = site.page.locator("svg.funnel-handoff");
    const before = await funnel.innerHTML();
    await site.page.locator("form:has(label:text-is('Tier')) select").selectOption("A");
    await expect.poll(() => funnel.innerHTML()).not.toBe(before);
    expect(site.page.url()).toContain("tier=A");
    expect(site.problems).toEqual([]);
  });
});
