import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA } from "../helpers.ts";

// test/fixtures/salesforce-funnel, worked out by hand. Steps: 1 lead, 2 mql, 3 sql, 4 opportunity,
// 5 discovery, 6 proposal, 7 negotiation, 8 won.
//   L1 Web, converted → O1 won                         entry 1, reached 8 (won reaches every step)
//   L2 Web, converted → O2 lost after Discovery         entry 1, reached 5 (history: Qualification, Discovery)
//   L3 Webinar, Sales Qualified                         entry 1, reached 3
//   L4 Web, Marketing Qualified                         entry 1, reached 2
//   L5 Cold Email, disqualified, no dates               entry 1, reached 1
//   L6 Cold Email, working (and a duplicate row of it)  entry 1, reached 1; the duplicate is quarantined
//   O3 Partner Referral, no lead, open in Proposal      entry 4, reached 6
//   O4 renewal: customer success, not in this funnel
//   O5 Web, no lead, open in "Stalled", a stage the config does not map: kept, entry 4, reached 4 (its
//      step is unknown, so it counts up to the opportunity step it entered at)
const EXPECTED = [
  { step: "lead", reached: 6, advanced: 4 },
  { step: "mql", reached: 4, advanced: 3 },
  { step: "sql", reached: 3, advanced: 2 },
  { step: "opportunity", reached: 4, advanced: 3 },
  { step: "discovery", reached: 3, advanced: 2 },
  { step: "proposal", reached: 2, advanced: 1 },
  { step: "negotiation", reached: 1, advanced: 1 },
  { step: "won", reached: 1, advanced: null },
];

describe("mart_funnel", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/salesforce-funnel`);
  });

  it("counts every step reached and advanced, worked out by hand", async () => {
    const rows = await query(
      warehouse,
      `select step, sum(reached)::integer as reached, sum(advanced)::integer as advanced
       from mart_funnel group by step order by min(step_order)`,
    );
    expect(rows).toEqual(EXPECTED);
  });

  it("gives conversion to the next step as advanced ÷ reached", async () => {
    const rows = await query(
      warehouse,
      `select step, sum(advanced) / sum(reached) as conversion from mart_funnel group by step order by min(step_order)`,
    );
    expect(rows.map((r) => r.conversion)).toEqual([4 / 6, 3 / 4, 2 / 3, 3 / 4, 2 / 3, 1 / 2, 1, null]);
  });

  it("splits by channel: inbound leads and the partner-sourced opportunity, outbound leads", async () => {
    const rows = await query(
      warehouse,
      `select channel, step, sum(reached)::integer as reached from mart_funnel
       where step in ('lead', 'mql', 'opportunity', 'won') group by all order by channel, min(step_order)`,
    );
    expect(rows).toEqual([
      { channel: "inbound", step: "lead", reached: 4 },
      { channel: "inbound", step: "mql", reached: 4 },
      { channel: "inbound", step: "opportunity", reached: 4 },
      { channel: "inbound", step: "won", reached: 1 },
      { channel: "outbound", step: "lead", reached: 2 },
      { channel: "outbound", step: "mql", reached: 0 },
      { channel: "outbound", step: "opportunity", reached: 0 },
      { channel: "outbound", step: "won", reached: 0 },
    ]);
  });

  it("splits by cohort month and by tier (export tier, or the company name's account)", async () => {
    const byMonth = await query(
      warehouse,
      `select strftime(cohort_month, '%Y-%m') as month, sum(reached)::integer as reached
       from mart_funnel where step = 'lead' group by all order by month`,
    );
    expect(byMonth).toEqual([
      { month: "2026-01", reached: 3 },
      { month: "2026-02", reached: 3 },
    ]);
    const byTier = await query(
      warehouse,
      `select tier, sum(reached)::integer as reached from mart_funnel where step = 'lead' group by all order by tier`,
    );
    // L1, L6 → Alpha (A); L2, L4 → Beta (B); L3, L5 → Gamma (C).
    expect(byTier).toEqual([
      { tier: "A", reached: 2 },
      { tier: "B", reached: 2 },
      { tier: "C", reached: 2 },
    ]);
  });

  it("counts records entering at the opportunity step without a lead", async () => {
    const rows = await query(warehouse, `select step, sum(entered)::integer as entered from mart_funnel where entered > 0 group by step order by step`);
    expect(rows).toEqual([
      { step: "lead", entered: 6 },
      { step: "opportunity", entered: 2 },
    ]);
  });

  it("quarantines the duplicate lead and the unreadable amount, keeps the deal in an unmapped stage and lists the stage, and reconciles every file", async () => {
    const quarantine = await query(warehouse, "select source_file, source_row, record_id, reason from dq_quarantine order by source_file");
    expect(quarantine).toEqual([
      { source_file: "Lead.csv", source_row: 7, record_id: "00Q000000000006AAA", reason: "exact duplicate of an earlier row" },
      { source_file: "Opportunity.csv", source_row: 6, record_id: "006000000000006AAA", reason: "unparseable amount in amount" },
    ]);
    expect(await query(warehouse, "select kind, value, records, config_line from mart_unmapped_values")).toEqual([
      { kind: "opportunity_stage", value: "Stalled", records: 1, config_line: '"funnel": {"opportunityStages": {"Stalled": "?"}}' },
    ]);
    const files = await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality");
    expect(files).toEqual([
      { source_file: "Account.csv", rows_read: 3, rows_loaded: 3, rows_quarantined: 0 },
      { source_file: "Lead.csv", rows_read: 7, rows_loaded: 6, rows_quarantined: 1 },
      { source_file: "Opportunity.csv", rows_read: 6, rows_loaded: 5, rows_quarantined: 1 },
      { source_file: "OpportunityHistory.csv", rows_read: 6, rows_loaded: 6, rows_quarantined: 0 },
      { source_file: "User.csv", rows_read: 3, rows_loaded: 3, rows_quarantined: 0 },
    ]);
  });

  it("keeps personal data out of every staging table and mart", async () => {
    const columns = await query<{ column_name: string; table_name: string }>(
      warehouse,
      `select table_name, column_name from duckdb_columns()
       where regexp_matches(table_name, '^(stg|int|mart)_')`,
    );
    const personal = columns.filter((c) => /email|phone|first_?name|last_?name/i.test(c.column_name));
    expect(personal).toEqual([]);
    expect(columns.length).toBeGreaterThan(50);
  });
});

describe("mart_funnel_cohorts on the hand-worked funnel", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/salesforce-funnel`);
  });

  it("gives each period's cohort funnel as picked rows: the hand-worked counts, conversions and from-top", async () => {
    const keys = await query(warehouse, "select distinct period_key from mart_funnel_cohorts where cohort_window = 'period' and period_type = 'year'");
    expect(keys).toEqual([{ period_key: "2026" }]);
    const rows = await query(
      warehouse,
      `select step, reached, advanced, conversion_to_next, from_top, low_sample from mart_funnel_cohorts
       where cohort_window = 'period' and period_type = 'year' and period_key = '2026'
         and channel = 'all' and tier = 'all' and pipeline = 'all' and lead_source = 'all' order by step_order`,
    );
    expect(rows.map(({ step, reached, advanced }) => ({ step, reached, advanced }))).toEqual(EXPECTED);
    // From the top: 1, 4/6, 4/6·3/4 = 1/2, 1/2·2/3 = 1/3, then ×3/4 = 1/4, ×2/3 = 1/6, ×1/2 = 1/12, ×1.
    const fromTop = [1, 4 / 6, 1 / 2, 1 / 3, 1 / 4, 1 / 6, 1 / 12, 1 / 12];
    rows.forEach((row, i) => expect(row.from_top, String(row.step)).toBeCloseTo(fromTop[i]!, 12));
    expect(rows.every((r) => r.low_sample === true)).toBe(true); // 6 records at most, below minimumSample 10
  });

  it("cuts by lead source within its channel: Web is L1, L2 and L4, and O5 entering at the opportunity", async () => {
    const rows = await query(
      warehouse,
      `select channel, step, reached from mart_funnel_cohorts
       where cohort_window = 'period' and period_type = 'year' and lead_source = 'Web'
         and tier = 'all' and pipeline = 'all' order by step_order`,
    );
    expect(rows).toEqual(
      [["lead", 3], ["mql", 3], ["sql", 2], ["opportunity", 3], ["discovery", 2], ["proposal", 1], ["negotiation", 1], ["won", 1]]
        .map(([step, reached]) => ({ channel: "inbound", step, reached })),
    );
  });
});

describe.skipIf(SKIP_REAL_DATA)("the funnel of an export without leads or stage history (Maven)", () => {
  it("goes from opportunity straight to won, and judges no stage conversion it cannot measure", async () => {
    const maven = await buildFixture(realData("maven-crm-sales-opportunities"), { mappingPath: "data/mappings/maven-crm.json" });
    const steps = await query(maven, "select distinct step, step_order from mart_funnel_cohorts order by step_order");
    expect(steps.map((s) => s.step)).toEqual(["opportunity", "won"]);
    // Every opportunity created in 2017 reached the opportunity step; the won ones reached won.
    const [row] = await query<{ reached: number; advanced: number; conversion_to_next: number }>(
      maven,
      `select reached, advanced, conversion_to_next from mart_funnel_cohorts where cohort_window = 'period' and period_type = 'year'
         and period_key = '2017' and channel = 'all' and tier = 'all' and pipeline = 'all' and lead_source = 'all' and step = 'opportunity'`,
    );
    const [won] = await query<{ won: number }>(
      maven,
      `select count(*)::integer as won from stg_opportunities where outcome = 'won' and motion = 'new_business' and year(created_at) = 2017`,
    );
    expect(row!.advanced).toBe(won!.won);
    expect(row!.conversion_to_next).toBeCloseTo(won!.won / row!.reached, 12);
    expect(await query(maven, "select count(*)::integer as n from mart_step_conversion")).toEqual([{ n: 0 }]);
    expect(await query(maven, "select count(*)::integer as n from mart_funnel_bottleneck where is_bottleneck")).toEqual([{ n: 0 }]);
    // Nor any time in a stage: only the cycle, from creation to close, is measured.
    const timed = await query<{ step: string }>(maven, "select distinct step from mart_stage_duration order by 1");
    expect(timed.map((r) => r.step).filter((s) => ["opportunity", "discovery", "proposal", "negotiation"].includes(s))).toEqual([]);
  });
});
