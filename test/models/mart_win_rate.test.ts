import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal), worked out by hand. New-business deals closed:
//   Eve  01 W                                          1 closed, 1 won
//   Ava  02 W, 03 W, 04 W, 05 L                        4 closed, 3 won
//   Ben  07–11 W (5), 12–16 L (5)                     10 closed, 5 won
//   Joon 18 L                                          1 closed, 0 won
//   all: 16 closed, 9 won (200,000), 7 lost (170,000). The renewal (19, won 100,000) is not counted.
// minimumSample = 10 (data/config.json): only Ben's row (n = 10) and the overall row have enough data.
//
// 95% Wilson interval, z = 1.96, z² = 3.8416:
//   low, high = (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)
//   Ava 3 of 4, p = 0.75:  centre 0.75 + 0.4802 = 1.2302; spread 1.96·√(0.046875 + 0.060025) = 1.96·0.32696 = 0.64083;
//                          denominator 1.9604 → low 0.58937/1.9604 = 0.301, high 1.87103/1.9604 = 0.954
//   Ben 5 of 10, p = 0.5:  centre 0.5 + 0.19208 = 0.69208; spread 1.96·√(0.025 + 0.009604) = 1.96·0.18602 = 0.36460;
//                          denominator 1.38416 → low 0.32748/1.38416 = 0.237, high 1.05668/1.38416 = 0.763
//   all 9 of 16, p = 0.5625: centre 0.5625 + 0.12005 = 0.68255; spread 1.96·√(0.015381 + 0.003752) = 1.96·0.13832 = 0.27111;
//                          denominator 1.2401 → low 0.41144/1.2401 = 0.332, high 0.95366/1.2401 = 0.769
describe("mart_win_rate", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`);
  });

  it("gives a rep's win rate with its n and Wilson interval: Ava 3 won, 1 lost = 75% [0.301, 0.954]", async () => {
    const [ava] = await query(
      warehouse,
      `select * from mart_win_rate where period_type = 'all' and dimension = 'rep' and value = 'Ava Lee'`,
    );
    expect(ava).toMatchObject({ period_key: "all", owner_team: "field_sales", n_closed: 4, won: 3, lost: 1, low_sample: true });
    expect(ava!.owner_id).toBe("005000000000001AAA");
    expect(ava!.win_rate).toBe(0.75);
    expect(ava!.win_rate_low).toBeCloseTo(0.301, 3);
    expect(ava!.win_rate_high).toBeCloseTo(0.954, 3);
    // By amount: won 40,000 + 20,000 + 10,000 = 70,000 of 70,000 + 50,000 = 120,000 closed.
    expect(ava!.amount_won).toBe(70_000);
    expect(ava!.amount_closed).toBe(120_000);
    expect(ava!.win_rate_amount).toBeCloseTo(70 / 120, 10);
  });

  it("never ranks a low-sample rep above one with enough data", async () => {
    const rows = await query(
      warehouse,
      `select value, owner_team, n_closed, won, lost, low_sample, rank from mart_win_rate
       where period_type = 'all' and dimension = 'rep' order by rank`,
    );
    // Ben's 50% (n = 10) ranks first although Eve (100%, n = 1) and Ava (75%, n = 4) win more often.
    expect(rows).toEqual([
      { value: "Ben Cho", owner_team: "field_sales", n_closed: 10, won: 5, lost: 5, low_sample: false, rank: 1 },
      { value: "Eve Han", owner_team: "field_sales", n_closed: 1, won: 1, lost: 0, low_sample: true, rank: 2 },
      { value: "Ava Lee", owner_team: "field_sales", n_closed: 4, won: 3, lost: 1, low_sample: true, rank: 3 },
      { value: "Joon Kim", owner_team: "inside_sales", n_closed: 1, won: 0, lost: 1, low_sample: true, rank: 4 },
    ]);
    const [ben] = await query(warehouse, `select * from mart_win_rate where period_type = 'all' and value = 'Ben Cho'`);
    expect(ben!.win_rate).toBe(0.5);
    expect(ben!.win_rate_low).toBeCloseTo(0.237, 3);
    expect(ben!.win_rate_high).toBeCloseTo(0.763, 3);
  });

  it("gives the overall win rate per quarter, year and all, by close date, new business only", async () => {
    const rows = await query(
      warehouse,
      `select period_type, period_key, n_closed, won, lost, amount_won, amount_closed, low_sample from mart_win_rate
       where dimension = 'overall' order by period_type, period_start nulls first`,
    );
    // 2024-Q4: 01 W, 02 W. 2025-Q1: 18 L, 07 W, 08 W, 12 L. 2025-Q2: 13 L, 03 W, 09 W, 05 L.
    // 2025-Q3: 14 L, 10 W, 04 W, 15 L. 2025-Q4: 11 W, 16 L (the renewal closing 2025-10-15 is not here).
    expect(rows).toEqual([
      { period_type: "all", period_key: "all", n_closed: 16, won: 9, lost: 7, amount_won: 200_000, amount_closed: 370_000, low_sample: false },
      { period_type: "quarter", period_key: "2024-Q4", n_closed: 2, won: 2, lost: 0, amount_won: 70_000, amount_closed: 70_000, low_sample: true },
      { period_type: "quarter", period_key: "2025-Q1", n_closed: 4, won: 2, lost: 2, amount_won: 25_000, amount_closed: 70_000, low_sample: true },
      { period_type: "quarter", period_key: "2025-Q2", n_closed: 4, won: 2, lost: 2, amount_won: 45_000, amount_closed: 105_000, low_sample: true },
      { period_type: "quarter", period_key: "2025-Q3", n_closed: 4, won: 2, lost: 2, amount_won: 40_000, amount_closed: 90_000, low_sample: true },
      { period_type: "quarter", period_key: "2025-Q4", n_closed: 2, won: 1, lost: 1, amount_won: 20_000, amount_closed: 35_000, low_sample: true },
      { period_type: "year", period_key: "2024", n_closed: 2, won: 2, lost: 0, amount_won: 70_000, amount_closed: 70_000, low_sample: true },
      { period_type: "year", period_key: "2025", n_closed: 14, won: 7, lost: 7, amount_won: 130_000, amount_closed: 300_000, low_sample: false },
    ]);
    const [all] = await query(warehouse, `select * from mart_win_rate where period_type = 'all' and dimension = 'overall'`);
    expect(all!.win_rate).toBe(9 / 16);
    expect(all!.win_rate_low).toBeCloseTo(0.332, 3);
    expect(all!.win_rate_high).toBeCloseTo(0.769, 3);
    expect(all!.win_rate_amount).toBeCloseTo(200 / 370, 10);
  });

  it("counts a deal with two competitors once under each, and deals with none under '(no competitor)'", async () => {
    const rows = await query(
      warehouse,
      `select value, n_closed, won, low_sample, rank from mart_win_rate
       where period_type = 'all' and dimension = 'competitor' order by rank, value`,
    );
    // 02 (won) names PipeCloud and Salesbridge. PipeCloud: 02 W, 03 W, 14 L. Salesbridge: 02 W, 05 L.
    // Kmetric: 09 W, 15 L. The other 10 deals name none: 6 won (01, 04, 07, 08, 10, 11), 4 lost (12, 13, 16, 18).
    // '(no competitor)' (60%, n = 10) ranks above PipeCloud (67%, n = 3); Kmetric and Salesbridge tie.
    expect(rows).toEqual([
      { value: "(no competitor)", n_closed: 10, won: 6, low_sample: false, rank: 1 },
      { value: "PipeCloud", n_closed: 3, won: 2, low_sample: true, rank: 2 },
      { value: "Kmetric", n_closed: 2, won: 1, low_sample: true, rank: 3 },
      { value: "Salesbridge", n_closed: 2, won: 1, low_sample: true, rank: 3 },
    ]);
    // 17 competitor rows for 16 deals: deal 02 is counted twice.
    expect(rows.reduce((sum, r) => sum + (r.n_closed as number), 0)).toBe(17);
  });

  it("cuts by tier, region, source and channel, and leaves out segment, which the export does not have", async () => {
    const rows = await query(
      warehouse,
      `select dimension, value, n_closed, won from mart_win_rate
       where period_type = 'all' and dimension in ('tier', 'region', 'source', 'channel') order by dimension, value`,
    );
    // Alpha (A, APAC): 01 W, 02 W, 09 W, 12 L, 15 L. Beta (B, EMEA): 03 W, 05 L, 07 W, 10 W, 13 L, 16 L.
    // Gamma (C, no region): 04 W, 08 W, 11 W, 14 L, 18 L.
    // Web: 01, 02, 07, 08, 10 W; 05, 12, 14, 16 L. Cold Call: 03, 09 W; 13, 18 L. Partner Referral: 04, 11 W. None: 15 L.
    // Inbound = Web + Partner Referral; outbound = Cold Call; no source = unknown channel.
    expect(rows).toEqual([
      { dimension: "channel", value: "inbound", n_closed: 11, won: 7 },
      { dimension: "channel", value: "outbound", n_closed: 4, won: 2 },
      { dimension: "channel", value: "unknown", n_closed: 1, won: 0 },
      { dimension: "region", value: "(none)", n_closed: 5, won: 3 },
      { dimension: "region", value: "APAC", n_closed: 5, won: 3 },
      { dimension: "region", value: "EMEA", n_closed: 6, won: 3 },
      { dimension: "source", value: "(none)", n_closed: 1, won: 0 },
      { dimension: "source", value: "Cold Call", n_closed: 4, won: 2 },
      { dimension: "source", value: "Partner Referral", n_closed: 2, won: 2 },
      { dimension: "source", value: "Web", n_closed: 9, won: 5 },
      { dimension: "tier", value: "A", n_closed: 5, won: 3 },
      { dimension: "tier", value: "B", n_closed: 6, won: 3 },
      { dimension: "tier", value: "C", n_closed: 5, won: 3 },
    ]);
    const dimensions = await query(warehouse, "select distinct dimension from mart_win_rate order by dimension");
    expect(dimensions.map((d) => d.dimension)).toEqual(["channel", "competitor", "overall", "region", "rep", "source", "tier"]);
  });

  it("keeps every rate in [0, 1] inside its interval, and every row's n = won + lost", async () => {
    const [check] = await query(
      warehouse,
      `select count(*) filter (where not (win_rate between win_rate_low and win_rate_high))::integer as outside,
              count(*) filter (where n_closed <> won + lost)::integer as unbalanced,
              count(*) filter (where win_rate_amount < 0 or win_rate_amount > 1)::integer as out_of_range
       from mart_win_rate`,
    );
    expect(check).toEqual({ outside: 0, unbalanced: 0, out_of_range: 0 });
  });
});

describe.skipIf(SKIP_REAL_DATA)("mart_win_rate on real exports", () => {
  it("Maven: 4,238 of 6,711 won (63.2%); lost deals carry no amount, so win rate by amount is unknown, not 100%", async () => {
    const warehouse = await buildFixture(realData("maven-crm-sales-opportunities"), { mappingPath: "data/mappings/maven-crm.json" });
    const [all] = await query(warehouse, `select * from mart_win_rate where period_type = 'all' and dimension = 'overall'`);
    expect(all).toMatchObject({ n_closed: 6711, won: 4238, lost: 2473, amount_closed: null, win_rate_amount: null });
    expect(all!.amount_won).toBeGreaterThan(0);
    // No competitor, lead source or channel anywhere in Maven: those cuts are absent, not one '(none)' row.
    const dimensions = await query(warehouse, "select distinct dimension from mart_win_rate order by dimension");
    expect(dimensions.map((d) => d.dimension)).toEqual(["overall", "region", "rep", "segment", "tier"]);
  });

  it("IBM: no dates, so only the 'all' period; no owners, so no rep cut; competitor types as competitors", async () => {
    const warehouse = await buildFixture(realData("ibm-sales-win-loss"), { mappingPath: "data/mappings/ibm-win-loss.json" });
    const periods = await query(warehouse, "select distinct period_type from mart_win_rate");
    expect(periods).toEqual([{ period_type: "all" }]);
    const rows = await query(
      warehouse,
      `select value, n_closed, won from mart_win_rate where dimension = 'competitor' order by value`,
    );
    expect(rows).toEqual([
      { value: "(no competitor)", n_closed: 9223, won: 2916 },
      { value: "Known competitor", n_closed: 12007, won: 2331 },
      { value: "Unknown competitor", n_closed: 56599, won: 12301 },
    ]);
    const dimensions = await query(warehouse, "select distinct dimension from mart_win_rate order by dimension");
    expect(dimensions.map((d) => d.dimension)).toEqual(["competitor", "overall", "region", "segment", "source"]);
  });
});
