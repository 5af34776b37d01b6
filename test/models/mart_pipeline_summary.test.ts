import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA, tempDir } from "../helpers.ts";

// test/fixtures/pipeline, as of 2026-11-15; field sales' bookings target 100,000 a month (set below).
// Open new-business and expansion deals by the period they fall due in (the renewal O15 is customer
// success' and stays out; O16 has no close date and is in no period):
//   2026-11  O11 40,000 (overdue since 6 Oct: counted now) + O12 10,000 = 50,000, 2 deals, 1 overdue
//   2026-12  O13 20,000;   2027-01  O14 (upsell) 15,000
//   Q4 2026  50,000 + 20,000 = 70,000, 3 deals;  Q1 2027 15,000;  year 2026 70,000;  2027 15,000
// Bookings won so far: Nov O06 30,000; Q4 O05 50,000 + O06 = 80,000; 2026 O01 20,000 + O02 40,000 + 80,000
// = 140,000. Remaining target and coverage:
//   2026-11  100,000 − 30,000 = 70,000 → 50,000 ÷ 70,000 = 0.7143
//   2026-12  100,000 → 0.2;   2027-01  100,000 → 0.15
//   Q4 2026  300,000 − 80,000 = 220,000 → 70,000 ÷ 220,000 = 0.3182;   Q1 2027 300,000 → 0.05
//   2026     1,200,000 − 140,000 = 1,060,000 → 0.0660;   2027 1,200,000 → 0.0125
// Velocity from new business closed in the trailing 4 complete quarters (2025-10-01 .. 2026-09-30):
//   O01 won 20,000 (created 9 Jan, closed 10 Mar: 60 days), O02 won 40,000 (21 May → 20 Jun: 30 days),
//   O03 and O04 lost → win rate 2 ÷ 4 = 0.5, average won deal 30,000, average cycle 45 days.
//   Open new business now: O11, O12, O13, O16 = 4 → 4 × 0.5 × 30,000 ÷ 45 = 1,333.33 a day.
const TARGETS = { field_sales: { bookings: 100000 } };

function configWith(changes: Record<string, unknown>): string {
  const config = { ...JSON.parse(readFileSync("data/config.json", "utf8")), ...changes };
  const path = join(tempDir(), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe("mart_pipeline_summary", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/pipeline`, { configPath: configWith({ targets: TARGETS }) });
  });

  it("puts open pipeline in the period it is due, overdue deals in the current one", async () => {
    const rows = await query(
      warehouse,
      `select period_type, strftime(period_start, '%Y-%m') as start, is_current, open_amount, open_count,
              overdue_amount, overdue_count
       from mart_pipeline_summary order by period_type, period_start`,
    );
    expect(rows).toEqual([
      { period_type: "month", start: "2026-11", is_current: true, open_amount: 50000, open_count: 2, overdue_amount: 40000, overdue_count: 1 },
      { period_type: "month", start: "2026-12", is_current: false, open_amount: 20000, open_count: 1, overdue_amount: 0, overdue_count: 0 },
      { period_type: "month", start: "2027-01", is_current: false, open_amount: 15000, open_count: 1, overdue_amount: 0, overdue_count: 0 },
      { period_type: "quarter", start: "2026-10", is_current: true, open_amount: 70000, open_count: 3, overdue_amount: 40000, overdue_count: 1 },
      { period_type: "quarter", start: "2027-01", is_current: false, open_amount: 15000, open_count: 1, overdue_amount: 0, overdue_count: 0 },
      { period_type: "year", start: "2026-01", is_current: true, open_amount: 70000, open_count: 3, overdue_amount: 40000, overdue_count: 1 },
      { period_type: "year", start: "2027-01", is_current: false, open_amount: 15000, open_count: 1, overdue_amount: 0, overdue_count: 0 },
    ]);
  });

  it("gives the remaining target and coverage against it", async () => {
    const rows = await query(
      warehouse,
      `select period_key, target, bookings_won, remaining_target, round(coverage, 4) as coverage
       from mart_pipeline_summary order by period_type, period_start`,
    );
    expect(rows).toEqual([
      { period_key: "2026-11", target: 100000, bookings_won: 30000, remaining_target: 70000, coverage: 0.7143 },
      { period_key: "2026-12", target: 100000, bookings_won: 0, remaining_target: 100000, coverage: 0.2 },
      { period_key: "2027-01", target: 100000, bookings_won: 0, remaining_target: 100000, coverage: 0.15 },
      { period_key: "2026-Q4", target: 300000, bookings_won: 80000, remaining_target: 220000, coverage: 0.3182 },
      { period_key: "2027-Q1", target: 300000, bookings_won: 0, remaining_target: 300000, coverage: 0.05 },
      { period_key: "2026", target: 1200000, bookings_won: 140000, remaining_target: 1060000, coverage: 0.066 },
      { period_key: "2027", target: 1200000, bookings_won: 0, remaining_target: 1200000, coverage: 0.0125 },
    ]);
  });

  it("computes sales velocity from the trailing four complete quarters, the same on every row", async () => {
    const rows = await query(
      warehouse,
      `select distinct velocity_open_opportunities, baseline_closed_deals, baseline_won_deals, win_rate,
              average_won_deal_size, average_cycle_days, sales_velocity_per_day, sales_velocity_per_month, low_sample,
              baseline_start, baseline_end, baseline_quarters, note
       from mart_pipeline_summary`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      velocity_open_opportunities: 4,
      baseline_closed_deals: 4,
      baseline_won_deals: 2,
      win_rate: 0.5,
      average_won_deal_size: 30000,
      average_cycle_days: 45,
      low_sample: true,
      baseline_start: "2025-10-01",
      baseline_end: "2026-10-01",
      baseline_quarters: 4,
      note: "1 open deals have no expected close date and are in no period",
    });
    expect(rows[0]!.sales_velocity_per_day).toBeCloseTo(4000 / 3, 8);
    expect(rows[0]!.sales_velocity_per_month).toBeCloseTo(((4000 / 3) * 365) / 12, 8);
  });

  it("has no remaining target nor coverage without a target, or once the target is met", async () => {
    const noTarget = await buildFixture(`${FIXTURES}/pipeline`, { configPath: configWith({ targets: {} }) });
    const rows = await query(noTarget, `select distinct target, remaining_target, coverage, coverage_state from mart_pipeline_summary`);
    expect(rows).toEqual([{ target: null, remaining_target: null, coverage: null, coverage_state: "no_target" }]);
    // A 20,000 monthly target: November's 30,000 won already exceed it → nothing remains, coverage null.
    const small = await buildFixture(`${FIXTURES}/pipeline`, { configPath: configWith({ targets: { field_sales: { bookings: 20000 } } }) });
    const [november] = await query(small, `select remaining_target, coverage, coverage_state from mart_pipeline_summary where period_key = '2026-11'`);
    expect(november).toEqual({ remaining_target: 0, coverage: null, coverage_state: "met" });
  });

  it("calls each period's coverage healthy or short against config coverageThreshold, and names its last day", async () => {
    // At the default 3×, every coverage above (0.7143 at most) is short.
    const rows = await query(warehouse, `select period_key, period_last_day, coverage_state from mart_pipeline_summary order by period_type, period_start`);
    expect(rows).toEqual([
      { period_key: "2026-11", period_last_day: "2026-11-30", coverage_state: "short" },
      { period_key: "2026-12", period_last_day: "2026-12-31", coverage_state: "short" },
      { period_key: "2027-01", period_last_day: "2027-01-31", coverage_state: "short" },
      { period_key: "2026-Q4", period_last_day: "2026-12-31", coverage_state: "short" },
      { period_key: "2027-Q1", period_last_day: "2027-03-31", coverage_state: "short" },
      { period_key: "2026", period_last_day: "2026-12-31", coverage_state: "short" },
      { period_key: "2027", period_last_day: "2027-12-31", coverage_state: "short" },
    ]);
    // At 0.2×: 2026-11 0.7143, 2026-12 0.2 (at the threshold: healthy), Q4 0.3182 are healthy; 0.15, 0.05, 0.066, 0.0125 short.
    const lower = await buildFixture(`${FIXTURES}/pipeline`, { configPath: configWith({ targets: TARGETS, coverageThreshold: 0.2 }) });
    const states = await query(lower, `select period_key, coverage_state from mart_pipeline_summary order by period_type, period_start`);
    expect(states.map((r) => [r.period_key, r.coverage_state])).toEqual([
      ["2026-11", "healthy"], ["2026-12", "healthy"], ["2027-01", "short"],
      ["2026-Q4", "healthy"], ["2027-Q1", "short"],
      ["2026", "short"], ["2027", "short"],
    ]);
  });

  it("labels its future periods exactly as int_periods does, with a fiscal year starting in April too", async () => {
    const fiscal = await buildFixture(`${FIXTURES}/pipeline`, { configPath: configWith({ fiscalYearStartMonth: 4 }) });
    for (const path of [warehouse, fiscal]) {
      const mismatches = await query(
        path,
        `select summary.period_type, summary.period_key, periods.period_key as expected
         from mart_pipeline_summary as summary
         join int_periods as periods using (period_type, period_start)
         where summary.period_key <> periods.period_key`,
      );
      expect(mismatches).toEqual([]);
    }
    // Fiscal year April–March, named by the year it ends in: November 2026 is in FY2027's Q3.
    const keys = await query(fiscal, `select period_key from mart_pipeline_summary where period_type <> 'month' order by period_type, period_start`);
    expect(keys.map((r) => r.period_key)).toEqual(["FY2027-Q3", "FY2027-Q4", "FY2027"]);
  });
});

describe.skipIf(SKIP_REAL_DATA)("mart_pipeline_summary on an export whose open deals have no close date (Maven)", () => {
  it("leaves what is due and overdue unknown, not 0, and says why", async () => {
    const maven = await buildFixture(realData("maven-crm-sales-opportunities"), { mappingPath: "data/mappings/maven-crm.json" });
    const rows = await query(
      maven,
      `select count(*)::integer as periods, count(open_amount)::integer as with_amount, count(overdue_count)::integer as with_overdue,
              count(coverage)::integer as with_coverage, min(note) as note, min(velocity_open_opportunities) as open_deals
       from mart_pipeline_summary`,
    );
    expect(rows[0]).toMatchObject({ with_amount: 0, with_overdue: 0, with_coverage: 0, open_deals: 2089 });
    // With a target still to reach (a billion a month), coverage is unknown, not 0× nor short.
    const targeted = await buildFixture(realData("maven-crm-sales-opportunities"), {
      mappingPath: "data/mappings/maven-crm.json",
      configPath: configWith({ targets: { field_sales: { bookings: 1e9 } } }),
    });
    expect(await query(targeted, "select distinct coverage, coverage_state from mart_pipeline_summary")).toEqual([
      { coverage: null, coverage_state: "unknown" },
    ]);
    expect(rows[0]!.periods).toBeGreaterThan(0);
    expect(rows[0]!.note).toContain("2089 open deals have no expected close date");
  });
});
