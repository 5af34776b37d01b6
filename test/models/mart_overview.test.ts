// The overview's marts: every figure of its cards for each period × channel × tier, and the funnel it draws.
// On the closed-deals fixture (test/fixtures/closed-deals/README.md works each deal) and the sample.
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

describe("mart_overview", () => {
  let sample: string;
  beforeAll(async () => {
    sample = await buildFixture("data/exports/sample");
  });

  it("gives the win rate mart_win_rate gives, overall and for each channel and tier", async () => {
    const overview = await query(
      sample,
      `select period_type, period_key, channel, tier, n_closed, won, win_rate from mart_overview
       where n_closed > 0 and (channel = 'all' or tier = 'all') order by all`,
    );
    const winRate = await query(
      sample,
      `select period_type, period_key,
              case when dimension = 'channel' then value else 'all' end as channel,
              case when dimension = 'tier' then value else 'all' end as tier,
              n_closed, won, win_rate
       from mart_win_rate where dimension in ('overall', 'channel', 'tier') and period_type in ('quarter', 'year') order by all`,
    );
    expect(overview).toEqual(winRate);
    expect(overview.length).toBeGreaterThan(50);
  });

  it("books every deal won in the period, the split adding up, and matches field sales' new + expansion", async () => {
    const rows = await query<Record<string, number>>(
      sample,
      `select bookings, bookings_new_business + bookings_expansion + bookings_renewal as split_sum, bookings_new_business + bookings_expansion as field_sales
       from mart_overview where period_type = 'quarter' and period_key = '2026-Q3' and channel = 'all' and tier = 'all'`,
    );
    expect(rows[0]!.split_sum).toBeCloseTo(rows[0]!.bookings!, 6);
    const [kpi] = await query(sample, "select value from mart_team_kpis where team = 'field_sales' and kpi = 'bookings' and period_type = 'quarter' and period_key = '2026-Q3'");
    expect(rows[0]!.field_sales).toBeCloseTo(kpi!.value as number, 6);
    // The channels partition the company's bookings.
    const [channels] = await query<{ total: number }>(
      sample,
      "select sum(bookings) as total from mart_overview where period_type = 'quarter' and period_key = '2026-Q3' and channel <> 'all' and tier = 'all'",
    );
    expect(channels!.total).toBeCloseTo(rows[0]!.bookings!, 6);
  });

  it("compares only whole periods: none against 2024, which the export covers from November, nor in-progress 2026", async () => {
    expect(
      await query(sample, "select period_key, bookings_change_rate is null as no_change, bookings_change_note, win_rate_change_points is null as no_points from mart_overview where period_type = 'year' and channel = 'all' and tier = 'all' order by 1"),
    ).toEqual([
      { period_key: "2024", no_change: true, bookings_change_note: "period partial: the export starts within it", no_points: true },
      { period_key: "2025", no_change: true, bookings_change_note: "previous period partial: the export starts within it", no_points: true },
      { period_key: "2026", no_change: true, bookings_change_note: "period in progress", no_points: true },
    ]);
    const [q3] = await query(sample, "select win_rate, previous_win_rate, win_rate_change_points from mart_overview where period_type = 'quarter' and period_key = '2026-Q3' and channel = 'all' and tier = 'all'");
    expect(q3!.win_rate_change_points).toBeCloseTo((q3!.win_rate as number) - (q3!.previous_win_rate as number), 12);
  });
});

describe("mart_funnel_cohorts", () => {
  it("sums mart_funnel over the twelve months up to the period's end, with from-top as the product of conversions", async () => {
    const sample = await buildFixture("data/exports/sample");
    const [viaFunnel] = await query(
      sample,
      "select sum(reached)::integer as reached from mart_funnel where step = 'mql' and cohort_month >= date '2025-10-01' and cohort_month < date '2026-10-01'",
    );
    const rows = await query<{ step: string; reached: number; conversion_to_next: number | null; from_top: number }>(
      sample,
      "select step, reached, conversion_to_next, from_top from mart_funnel_cohorts where cohort_window = 'trailing_12_months' and period_type = 'quarter' and period_key = '2026-Q3' and channel = 'all' and tier = 'all' order by step_order",
    );
    expect(rows.find((r) => r.step === "mql")!.reached).toBe(viaFunnel!.reached);
    let product = 1;
    for (const row of rows) {
      expect(row.from_top).toBeCloseTo(product, 12);
      product *= row.conversion_to_next ?? 1;
    }
  });

  it("draws no step the export cannot reach: without leads the funnel starts at the opportunity", async () => {
    const noLeads = await buildFixture(`${FIXTURES}/closed-deals`);
    const steps = await query(noLeads, "select distinct step from mart_funnel_cohorts order by 1");
    expect(steps.map((s) => s.step)).not.toContain("lead");
    expect(steps.map((s) => s.step)).toContain("opportunity");
  });
});
