import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/tiers, worked out by hand (as of 2026-06-30). Accounts: A = Apex; B = Birch, Cedar;
// C = Dune, Elm, Fjord; unknown = Grove (no tier, no size). 7 accounts: shares 1/7, 2/7, 3/7, 1/7.
//   deal  account   motion        created     closed      outcome  amount   cycle
//   T1    Apex      new business  2026-01-10  2026-02-20  won      100,000  41 days (21 + 20)
//   T2    Apex      new business  2026-02-01  2026-03-15  lost      50,000
//   T3    Apex      renewal       2026-04-01  2026-05-10  won       90,000
//   T4    Birch     new business  2026-01-20  2026-04-15  won       30,000  85 days (11 + 28 + 31 + 15)
//   T5    Cedar     new business  2026-04-05  —           open      20,000
//   T6    Dune      new business  2026-03-01  2026-03-31  won       10,000  30 days
//   T7    Elm       upsell        2026-05-01  2026-06-01  won        5,000
//   T8    (none)    new business  2026-05-05  2026-06-30  lost       8,000  → tier unknown
// Leads: Fjord 2026-02-14, Grove 2026-05-20 (matched by company name).
// Activities: Apex 01-15; T4's (Birch) 02-10; the Fjord lead's 02-16; Cedar 05-02; Apex 07-15 is after the
// as-of date (scheduled, not counted); one linked to nothing counts nowhere.
//
// 2026-Q1: A engaged 1 (T1, T2, call), 2 opps, won 1 lost 1 (50%), bookings 100,000, cycle 41, 1 activity.
//          B engaged 1 (Birch: T4, meeting; Cedar's T5 is April), 1 opp (T4, won in Q2), 1 activity / 2 accounts.
//          C engaged 2 (Dune: T6; Fjord: lead, e-mail), 1 opp, won 1 (T6), bookings 10,000, cycle 30, 1 activity / 3.
//          unknown: nothing. Bookings 110,000: A 100/110 = 10/11, C 10/110 = 1/11.
// 2026-Q2: A engaged 1 (T3 created), renewal 90,000. B engaged 1 (Cedar: T5, call), T5 open 20,000 in the
//          pipeline, T4 won 30,000 (cycle 85). C engaged 1 (Elm: T7), expansion 5,000. unknown engaged 1
//          (Grove's lead), T8 created and lost: win rate 0. Bookings 125,000: A 0.72, B 0.24, C 0.04.

describe("mart_tier_performance", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/tiers`);
  });

  it("gives each tier's quarter, worked out by hand", async () => {
    const rows = await query(
      warehouse,
      `select period_key, tier, accounts, accounts_engaged, opportunities, open_opportunities, pipeline, won_deals, lost_deals,
         win_rate, bookings_new, bookings_expansion, bookings_renewal, bookings_total, avg_deal_size, median_cycle_days, activities,
         activities_per_account
       from mart_tier_performance where period_type = 'quarter'`,
    );
    const none = { open_opportunities: 0, pipeline: 0, bookings_expansion: 0, bookings_renewal: 0 };
    expect(rows).toEqual([
      { period_key: "2026-Q1", tier: "A", accounts: 1, accounts_engaged: 1, opportunities: 2, ...none, won_deals: 1, lost_deals: 1, win_rate: 0.5, bookings_new: 100000, bookings_total: 100000, avg_deal_size: 100000, median_cycle_days: 41, activities: 1, activities_per_account: 1 },
      { period_key: "2026-Q1", tier: "B", accounts: 2, accounts_engaged: 1, opportunities: 1, ...none, won_deals: 0, lost_deals: 0, win_rate: null, bookings_new: 0, bookings_total: 0, avg_deal_size: null, median_cycle_days: null, activities: 1, activities_per_account: 0.5 },
      { period_key: "2026-Q1", tier: "C", accounts: 3, accounts_engaged: 2, opportunities: 1, ...none, won_deals: 1, lost_deals: 0, win_rate: 1, bookings_new: 10000, bookings_total: 10000, avg_deal_size: 10000, median_cycle_days: 30, activities: 1, activities_per_account: 1 / 3 },
      { period_key: "2026-Q1", tier: "unknown", accounts: 1, accounts_engaged: 0, opportunities: 0, ...none, won_deals: 0, lost_deals: 0, win_rate: null, bookings_new: 0, bookings_total: 0, avg_deal_size: null, median_cycle_days: null, activities: 0, activities_per_account: 0 },
      { period_key: "2026-Q2", tier: "A", accounts: 1, accounts_engaged: 1, opportunities: 0, ...none, bookings_renewal: 90000, won_deals: 0, lost_deals: 0, win_rate: null, bookings_new: 0, bookings_total: 90000, avg_deal_size: null, median_cycle_days: null, activities: 0, activities_per_account: 0 },
      { period_key: "2026-Q2", tier: "B", accounts: 2, accounts_engaged: 1, opportunities: 1, ...none, open_opportunities: 1, pipeline: 20000, won_deals: 1, lost_deals: 0, win_rate: 1, bookings_new: 30000, bookings_total: 30000, avg_deal_size: 30000, median_cycle_days: 85, activities: 1, activities_per_account: 0.5 },
      { period_key: "2026-Q2", tier: "C", accounts: 3, accounts_engaged: 1, opportunities: 0, ...none, bookings_expansion: 5000, won_deals: 0, lost_deals: 0, win_rate: null, bookings_new: 0, bookings_total: 5000, avg_deal_size: null, median_cycle_days: null, activities: 0, activities_per_account: 0 },
      { period_key: "2026-Q2", tier: "unknown", accounts: 1, accounts_engaged: 1, opportunities: 1, ...none, won_deals: 0, lost_deals: 1, win_rate: 0, bookings_new: 0, bookings_total: 0, avg_deal_size: null, median_cycle_days: null, activities: 0, activities_per_account: 0 },
    ]);
  });

  it("sets share of bookings against share of accounts within each period", async () => {
    const rows = await query(
      warehouse,
      `select period_key, tier, share_of_accounts, share_of_bookings from mart_tier_performance
       where period_type in ('quarter', 'all') order by period_key, tier`,
    );
    expect(rows).toEqual([
      { period_key: "2026-Q1", tier: "A", share_of_accounts: 1 / 7, share_of_bookings: 100000 / 110000 },
      { period_key: "2026-Q1", tier: "B", share_of_accounts: 2 / 7, share_of_bookings: 0 },
      { period_key: "2026-Q1", tier: "C", share_of_accounts: 3 / 7, share_of_bookings: 10000 / 110000 },
      { period_key: "2026-Q1", tier: "unknown", share_of_accounts: 1 / 7, share_of_bookings: 0 },
      { period_key: "2026-Q2", tier: "A", share_of_accounts: 1 / 7, share_of_bookings: 0.72 },
      { period_key: "2026-Q2", tier: "B", share_of_accounts: 2 / 7, share_of_bookings: 0.24 },
      { period_key: "2026-Q2", tier: "C", share_of_accounts: 3 / 7, share_of_bookings: 0.04 },
      { period_key: "2026-Q2", tier: "unknown", share_of_accounts: 1 / 7, share_of_bookings: 0 },
      // all: 190,000 + 30,000 + 15,000 = 235,000
      { period_key: "all", tier: "A", share_of_accounts: 1 / 7, share_of_bookings: 190000 / 235000 },
      { period_key: "all", tier: "B", share_of_accounts: 2 / 7, share_of_bookings: 30000 / 235000 },
      { period_key: "all", tier: "C", share_of_accounts: 3 / 7, share_of_bookings: 15000 / 235000 },
      { period_key: "all", tier: "unknown", share_of_accounts: 1 / 7, share_of_bookings: 0 },
    ]);
    // The ratio the page writes beside the dots: Q2's tier A is 1/7 of the accounts and 72% of the bookings, 5.04×.
    const [a] = await query(warehouse, "select bookings_share_ratio from mart_tier_performance where period_key = '2026-Q2' and tier = 'A'");
    expect(a!.bookings_share_ratio).toBeCloseTo(0.72 * 7, 12);
  });

  it("counts engaged accounts once over a longer period, and the whole open pipeline in 'all'", async () => {
    const rows = await query(
      warehouse,
      `select tier, tier_source, accounts_engaged, opportunities, pipeline, won_deals, lost_deals, activities, low_sample, win_rate_low, note
       from mart_tier_performance where period_type = 'all'`,
    );
    expect(rows).toEqual([
      // Apex engaged in both quarters: once. T5 is the only open deal.
      { tier: "A", tier_source: "export", accounts_engaged: 1, opportunities: 2, pipeline: 0, won_deals: 1, lost_deals: 1, activities: 1, low_sample: true, win_rate_low: expect.closeTo(0.0945, 4), note: null },
      { tier: "B", tier_source: "export", accounts_engaged: 2, opportunities: 2, pipeline: 20000, won_deals: 1, lost_deals: 0, activities: 2, low_sample: true, win_rate_low: expect.closeTo(0.2065, 4), note: null },
      { tier: "C", tier_source: "export", accounts_engaged: 3, opportunities: 1, pipeline: 0, won_deals: 1, lost_deals: 0, activities: 1, low_sample: true, win_rate_low: expect.closeTo(0.2065, 4), note: null },
      { tier: "unknown", tier_source: "none", accounts_engaged: 1, opportunities: 1, pipeline: 0, won_deals: 0, lost_deals: 1, activities: 0, low_sample: true, win_rate_low: expect.closeTo(0, 10), note: null },
    ]);
    // The year 2026 holds every deal, so it equals 'all'.
    const [year] = await query(warehouse, "select sum(bookings_total) as bookings, sum(accounts_engaged)::integer as engaged from mart_tier_performance where period_key = '2026'");
    expect(year).toEqual({ bookings: 235000, engaged: 7 });
  });

  it("leaves activities unknown (null, not 0) when the export has no activities", async () => {
    const dir = tempDir();
    cpSync(`${FIXTURES}/tiers`, dir, { recursive: true });
    rmSync(join(dir, "Task.csv"));
    const withoutTasks = await buildFixture(dir);
    const rows = await query(
      withoutTasks,
      `select tier, accounts_engaged, activities, activities_per_account, note from mart_tier_performance where period_type = 'all'`,
    );
    // Without the activities, Birch (T4), Cedar (T5), Dune, Elm, Fjord (lead) and Grove (lead) are still engaged.
    expect(rows).toEqual([
      { tier: "A", accounts_engaged: 1, activities: null, activities_per_account: null, note: "no activities in the export" },
      { tier: "B", accounts_engaged: 2, activities: null, activities_per_account: null, note: "no activities in the export" },
      { tier: "C", accounts_engaged: 3, activities: null, activities_per_account: null, note: "no activities in the export" },
      { tier: "unknown", accounts_engaged: 1, activities: null, activities_per_account: null, note: "no activities in the export" },
    ]);
  });
});
