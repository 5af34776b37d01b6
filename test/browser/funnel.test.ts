import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/components/format.ts";
import { label } from "../../src/components/labels.ts";
import { publishedMart, sitePage } from "./watch.ts";

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

  it("shows mart_funnel_cohorts' counts for the cohort and channel chosen, and flags the step the heading names", async () => {
    const cohorts = publishedMart("mart_funnel_cohorts");
    const bottlenecks = publishedMart("mart_funnel_bottleneck");
    await site.page.locator("form:has(label:text-is('Tier')) select").selectOption({ label: label("all") });
    // The cohort the page opened on: the period select's chosen option ("2025", or "2026 (in progress)").
    const key = (await site.page.locator(".filters select").first().locator("option:checked").innerText()).split(" ")[0];
    for (const channel of ["all", "inbound", "outbound"]) {
      await site.page.locator("form:has(label:text-is('Channel')) select").selectOption({ label: label(channel) });
      const expected = cohorts
        .filter((d) => d.cohort_window === "period" && d.period_type === "quarter" && d.period_key === key)
        .filter((d) => d.channel === channel && d.tier === "all" && d.pipeline === "all" && d.lead_source === "all")
        .sort((a, b) => a.step_order - b.step_order)
        .map((d) => formatCount(d.reached));
      await expect.poll(() => site.page.locator("svg.funnel-handoff .count").allTextContents(), { message: channel }).toEqual(expected);
      const judged = bottlenecks.filter((d) => d.channel === channel);
      const flagged = judged.find((d) => d.is_bottleneck);
      const outlined = site.page.locator("svg.funnel-handoff rect.bar[stroke='#d62728']");
      expect(await outlined.count(), channel).toBe(flagged ? 1 : 0);
      const heading = await site.page.locator("h2", { hasText: "→" }).or(site.page.locator("h2", { hasText: "No step is below" })).first().innerText();
      const lowest = judged.find((d) => d.is_lowest);
      if (flagged) expect(heading, channel).not.toContain("within noise");
      else if (lowest) expect(heading, channel).toContain("the lowest step, within noise");
      else expect(heading, channel).toContain("No step is below its reference");
    }
    expect(site.problems).toEqual([]);
  });
});
