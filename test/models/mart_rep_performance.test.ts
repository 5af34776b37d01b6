import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal), worked out by hand. Reps: the active
// field-sales users Ava, Ben and Cara; Eve (field sales, inactive) and Joon (inside sales), who own closed
// new-business deals. Not reps: Dan (customer success, owns only the renewal), Mina (marketing).
//
// Ava, all periods: won 02 (40,000; 2024-11-05 → 2024-12-10 = 35 days), 03 (20,000; 2025-03-01 → 05-15 =
//   31 + 30 + 14 = 75 days), 04 (10,000; 2025-06-01 → 08-20 = 30 + 31 + 19 = 80 days); lost 05.
//   Bookings 70,000; 3 won of 4 = 75%, Wilson [0.301, 0.954] (see mart_win_rate.test.ts); average deal
//   70,000 / 3 = 23,333.33; median cycle of 35, 75, 80 = 75 days; open: 06, 50,000.
// Ben, all periods: won 07 (10,000; 01-10 → 02-10 = 31 days), 08 (15,000; 01-20 → 03-05 = 11 + 28 + 5 = 44),
//   09 (25,000; 03-10 → 05-20 = 21 + 30 + 20 = 71), 10 (30,000; 05-01 → 08-12 = 31 + 30 + 31 + 11 = 103),
//   11 (20,000; 07-01 → 10-03 = 31 + 31 + 30 + 2 = 94); lost 12–16. Bookings 100,000; 5 of 10 = 50%, not
//   low sample; average 20,000; median of 31, 44, 71, 94, 103 = 71; open: 17, 20,000.
// Periods (as-of 2025-11-20; data from 2024-11-01): 2024-Q4, 2025-Q1 … 2025-Q4, years 2024 and 2025.
//   Ava and Ben, active field sales, have a row for every period since they started (Ben from 2025-Q1);
//   Cara (started 2025-04-01, no deals) has zero rows from 2025-Q2; Eve (inactive, last deal 2024-11-20)
//   only until then; Joon (inside sales) only where he closed a deal (2025-Q1, 2025).
describe("mart_rep_performance", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`);
  });

  it("gives each rep's bookings, win rate with n and interval, deal size, cycle and open pipeline", async () => {
    const rows = await query(
      warehouse,
      `select rep_name, team, bookings, won_deals, lost_deals, closed_deals, win_rate, low_sample,
              average_deal_size, median_cycle_days, open_deals, open_pipeline
       from mart_rep_performance where period_type = 'all' order by rep_name`,
    );
    expect(rows).toEqual([
      {
        rep_name: "Ava Lee", team: "field_sales", bookings: 70_000, won_deals: 3, lost_deals: 1, closed_deals: 4,
        win_rate: 0.75, low_sample: true, average_deal_size: 70_000 / 3, median_cycle_days: 75, open_deals: 1, open_pipeline: 50_000,
      },
      {
        rep_name: "Ben Cho", team: "field_sales", bookings: 100_000, won_deals: 5, lost_deals: 5, closed_deals: 10,
        win_rate: 0.5, low_sample: false, average_deal_size: 20_000, median_cycle_days: 71, open_deals: 1, open_pipeline: 20_000,
      },
      {
        rep_name: "Cara Kim", team: "field_sales", bookings: 0, won_deals: 0, lost_deals: 0, closed_deals: 0,
        win_rate: null, low_sample: true, average_deal_size: null, median_cycle_days: null, open_deals: 0, open_pipeline: 0,
      },
      {
        rep_name: "Eve Han", team: "field_sales", bookings: 30_000, won_deals: 1, lost_deals: 0, closed_deals: 1,
        win_rate: 1, low_sample: true, average_deal_size: 30_000, median_cycle_days: 19, open_deals: 0, open_pipeline: 0,
      },
      {
        rep_name: "Joon Kim", team: "inside_sales", bookings: 0, won_deals: 0, lost_deals: 1, closed_deals: 1,
        win_rate: 0, low_sample: true, average_deal_size: null, median_cycle_days: null, open_deals: 0, open_pipeline: 0,
      },
    ]);
    const [ava] = await query(warehouse, `select * from mart_rep_performance where period_type = 'all' and rep_name = 'Ava Lee'`);
    expect(ava!.win_rate_low).toBeCloseTo(0.301, 3);
    expect(ava!.win_rate_high).toBeCloseTo(0.954, 3);
    expect(ava).toMatchObject({ owner_id: "005000000000001AAA", start_date: "2024-09-01", is_active: true });
  });

  it("gives a row for each period a field-sales rep was there, zero when nothing closed", async () => {
    const rows = await query<{ rep_name: string; keys: string }>(
      warehouse,
      `select rep_name, string_agg(period_key, ' ' order by period_type, period_start) as keys
       from mart_rep_performance where period_type <> 'all' group by rep_name order by rep_name`,
    );
    expect(rows).toEqual([
      { rep_name: "Ava Lee", keys: "2024-Q4 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2024 2025" },
      { rep_name: "Ben Cho", keys: "2025-Q1 2025-Q2 2025-Q3 2025-Q4 2025" },
      { rep_name: "Cara Kim", keys: "2025-Q2 2025-Q3 2025-Q4 2025" },
      { rep_name: "Eve Han", keys: "2024-Q4 2024" },
      { rep_name: "Joon Kim", keys: "2025-Q1 2025" },
    ]);
  });

  it("counts deals by the quarter they closed in; open pipeline is today's on every row", async () => {
    const rows = await query(
      warehouse,
      `select period_key, bookings, won_deals, closed_deals, win_rate, median_cycle_days, open_pipeline
       from mart_rep_performance where rep_name = 'Ben Cho' and period_type = 'quarter' order by period_start`,
    );
    // 2025-Q1: 07 W, 08 W, 12 L (cycles 31, 44 → median 37.5). Q2: 13 L, 09 W. Q3: 14 L, 10 W, 15 L. Q4: 11 W, 16 L.
    expect(rows).toEqual([
      { period_key: "2025-Q1", bookings: 25_000, won_deals: 2, closed_deals: 3, win_rate: 2 / 3, median_cycle_days: 37.5, open_pipeline: 20_000 },
      { period_key: "2025-Q2", bookings: 25_000, won_deals: 1, closed_deals: 2, win_rate: 0.5, median_cycle_days: 71, open_pipeline: 20_000 },
      { period_key: "2025-Q3", bookings: 30_000, won_deals: 1, closed_deals: 3, win_rate: 1 / 3, median_cycle_days: 103, open_pipeline: 20_000 },
      { period_key: "2025-Q4", bookings: 20_000, won_deals: 1, closed_deals: 2, win_rate: 0.5, median_cycle_days: 94, open_pipeline: 20_000 },
    ]);
  });

  it("adds up to the overall new-business results: renewals are not a rep's bookings here", async () => {
    const [sums] = await query(
      warehouse,
      `select sum(bookings) as bookings, sum(won_deals)::integer as won, sum(closed_deals)::integer as closed
       from mart_rep_performance where period_type = 'all'`,
    );
    // 200,000 over 9 won and 16 closed (mart_win_rate's overall row); Dan's 100,000 renewal is not here.
    expect(sums).toEqual({ bookings: 200_000, won: 9, closed: 16 });
  });
});
