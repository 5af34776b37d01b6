import { describe, expect, it } from "vitest";
import { formatMoney, formatPercent } from "../../src/components/format.ts";
import { publishedMart, sitePage } from "./watch.ts";

describe("overview page in Chromium", () => {
  const site = sitePage({ path: "/" });
  const card = (title: string) => site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("${title}")`) });
  const cardValue = (title: string) => card(title).locator(".kpi-value").innerText();

  it("renders the funnel with a bar per step, the handoffs between teams, and no error", async () => {
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

  it("shows a step's details on a tap as on hover (a phone has no native tooltip), and hides them when the pointer leaves", async () => {
    const tip = site.page.locator("svg.funnel-handoff g.tip");
    await expect.poll(() => site.page.locator("svg.funnel-handoff rect.bar").count()).toBe(8);
    expect(await tip.isVisible()).toBe(false);
    const mql = site.page.locator("svg.funnel-handoff .steps > g").nth(1);
    await mql.dispatchEvent("pointerdown", { pointerType: "touch" });
    await expect.poll(() => tip.isVisible()).toBe(true);
    const lines = await tip.locator("tspan").allTextContents();
    expect(lines[0]).toBe("MQL — Marketing");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^Reached: [\d,]+$/),
      expect.stringMatching(/^To next step: \d+\.\d%$/),
      expect.stringMatching(/^From top: \d+\.\d%$/),
    ]);
    await mql.dispatchEvent("pointerleave");
    await expect.poll(() => tip.isVisible()).toBe(false);
    expect(site.problems).toEqual([]);
  });

  it("makes no request outside its own origin", () => {
    expect(site.outside).toEqual([]);
  });

  it("shows the figures of mart_overview for the period, channel and tier chosen, and its rate change in points", async () => {
    const overview = publishedMart("mart_overview");
    const pick = (channel: string, tier: string) => overview.find((d) => d.period_type === "quarter" && d.period_key === "2026-Q3" && d.channel === channel && d.tier === tier)!;
    const all = pick("all", "all");
    expect(await cardValue("Bookings, every deal won")).toBe(formatMoney(all.bookings));
    expect(await cardValue("Win rate")).toBe(formatPercent(all.win_rate));
    expect(await card("Win rate").locator(".change").innerText()).toBe(`▼ ${(Math.abs(all.win_rate_change_points) * 100).toFixed(1)} pt vs previous period`);

    await site.page.locator("form:has(label:text-is('Channel')) select").selectOption({ label: "Outbound" });
    await site.page.locator("form:has(label:text-is('Tier')) select").selectOption({ label: "A" });
    const cut = pick("outbound", "A");
    await expect.poll(() => cardValue("Bookings, every deal won")).toBe(formatMoney(cut.bookings));
    expect(await cardValue("Win rate")).toBe(formatPercent(cut.win_rate));
    expect(cut.bookings).not.toBe(all.bookings);
    // Coverage keeps the whole pipeline, and says so.
    expect(await card("Coverage").innerText()).toContain("all channels and tiers");
    expect(site.page.url()).toContain("channel=outbound");
    expect(site.page.url()).toContain("tier=A");
    expect(site.problems).toEqual([]);
  });

  it("says 'within noise' rather than flag a step whose interval reaches its baseline", async () => {
    await site.page.goto(`${site.url}/`, { waitUntil: "networkidle" });
    const bottlenecks = publishedMart("mart_funnel_bottleneck").filter((d) => d.channel === "all");
    const lowest = bottlenecks.find((d) => d.is_lowest)!;
    expect(lowest.is_bottleneck).toBe(false);
    expect(await card("Bottleneck").innerText()).toContain("is within noise");
    expect(await site.page.locator("svg.funnel-handoff .bottleneck-tag").count()).toBe(0);
  });
});
