import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA, tempDir } from "../helpers.ts";

// test/fixtures/team-kpis, worked out by hand (see its README). As of 2026-04-10 (lead L23, the latest
// date), so February and March are complete and April is not. Monthly targets, set below: MQLs 10,
// opportunities created 4, bookings 100,000, renewal bookings 50,000.
//
// marketing   leads: Feb L01–L08 + L21 = 9; Mar L09–L20 + L22 = 13; Apr L23 = 1.
//             MQLs:  Feb L01–L08 = 8; Mar L09–L20 = 12 (L20 has no MQL date: dated by its creation,
//                    2026-03-20, and the note says so). Target 10 → Feb 80 %, Mar 120 %.
//             handoff (MQL → SQL, ever): Feb 4 of 8 (L01–L04) = 50 %; Mar 9 of 12 (L09–L17; L17's SQL
//                    date is 2026-04-02, after March, and still counts) = 75 %.
// inside      SQLs: Feb 4, Mar 8 (L09–L16), Apr 1 (L17).
//  sales      opportunities created (new business): Feb O01, O02 = 2; Mar O03, O04, O05, O06 = 4.
//             handoff (accepted = reached Discovery): Feb O01 won, O02 lost after Discovery → 2 of 2;
//                    Mar O03 (in Discovery), O06 (won) yes, O04 (lost in Qualification), O05 no → 2 of 4.
// field       won deals, new business + expansion, by close date: Mar O01 (03-05), O07 upsell (03-20),
//  sales      O06 (03-31) = 3; bookings 40,000 + 15,000 + 50,000 = 105,000 → 105 % of 100,000; Feb 0.
//             handoff (new-business win rate by close date): Mar O01, O06 won, O02, O04 lost → 2 of 4.
// customer    renewals: Feb O10 (30,000), Mar O08 won (60,000), O09 lost (20,000).
//  success    renewal bookings: Feb 30,000; Mar 60,000 → change +30,000, change_rate 1, 120 % of 50,000.
//             expansion bookings: Mar 15,000 (O07).
//             NRR Mar = (60,000 + 15,000) ÷ (60,000 + 20,000) = 0.9375; Feb = 30,000 ÷ 30,000 = 1.
//             handoff (renewal rate): Feb 1 of 1, Mar 1 of 2.
const TARGETS = {
  marketing: { mqls: 10 },
  inside_sales: { opportunities_created: 4 },
  field_sales: { bookings: 100000 },
  customer_success: { renewal_bookings: 50000 },
};

/** The project config with this test's targets. */
function configWithTargets(): string {
  const config = JSON.parse(readFileSync("data/config.json", "utf8"));
  config.targets = TARGETS;
  const path = join(tempDir(), "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe("mart_team_kpis", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/team-kpis`, { configPath: configWithTargets() });
  });

  const monthly = (kpi: string) =>
    query(
      warehouse,
      `select period_key, value, previous_value, change, change_rate, target, attainment
       from mart_team_kpis where period_type = 'month' and kpi = $kpi order by period_start`,
      { kpi },
    );

  it("counts marketing's MQLs per month, with change and attainment against a target of 10", async () => {
    expect(await monthly("mqls")).toEqual([
      { period_key: "2026-02", value: 8, previous_value: null, change: null, change_rate: null, target: 10, attainment: 0.8 },
      { period_key: "2026-03", value: 12, previous_value: 8, change: 4, change_rate: 0.5, target: 10, attainment: 1.2 },
      // April is in progress on the as-of date (10 April): no change is made against March.
      { period_key: "2026-04", value: 0, previous_value: 12, change: null, change_rate: null, target: 10, attainment: 0 },
    ]);
    expect(
      await query(warehouse, "select period_key, change_comparable, change_note from mart_team_kpis where period_type = 'month' and kpi = 'mqls' order by period_start"),
    ).toEqual([
      // February misses its first day only (the export starts on 2 February): whole enough to compare with.
      { period_key: "2026-02", change_comparable: false, change_note: "no previous period to compare with" },
      { period_key: "2026-03", change_comparable: true, change_note: null },
      { period_key: "2026-04", change_comparable: false, change_note: "period in progress" },
    ]);
    expect((await monthly("leads")).map((r) => r.value)).toEqual([9, 13, 1]);
  });

  it("gives marketing's handoff: of March's 12 MQLs, 9 reached SQL (75 %), with a Wilson interval", async () => {
    const [march] = await query(
      warehouse,
      `select handoff_metric, handoff_to, handoff_n, handoff_converted, handoff_conversion,
              handoff_conversion_low, handoff_conversion_high, low_sample, note
       from mart_team_kpis where period_type = 'month' and period_key = '2026-03' and kpi = 'mqls'`,
    );
    expect(march).toMatchObject({
      handoff_metric: "mql_to_sql",
      handoff_to: "inside_sales",
      handoff_n: 12,
      handoff_converted: 9,
      handoff_conversion: 0.75,
      low_sample: false,
      note: "MQLs dated by the lead's creation date, for want of an MQL date in the export: 1",
    });
    // Wilson, z = 1.96, p = 0.75, n = 12: centre (0.75 + 1.96²/24) ÷ (1 + 1.96²/12) = 0.6894,
    // half-width 1.96·√(0.75·0.25/12 + 1.96²/576) ÷ 1.3201 = 0.2217 → [0.4677, 0.9111].
    expect(march!.handoff_conversion_low).toBeCloseTo(0.4677, 4);
    expect(march!.handoff_conversion_high).toBeCloseTo(0.9111, 4);
    // The same handoff stands on every KPI row of the team.
    const leadsRow = await query(
      warehouse,
      `select handoff_conversion from mart_team_kpis where period_type = 'month' and period_key = '2026-03' and kpi = 'leads'`,
    );
    expect(leadsRow).toEqual([{ handoff_conversion: 0.75 }]);
  });

  it("changes the handoff in points, and only between two whole periods with enough records", async () => {
    const rows = await query(
      warehouse,
      `select period_key, handoff_conversion, previous_handoff_conversion, handoff_change_points, handoff_change_note
       from mart_team_kpis where period_type = 'month' and kpi = 'mqls' order by period_start`,
    );
    // February's 8 MQLs are below minimumSample (10): its 50 % is not a baseline for March's 75 %.
    expect(rows.slice(0, 2)).toEqual([
      { period_key: "2026-02", handoff_conversion: 0.5, previous_handoff_conversion: null, handoff_change_points: null, handoff_change_note: "no previous period to compare with" },
      { period_key: "2026-03", handoff_conversion: 0.75, previous_handoff_conversion: 0.5, handoff_change_points: null, handoff_change_note: "too few records to compare" },
    ]);
    // With minimumSample 5, both are enough: +25 points.
    const config = JSON.parse(readFileSync(configWithTargets(), "utf8"));
    const lenient = join(tempDir(), "config.json");
    writeFileSync(lenient, JSON.stringify({ ...config, minimumSample: 5 }));
    const [march] = await query(
      await buildFixture(`${FIXTURES}/team-kpis`, { configPath: lenient }),
      `select handoff_change_points, handoff_change_note from mart_team_kpis
       where period_type = 'month' and period_key = '2026-03' and kpi = 'mqls'`,
    );
    expect(march!.handoff_change_points).toBeCloseTo(0.25, 10);
    expect(march!.handoff_change_note).toBeNull();
  });

  it("gives inside sales' SQLs, opportunities created and the share field sales accepted", async () => {
    expect((await monthly("sqls")).map((r) => r.value)).toEqual([4, 8, 1]);
    expect(await monthly("opportunities_created")).toEqual([
      { period_key: "2026-02", value: 2, previous_value: null, change: null, change_rate: null, target: 4, attainment: 0.5 },
      { period_key: "2026-03", value: 4, previous_value: 2, change: 2, change_rate: 1, target: 4, attainment: 1 },
      { period_key: "2026-04", value: 0, previous_value: 4, change: null, change_rate: null, target: 4, attainment: 0 },
    ]);
    const handoff = await query(
      warehouse,
      `select period_key, handoff_to, handoff_n, handoff_converted, handoff_conversion from mart_team_kpis
       where period_type = 'month' and kpi = 'sqls' order by period_start`,
    );
    expect(handoff).toEqual([
      { period_key: "2026-02", handoff_to: "field_sales", handoff_n: 2, handoff_converted: 2, handoff_conversion: 1 },
      { period_key: "2026-03", handoff_to: "field_sales", handoff_n: 4, handoff_converted: 2, handoff_conversion: 0.5 },
      { period_key: "2026-04", handoff_to: "field_sales", handoff_n: 0, handoff_converted: 0, handoff_conversion: null },
    ]);
  });

  it("books new business and expansion for field sales by close date, with the new-business win rate", async () => {
    expect(await monthly("bookings")).toEqual([
      { period_key: "2026-02", value: 0, previous_value: null, change: null, change_rate: null, target: 100000, attainment: 0 },
      // The previous value is 0: the change is a fact, the rate of change is not defined.
      { period_key: "2026-03", value: 105000, previous_value: 0, change: 105000, change_rate: null, target: 100000, attainment: 1.05 },
      { period_key: "2026-04", value: 0, previous_value: 105000, change: null, change_rate: null, target: 100000, attainment: 0 },
    ]);
    const wonDeals = await query(
      warehouse,
      `select period_key, value, target, handoff_n, handoff_converted, handoff_conversion from mart_team_kpis
       where period_type = 'month' and kpi = 'won_deals' order by period_start`,
    );
    expect(wonDeals).toEqual([
      { period_key: "2026-02", value: 0, target: null, handoff_n: 0, handoff_converted: 0, handoff_conversion: null },
      { period_key: "2026-03", value: 3, target: null, handoff_n: 4, handoff_converted: 2, handoff_conversion: 0.5 },
      { period_key: "2026-04", value: 0, target: null, handoff_n: 0, handoff_converted: 0, handoff_conversion: null },
    ]);
  });

  it("gives customer success renewals, their bookings, expansion, net revenue retention and the renewal rate", async () => {
    const march = await query(
      warehouse,
      `select kpi, unit, value, previous_value, change_rate, change_points, attainment, handoff_to, handoff_n, handoff_conversion
       from mart_team_kpis where team = 'customer_success' and period_type = 'month' and period_key = '2026-03'
       order by kpi`,
    );
    const renewalRate = { handoff_to: null, handoff_n: 2, handoff_conversion: 0.5 };
    expect(march).toEqual([
      { kpi: "expansion_bookings", unit: "amount", value: 15000, previous_value: 0, change_rate: null, change_points: null, attainment: null, ...renewalRate },
      // A rate changes in points: 93.75% against 100% is 6.25 points down, not "−6.25%".
      { kpi: "net_revenue_retention", unit: "ratio", value: 0.9375, previous_value: 1, change_rate: null, change_points: -0.0625, attainment: null, ...renewalRate },
      { kpi: "renewal_bookings", unit: "amount", value: 60000, previous_value: 30000, change_rate: 1, change_points: null, attainment: 1.2, ...renewalRate },
      { kpi: "renewals", unit: "count", value: 1, previous_value: 1, change_rate: 0, change_points: null, attainment: null, ...renewalRate },
    ]);
  });

  it("scales the monthly target to weeks (×12/52), quarters (×3) and years (×12)", async () => {
    // ISO week 2026-W10 (Mon 2 – Sun 8 March): MQL dates 3–8 March, leads L09–L14 = 6.
    // Target 10 × 12/52 = 2.3077, attainment 6 ÷ 2.3077 = 2.6. Q1: 8 + 12 = 20 of 30; year: 20 of 120.
    const rows = await query(
      warehouse,
      `select period_type, period_key, value, target, attainment, is_complete from mart_team_kpis
       where kpi = 'mqls' and (period_key = '2026-W10' or period_type in ('quarter', 'year')) order by period_type, period_start`,
    );
    expect(rows.map((r) => [r.period_type, r.value, r.is_complete])).toEqual([
      ["quarter", 20, true],
      ["quarter", 0, false],
      ["week", 6, true],
      ["year", 20, false],
    ]);
    const week = rows.find((r) => r.period_type === "week")!;
    expect(week.period_key).toBe("2026-W10");
    expect(week.target).toBeCloseTo(120 / 52, 10);
    expect(week.attainment).toBeCloseTo(2.6, 10);
    expect(rows[0]).toMatchObject({ target: 30 });
    expect(rows[0]!.attainment).toBeCloseTo(2 / 3, 10);
    expect(rows[3]).toMatchObject({ target: 120 });
    expect(rows[3]!.attainment).toBeCloseTo(1 / 6, 10);
  });

  it("has one row per team, KPI and period, and none of the fixture's KPIs is unavailable", async () => {
    const [counts] = await query(
      warehouse,
      `select count(*)::integer as rows, count(distinct (team, kpi, period_type, period_key))::integer as keys,
              -- net revenue retention is null in April: no renewal closed, nothing to divide by
              count(*) filter (where value is null and kpi <> 'net_revenue_retention')::integer as nulls
       from mart_team_kpis`,
    );
    const [periods] = await query<{ periods: number }>(
      warehouse,
      `select count(*)::integer as periods from int_periods where period_type in ('week', 'month', 'quarter', 'year')`,
    );
    expect(counts).toEqual({ rows: 10 * periods!.periods, keys: 10 * periods!.periods, nulls: 0 });
  });
});

describe.skipIf(SKIP_REAL_DATA)("mart_team_kpis on an export without leads or renewals (Maven)", () => {
  it("leaves what it cannot compute null, with a note, never zero", async () => {
    const warehouse = await buildFixture(realData("maven-crm-sales-opportunities"), {
      mappingPath: "data/mappings/maven-crm.json",
    });
    const rows = await query(
      warehouse,
      `select kpi, count(*) filter (where value is not null)::integer as with_value, min(note) as note
       from mart_team_kpis where kpi in ('mqls', 'opportunities_created', 'renewals', 'bookings') group by kpi order by kpi`,
    );
    expect(rows).toEqual([
      { kpi: "bookings", with_value: expect.any(Number), note: null },
      { kpi: "mqls", with_value: 0, note: "the export has no leads" },
      // Maven's 35 sales agents are field sales: their deals are not inside sales' opportunities.
      {
        kpi: "opportunities_created",
        with_value: 0,
        note: "the export has no leads and no inside-sales user: its opportunities cannot be credited to inside sales",
      },
      {
        kpi: "renewals",
        with_value: 0,
        note: "the export has no renewal opportunities (no opportunity type maps to renewal in config opportunityTypes)",
      },
    ]);
    expect(rows[0]!.with_value).toBeGreaterThan(0);
  });
});

// The same closed-deals export with field sales split in two (config teamRoles): Ava Lee is enterprise
// (ownerTeams), the rest of the Field Sales department mid-market. From test/fixtures/closed-deals/README:
//   enterprise  won by close date: 2024 02 (40,000); 2025 03 (20,000), 04 (10,000) = 2, 30,000.
//               win rate 2025: 03, 04 won, 05 lost, and Joon's 18 (lost 2025-01-20) — Joon is inside
//               sales, on no field-sales team, so his deal counts for the role's first team — 2 of 4.
//   mid_market  won: 2024 Eve's 01 (30,000); 2025 Ben's 07–11 = 5, 100,000; win rate 2025 5 of 10.
// Together 7 won, 130,000, 7 of 14: what one field_sales team shows without the split.
describe("mart_team_kpis with config teamRoles (field sales split into enterprise and mid-market)", () => {
  let warehouse: string;
  beforeAll(async () => {
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const configPath = join(tempDir(), "config.json");
    writeFileSync(configPath, JSON.stringify({
      ...config,
      teamRoles: {
        marketing: { role: "marketing" },
        inside_sales: { role: "inside_sales", label: { en: "Sales development", ko: "세일즈 디벨롭먼트" } },
        enterprise: { role: "field_sales", label: { en: "Enterprise sales", ko: "엔터프라이즈 영업" } },
        mid_market: { role: "field_sales", label: { en: "Mid-market sales", ko: "미드마켓 영업" } },
        customer_success: { role: "customer_success" },
      },
      teams: { ...config.teams, "Field Sales": "mid_market" },
      teamPatterns: { field_sales: null, mid_market: config.teamPatterns.field_sales },
      ownerTeams: { "Ava Lee": "enterprise" },
      targets: { enterprise: { bookings: 10_000 }, mid_market: { bookings: 20_000 } },
    }));
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`, { configPath });
  });

  it("gives each field-sales team its own deals, KPIs, targets and win rate, adding up to the role's", async () => {
    const rows = await query(
      warehouse,
      `select team, role, period_key, value, target, attainment, handoff_converted, handoff_n, handoff_to
       from mart_team_kpis where kpi = 'bookings' and period_type = 'year' order by team, period_key`,
    );
    expect(rows).toEqual([
      { team: "enterprise", role: "field_sales", period_key: "2024", value: 40_000, target: 120_000, attainment: 40_000 / 120_000, handoff_converted: 1, handoff_n: 1, handoff_to: "customer_success" },
      { team: "enterprise", role: "field_sales", period_key: "2025", value: 30_000, target: 120_000, attainment: 0.25, handoff_converted: 2, handoff_n: 4, handoff_to: "customer_success" },
      { team: "mid_market", role: "field_sales", period_key: "2024", value: 30_000, target: 240_000, attainment: 0.125, handoff_converted: 1, handoff_n: 1, handoff_to: "customer_success" },
      { team: "mid_market", role: "field_sales", period_key: "2025", value: 100_000, target: 240_000, attainment: 100_000 / 240_000, handoff_converted: 5, handoff_n: 10, handoff_to: "customer_success" },
    ]);
    expect(await query(warehouse, "select team, value from mart_team_kpis where kpi = 'won_deals' and period_key = '2025' order by team")).toEqual([
      { team: "enterprise", value: 2 },
      { team: "mid_market", value: 5 },
    ]);
    // Every team of the config has rows; the default four's field_sales is gone.
    expect(await query(warehouse, "select distinct team, role from mart_team_kpis order by role, team")).toEqual([
      { team: "customer_success", role: "customer_success" },
      { team: "enterprise", role: "field_sales" },
      { team: "mid_market", role: "field_sales" },
      { team: "inside_sales", role: "inside_sales" },
      { team: "marketing", role: "marketing" },
    ]);
  });

  it("counts the reps of both field-sales teams as reps, and the pipeline target as the two teams' sum", async () => {
    expect(await query(warehouse, "select distinct rep_name, team from mart_rep_performance where period_type = 'all' and team <> 'inside_sales' order by rep_name")).toEqual([
      { rep_name: "Ava Lee", team: "enterprise" },
      { rep_name: "Ben Cho", team: "mid_market" },
      { rep_name: "Cara Kim", team: "mid_market" },
      { rep_name: "Eve Han", team: "mid_market" },
    ]);
    expect(await query(warehouse, "select distinct target from mart_pipeline_summary where period_type = 'month' and target is not null")).toEqual([{ target: 30_000 }]);
  });
});

// The closed-deals export (USD, no currency column) reported in KRW with no exchange rate: every amount is
// unknown. Counts stay; amounts are null with the reason — never ₩0.
describe("mart_team_kpis when no deal's amount can be converted", () => {
  it("keeps won deals, and gives bookings as unknown with its note, not 0", async () => {
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const configPath = join(tempDir(), "config.json");
    writeFileSync(configPath, JSON.stringify({ ...config, currency: "KRW" }));
    const warehouse = await buildFixture(`${FIXTURES}/closed-deals`, { configPath });
    const rows = await query(
      warehouse,
      `select kpi, value, note from mart_team_kpis
       where team = 'field_sales' and period_type = 'year' and period_key = '2025' order by kpi`,
    );
    expect(rows).toEqual([
      { kpi: "bookings", value: null, note: "7 of the deals have no exchange rate for their currency: the amount is unknown" },
      { kpi: "won_deals", value: 7, note: null },
    ]);
    const pipeline = await query(warehouse, "select distinct open_amount from mart_pipeline_summary where open_count > 0");
    expect(pipeline).toEqual([{ open_amount: null }]);
  });
});
