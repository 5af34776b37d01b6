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

  it("act-on lists: each list's size is a mart_act_on_summary total row, the team's or the rep's, never a sum", async () => {
    const summary = publishedMart("mart_act_on_summary");
    const total = (list: string, level: string, more: (d: Record<string, any>) => boolean = () => true) =>
      summary.find((d) => d.list === list && d.level === level && d.reason_group === "all" && more(d))!;
    const cardText = (title: string) => site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("${title}")`) }).innerText();

    await site.page.goto(`${site.url}/teams/field_sales`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThan(3);
    const aging = total("aging_deals", "team", (d) => d.team === "field_sales");
    expect(await cardValue("Overdue open deals")).toBe(formatCount(aging.overdue_items));
    expect(await cardText("Overdue open deals")).toContain(formatMoney(aging.overdue_amount));

    await site.page.goto(`${site.url}/teams/customer_success`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThan(3);
    const renewals = total("renewals_due", "team", (d) => d.team === "customer_success");
    expect(await cardValue("Renewals due in 90 days")).toBe(formatCount(renewals.items));
    expect(await cardText("Renewals due in 90 days")).toContain(`${formatCount(renewals.overdue_items)} overdue`);

    // Inside sales: the team's queue, what became due in the selected period, a quarter when the page opens (mart_recycle_queue_due), and a rep's list size.
    await site.page.goto(`${site.url}/teams/inside_sales`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThan(2);
    const queue = total("recycle_queue", "team", (d) => d.team === "inside_sales");
    expect(await cardValue("Recycle queue due now")).toBe(formatCount(queue.items));
    const key = await selectedKey();
    const newlyDue = publishedMart("mart_recycle_queue_due").find((d) => d.team === "inside_sales" && d.period_type === "quarter" && d.period_key === key);
    expect(await cardText("Recycle queue due now")).toContain(`${formatCount(newlyDue?.records ?? 0)} became due in ${key}`);
    const busiest = summary.filter((d) => d.list === "recycle_queue" && d.level === "owner" && d.reason_group === "all" && d.owner_id !== null)
      .sort((a, b) => b.items - a.items)[0]!;
    await site.page.goto(`${site.url}/teams/inside_sales?rep=${busiest.owner_id}`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator(".act-on .list-shown").first().textContent()).toContain(`of ${formatCount(busiest.items)}`);

    // The recycling page: the whole queue (every team), then one rep's over every reason group.
    await site.page.goto(`${site.url}/recycling`, { waitUntil: "networkidle" });
    const queueHeading = site.page.locator("h2", { hasText: /^Recycle queue \(/ });
    await expect.poll(() => queueHeading.innerText()).toBe(`Recycle queue (${formatCount(total("recycle_queue", "all").items)})`);
    await site.page.goto(`${site.url}/recycling?owner=${busiest.owner_id}`, { waitUntil: "networkidle" });
    await expect.poll(() => queueHeading.innerText()).toBe(`Recycle queue (${formatCount(busiest.items)})`);
    expect(site.problems).toEqual([]);
  });

  it("plan: each period's coverage status is mart_pipeline_summary's coverage_state, the lead deadline mart_plan_deadlines'", async () => {
    await site.page.goto(`${site.url}/plan`, { waitUntil: "networkidle" });
    const states: Record<string, string> = { healthy: "3× or more", short: "Below 3×", met: "Target met", no_target: "No target", unknown: "Unknown" };
    const quarters = publishedMart("mart_pipeline_summary").filter((d) => d.period_type === "quarter");
    const table = site.page.locator(".data-table:has(th:text('Status'))");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(quarters.length);
    const column = (await table.locator("thead th").allInnerTexts()).findIndex((h) => h.trim() === "Status") + 1;
    const statuses = await table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
    expect(statuses).toEqual(quarters.map((d) => states[d.coverage_state]));
    // The quarter the plan opens on (the first one ahead), all channels.
    const quarter = quarters.find((d) => !d.is_current) ?? quarters[0]!;
    const deadline = publishedMart("mart_plan_deadlines").find((d) => d.channel === "all" && d.period_key === quarter.period_key)!;
    await expect.poll(() => site.page.locator(".plan-words .deadline").textContent()).toContain(`Leads must arrive by ${deadline.lead_deadline}`);
    expect(await site.page.locator(".plan-words h3").innerText()).toContain(`by ${quarter.period_last_day}`);
    expect(site.problems).toEqual([]);
  });
});
