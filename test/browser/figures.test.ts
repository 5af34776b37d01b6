// Every card figure traces to one mart column: for each page, the figures the cards show are read in the
// browser and compared with the built site's own mart JSON, picked for the page's selection. A page that
// computed a figure of its own (a sum, a change, a ratio) would disagree here the first time its rule
// differed from the mart's. The overview and the funnel are traced in their own test files.
import { describe, expect, it } from "vitest";
import { formatCount, formatMoney, formatPercent } from "../../src/components/format.ts";
import { label } from "../../src/components/labels.ts";
import { publishedMart, sitePage } from "./watch.ts";

describe("card figures trace to their marts", () => {
  const site = sitePage();
  const cardValue = (title: string) =>
    site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("${title}")`) }).locator(".kpi-value").innerText();
  /** The period the page opened on: its period select's chosen option, without the "(in progress)" mark. */
  const selectedKey = async () => (await site.page.locator(".filters select").first().locator("option:checked").innerText()).split(" ")[0]!;

  it("reps: bookings, won deals, open pipeline and reps with enough data are mart_rep_summary's", async () => {
    await site.page.goto(`${site.url}/reps`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBe(4);
    const key = await selectedKey();
    const row = publishedMart("mart_rep_summary").find((d) => d.period_type === "quarter" && d.period_key === key && d.team === "all")!;
    expect(await cardValue(label("bookings"))).toBe(formatMoney(row.bookings));
    expect(await cardValue(label("won_deals"))).toBe(formatCount(row.won_deals));
    expect(await cardValue("Open pipeline")).toBe(formatMoney(row.open_pipeline));
    expect(await cardValue("Reps with enough data")).toBe(formatCount(row.reps_with_enough_data));
    expect(site.problems).toEqual([]);
  });

  it("team meeting: each KPI card and the handoff card are mart_team_kpis' value and handoff_conversion", async () => {
    const kpis = publishedMart("mart_team_kpis");
    for (const [team, cards] of [["marketing", ["leads", "mqls"]], ["field_sales", ["won_deals", "bookings"]]] as const) {
      await site.page.goto(`${site.url}/teams/${team}`, { waitUntil: "networkidle" });
      await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThan(2);
      const key = await selectedKey();
      const rows = kpis.filter((d) => d.team === team && d.period_type === "quarter" && d.period_key === key);
      for (const kpi of cards) {
        const row = rows.find((d) => d.kpi === kpi)!;
        expect(await cardValue(label(kpi)), `${team} ${kpi}`).toBe(row.unit === "amount" ? formatMoney(row.value) : formatCount(row.value));
      }
      const handoff = await site.page.locator(".handoff-card .kpi-value").innerText();
      expect(handoff, team).toBe(formatPercent(rows[0]!.handoff_conversion));
    }
    expect(site.problems).toEqual([]);
  });

  it("win rate: the cards are mart_win_rate's overall row and mart_lost_reasons' amount lost", async () => {
    await site.page.goto(`${site.url}/win-rate`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBe(4);
    const key = await selectedKey();
    const overall = publishedMart("mart_win_rate").find((d) => d.period_type === "quarter" && d.period_key === key && d.dimension === "overall")!;
    const lost = publishedMart("mart_lost_reasons").find((d) => d.period_type === "quarter" && d.period_key === key && d.dimension === "overall")!;
    expect(await cardValue(label("win_rate_count"))).toBe(formatPercent(overall.win_rate));
    expect(await cardValue(label("win_rate_amount"))).toBe(formatPercent(overall.win_rate_amount));
    expect(await cardValue("Deals closed")).toBe(formatCount(overall.n_closed));
    expect(await cardValue("Amount lost")).toBe(formatMoney(lost.amount_lost));
    expect(site.problems).toEqual([]);
  });

  it("recycling: pool, re-engagement and yields are mart_recycled_leads' 'all' row", async () => {
    await site.page.goto(`${site.url}/recycling`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBe(4);
    const all = publishedMart("mart_recycled_leads").find((d) => d.reason_group === "all" && d.months_to_return === "all")!;
    const values = await site.page.locator(".kpi .kpi-value").allInnerTexts();
    expect(values).toEqual([formatCount(all.pool), formatPercent(all.re_engagement_rate), formatPercent(all.yield_rate), formatPercent(all.overall_yield_rate)]);
    expect(site.problems).toEqual([]);
  });

  it("plan: open opportunities, win rate, average won deal and velocity are mart_pipeline_summary's", async () => {
    await site.page.goto(`${site.url}/plan`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThanOrEqual(5);
    const velocity = publishedMart("mart_pipeline_summary")[0]!;
    expect(await cardValue("Open opportunities")).toBe(formatCount(velocity.velocity_open_opportunities));
    expect(await cardValue(label("win_rate"))).toBe(formatPercent(velocity.win_rate));
    expect(await cardValue("Average won deal")).toBe(formatMoney(velocity.average_won_deal_size));
    expect(await cardValue("Sales velocity")).toBe(formatMoney(velocity.sales_velocity_per_day));
    const velocityCard = site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("Sales velocity")`) });
    expect(await velocityCard.innerText()).toContain(`${formatMoney(velocity.sales_velocity_per_month)} per month`);
    expect(site.problems).toEqual([]);
  });
});
