import { describe, expect, it } from "vitest";
import { sitePage } from "./watch.ts";

describe("overview page in Chromium", () => {
  const site = sitePage({ path: "/" });

  it("renders the funnel with a bar per step, the handoffs between teams and the bottleneck, and no error", async () => {
    const bars = site.page.locator("svg.funnel-handoff rect.bar");
    await expect.poll(() => bars.count()).toBe(8);
    const labels = await site.page.locator("svg.funnel-handoff .step-label").allTextContents();
    expect(labels.map((l) => l.replace(/^⚠ /, ""))).toEqual(["Lead", "MQL", "SQL", "Opportunity", "Discovery", "Proposal", "Negotiation", "Won"]);
    const handoffs = await site.page.locator("svg.funnel-handoff .conversions text").allTextContents();
    expect(handoffs.filter((t) => t.includes("→"))).toEqual([
      expect.stringMatching(/^↓ \d+\.\d% {2}Marketing → Inside sales$/),
      expect.stringMatching(/^↓ \d+\.\d% {2}Inside sales → Field sales$/),
    ]);
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBe(4);
    expect(site.problems).toEqual([]);
  });

  it("makes no request site.outside its own origin", () => {
    expect(site.outside).toEqual([]);
  });

  it("redraws the funnel when the channel changes, and keeps the filter in the URL", async () => {
    const chart = site.page.locator("svg.funnel-handoff");
    const chartBefore = await chart.innerHTML();
    await site.page.locator("form:has(label:text-is('Channel')) select").selectOption({ label: "Outbound" });
    await expect.poll(() => chart.innerHTML()).not.toBe(chartBefore);
    expect(site.page.url()).toContain("channel=outbound");
    expect(site.problems).toEqual([]);
  });
});
