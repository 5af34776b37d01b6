import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA, tempDir } from "../helpers.ts";

// test/fixtures/pipeline, as of 2026-11-15. The data starts 2025-11-01.
// Closed-deal window: the trailing 4 complete quarters, 2025-10-01 .. 2026-09-30. New business closed in it:
//   O01 won 20,000, from lead L1 (Web, inbound), lead created 2025-12-01, closed 2026-03-10: 99 days
//       (Dec 31 + Jan 31 + Feb 28 + 9)
//   O02 won 40,000, from lead L6 (Cold Call, outbound), lead created 2026-01-12, closed 2026-06-20: 159 days
//       (to 12 Feb 31, 12 Mar 28, 12 Apr 31, 12 May 30, 12 Jun 31, + 8)
//   O03 lost, from lead L2 (inbound);  O04 lost, a Partner Referral deal without a lead (inbound)
//   (O05, O06 won in October and November 2026: after the window.)
//   inbound 1 won of 3 closed, average 20,000, median cycle 99; outbound 1 of 1, 40,000, 159;
//   all 2 of 4 = 0.5, average 30,000, median cycle (99 + 159) ÷ 2 = 129.
// Cohort window: quarters whose last day is ≥ 180 days before 2026-11-15 (i.e. on or before 2026-05-19):
//   Q4 2025 and Q1 2026 (the data has no earlier quarter) → records that entered 2025-10-01 .. 2026-03-31:
//   inbound  L1 (→ opportunity), L2 (→ opportunity), L3 (SQL), L4 (MQL), L5 (lead); O04 entered at the
//            opportunity step, so it is in none of the counts below
//            lead → MQL 4 of 5 = 0.8;  MQL → SQL 3 of 4 = 0.75;  SQL → opportunity 2 of 3
//   outbound L6 (SQL without an MQL date: it reached MQL when it reached SQL → opportunity), L7 (lead),
//            L8 (disqualified): lead → MQL 1 of 3;  MQL → SQL 1 of 1;  SQL → opportunity 1 of 1
//   all      lead → MQL 5 of 8 = 0.625;  MQL → SQL 4 of 5 = 0.8;  SQL → opportunity 3 of 4 = 0.75
// Reverse funnel for a 300,000 target on "all": 300,000 ÷ 30,000 = 10 won deals ÷ 0.5 = 20 opportunities
// ÷ 0.75 = 26.7 SQLs ÷ 0.8 = 33.3 MQLs ÷ 0.625 = 53.3 leads, starting about 129 days ahead.
describe("mart_plan", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/pipeline`);
  });

  it("gives deal size, win rate and lead → won cycle per channel from the trailing four quarters", async () => {
    const rows = await query(
      warehouse,
      `select channel, average_won_deal_size, won_deals, win_rate, closed_deals, median_cycle_days_lead_to_won, cycle_deals
       from mart_plan`,
    );
    expect(rows).toEqual([
      { channel: "inbound", average_won_deal_size: 20000, won_deals: 1, win_rate: 1 / 3, closed_deals: 3, median_cycle_days_lead_to_won: 99, cycle_deals: 1 },
      { channel: "outbound", average_won_deal_size: 40000, won_deals: 1, win_rate: 1, closed_deals: 1, median_cycle_days_lead_to_won: 159, cycle_deals: 1 },
      { channel: "unknown", average_won_deal_size: null, won_deals: 0, win_rate: null, closed_deals: 0, median_cycle_days_lead_to_won: null, cycle_deals: 0 },
      { channel: "all", average_won_deal_size: 30000, won_deals: 2, win_rate: 0.5, closed_deals: 4, median_cycle_days_lead_to_won: 129, cycle_deals: 2 },
    ]);
  });

  it("gives cohort conversions of cohorts at least 180 days old, each with its n", async () => {
    const rows = await query(
      warehouse,
      `select channel, sql_to_opportunity_rate, sqls, mql_to_sql_rate, mqls, lead_to_mql_rate, leads,
              closed_window_start, closed_window_end, cohort_window_start, cohort_window_end
       from mart_plan where channel <> 'unknown'`,
    );
    const windows = {
      closed_window_start: "2025-10-01",
      closed_window_end: "2026-10-01",
      cohort_window_start: "2025-10-01",
      cohort_window_end: "2026-04-01",
    };
    expect(rows).toEqual([
      { channel: "inbound", sql_to_opportunity_rate: 2 / 3, sqls: 3, mql_to_sql_rate: 0.75, mqls: 4, lead_to_mql_rate: 0.8, leads: 5, ...windows },
      { channel: "outbound", sql_to_opportunity_rate: 1, sqls: 1, mql_to_sql_rate: 1, mqls: 1, lead_to_mql_rate: 1 / 3, leads: 3, ...windows },
      { channel: "all", sql_to_opportunity_rate: 0.75, sqls: 4, mql_to_sql_rate: 0.8, mqls: 5, lead_to_mql_rate: 0.625, leads: 8, ...windows },
    ]);
  });

  it("agrees with mart_funnel's step conversions over the same cohorts", async () => {
    const funnel = await query(
      warehouse,
      `select step, sum(advanced)::integer as advanced, sum(reached)::integer as reached from mart_funnel
       where cohort_month >= '2025-10-01' and cohort_month < '2026-04-01' and step in ('lead', 'mql', 'sql')
       group by step order by min(step_order)`,
    );
    expect(funnel).toEqual([
      { step: "lead", advanced: 5, reached: 8 },
      { step: "mql", advanced: 4, reached: 5 },
      { step: "sql", advanced: 3, reached: 4 },
    ]);
  });

  it("carries a Wilson interval on every rate and marks the small samples", async () => {
    const [all] = await query(
      warehouse,
      `select win_rate_low, win_rate_high, lead_to_mql_rate_low, lead_to_mql_rate_high, low_sample, note
       from mart_plan where channel = 'all'`,
    );
    // 2 of 4: centre (0.5 + 1.96²/8) ÷ (1 + 1.96²/4) = 0.5, half-width 1.96·√(0.0625 + 0.0600) ÷ 1.9604 = 0.3500.
    expect(all!.win_rate_low).toBeCloseTo(0.15, 3);
    expect(all!.win_rate_high).toBeCloseTo(0.85, 3);
    expect(all!.lead_to_mql_rate_low).toBeLessThan(0.625);
    expect(all!.lead_to_mql_rate_high).toBeGreaterThan(0.625);
    expect(all).toMatchObject({ low_sample: true, note: null });
  });

  it("flags each divisor of the reverse funnel whose n is below config minimumSample", async () => {
    // minimumSample 3. n per divisor (won deals, closed deals, SQLs, MQLs, leads), from the counts above:
    //   inbound  1, 3, 3, 4, 5 → only the average deal (1 < 3);   outbound 1, 1, 1, 1, 3 → all but leads;
    //   unknown  0, 0, 0, 0, 0 → all;                              all      2, 4, 4, 5, 8 → only the average deal.
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const path = join(tempDir(), "config.json");
    writeFileSync(path, JSON.stringify({ ...config, minimumSample: 3 }));
    const lenient = await buildFixture(`${FIXTURES}/pipeline`, { configPath: path });
    const rows = await query(
      lenient,
      `select channel, won_deals_low_sample as deal, closed_deals_low_sample as win, sqls_low_sample as sql,
              mqls_low_sample as mql, leads_low_sample as lead
       from mart_plan`,
    );
    expect(rows).toEqual([
      { channel: "inbound", deal: true, win: false, sql: false, mql: false, lead: false },
      { channel: "outbound", deal: true, win: true, sql: true, mql: true, lead: false },
      { channel: "unknown", deal: true, win: true, sql: true, mql: true, lead: true },
      { channel: "all", deal: true, win: false, sql: false, mql: false, lead: false },
    ]);
  });

  it("gives, per channel and quarter ahead, the day leads must come in by and whether it has passed", async () => {
    // The quarters ahead of 2026-11-15 (mart_pipeline_summary): Q4 2026 ends 31 Dec, Q1 2027 ends 31 Mar.
    //   all, median 129 days: 31 Dec − 129 = 24 Aug 2026 (31 Dec → 30 Nov 31, → 31 Oct 61, → 30 Sep 92,
    //     → 31 Aug 122, − 7) — passed; 31 Mar 2027 − 129 = 22 Nov 2026 (→ 28 Feb 31, → 31 Jan 59, → 31 Dec 90,
    //     → 30 Nov 121, − 8) — not passed. A lead coming in on 15 Nov closes around 15 Nov + 129 =
    //     24 Mar 2027 (15 + 31 + 31 + 28 = 105 to 28 Feb, + 24).
    //   inbound, 99: 31 Dec − 99 = 23 Sep (92 to 30 Sep, − 7), passed; 31 Mar − 99 = 22 Dec (90 to 31 Dec, − 9).
    //   outbound, 159: 31 Mar − 159 = 23 Oct 2026 (121 to 30 Nov, 151 to 31 Oct, − 8): passed.
    //   unknown: no won deal, no median, no dates.
    const rows = await query(
      warehouse,
      `select channel, period_key, period_last_day, lead_deadline, is_deadline_passed, new_lead_close_date from mart_plan_deadlines`,
    );
    const q4 = { period_key: "2026-Q4", period_last_day: "2026-12-31" };
    const q1 = { period_key: "2027-Q1", period_last_day: "2027-03-31" };
    expect(rows).toEqual([
      { channel: "inbound", ...q4, lead_deadline: "2026-09-23", is_deadline_passed: true, new_lead_close_date: "2027-02-22" },
      { channel: "inbound", ...q1, lead_deadline: "2026-12-22", is_deadline_passed: false, new_lead_close_date: "2027-02-22" },
      { channel: "outbound", ...q4, lead_deadline: "2026-07-25", is_deadline_passed: true, new_lead_close_date: "2027-04-23" },
      { channel: "outbound", ...q1, lead_deadline: "2026-10-23", is_deadline_passed: true, new_lead_close_date: "2027-04-23" },
      { channel: "unknown", ...q4, lead_deadline: null, is_deadline_passed: null, new_lead_close_date: null },
      { channel: "unknown", ...q1, lead_deadline: null, is_deadline_passed: null, new_lead_close_date: null },
      { channel: "all", ...q4, lead_deadline: "2026-08-24", is_deadline_passed: true, new_lead_close_date: "2027-03-24" },
      { channel: "all", ...q1, lead_deadline: "2026-11-22", is_deadline_passed: false, new_lead_close_date: "2027-03-24" },
    ]);
  });

  it.skipIf(SKIP_REAL_DATA)("says why, instead of showing zeros, when the export has no leads (Maven)", async () => {
    const maven = await buildFixture(realData("maven-crm-sales-opportunities"), { mappingPath: "data/mappings/maven-crm.json" });
    const [all] = await query(maven, `select leads, lead_to_mql_rate, win_rate, closed_deals, note from mart_plan where channel = 'all'`);
    expect(all).toMatchObject({
      leads: null,
      lead_to_mql_rate: null,
      note: "the export has no leads: lead, MQL and SQL conversions cannot be computed",
    });
    expect(all!.closed_deals).toBeGreaterThan(1000);
    expect(all!.win_rate).toBeGreaterThan(0);
  });
});
