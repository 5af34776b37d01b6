import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal; mart_rep_performance.test.ts works each rep
// out). Summed over the reps, by the quarter deals closed in (as-of 2025-11-20, data from 2024-11-01):
//   2024-Q4: 01 Eve won 30,000, 02 Ava won 40,000 → 70,000, 2 won of 2 closed; reps Ava, Eve. Partial:
//            the export starts on 1 November, so nothing is compared with it.
//   2025-Q1: 07, 08 Ben won 10,000 + 15,000; 12 Ben lost; Joon's deal lost → 25,000, 2 of 4; reps Ava, Ben, Joon.
//   2025-Q2: 03 Ava won 20,000, 09 Ben won 25,000; 05, 13 lost → 45,000, 2 of 4: +80% on Q1, won deals ±0.
//   2025-Q3: 04 Ava 10,000, 10 Ben 30,000; 14, 15 lost → 40,000, 2 of 4: 40/45 − 1 = −11.1%.
//   2025-Q4: 11 Ben 20,000; 16 lost → 20,000, 1 of 2; in progress on 20 November: no change.
// Open pipeline (as of the as-of date, every period): Ava's 06 (50,000) + Ben's 17 (20,000) = 70,000 in 2 deals.
describe("mart_rep_summary", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`);
  });

  it("sums the reps' counts and amounts per quarter, with changes only between whole quarters", async () => {
    const rows = await query(
      warehouse,
      `select period_key, reps, bookings, won_deals, closed_deals, previous_bookings, bookings_change_rate,
              won_deals_change_rate, change_note, open_deals, open_pipeline
       from mart_rep_summary where period_type = 'quarter' and team = 'all' order by period_start`,
    );
    const open = { open_deals: 2, open_pipeline: 70_000 };
    expect(rows).toEqual([
      { period_key: "2024-Q4", reps: 2, bookings: 70_000, won_deals: 2, closed_deals: 2, previous_bookings: null, bookings_change_rate: null, won_deals_change_rate: null, change_note: "period partial: the export starts within it", ...open },
      { period_key: "2025-Q1", reps: 3, bookings: 25_000, won_deals: 2, closed_deals: 4, previous_bookings: 70_000, bookings_change_rate: null, won_deals_change_rate: null, change_note: "previous period partial: the export starts within it", ...open },
      { period_key: "2025-Q2", reps: 3, bookings: 45_000, won_deals: 2, closed_deals: 4, previous_bookings: 25_000, bookings_change_rate: 0.8, won_deals_change_rate: 0, change_note: null, ...open },
      { period_key: "2025-Q3", reps: 3, bookings: 40_000, won_deals: 2, closed_deals: 4, previous_bookings: 45_000, bookings_change_rate: 40_000 / 45_000 - 1, won_deals_change_rate: 0, change_note: null, ...open },
      { period_key: "2025-Q4", reps: 3, bookings: 20_000, won_deals: 1, closed_deals: 2, previous_bookings: 40_000, bookings_change_rate: null, won_deals_change_rate: null, change_note: "period in progress", ...open },
    ]);
  });

  it("counts the reps with enough data, per team, and makes no change for all time", async () => {
    const rows = await query(
      warehouse,
      `select team, reps, reps_with_enough_data, bookings, won_deals, closed_deals, change_note, open_pipeline
       from mart_rep_summary where period_type = 'all' order by team`,
    );
    // Only Ben closed 10 (minimumSample). Joon (inside sales) lost his one deal.
    expect(rows).toEqual([
      { team: "all", reps: 5, reps_with_enough_data: 1, bookings: 200_000, won_deals: 9, closed_deals: 16, change_note: null, open_pipeline: 70_000 },
      { team: "field_sales", reps: 4, reps_with_enough_data: 1, bookings: 200_000, won_deals: 9, closed_deals: 15, change_note: null, open_pipeline: 70_000 },
      { team: "inside_sales", reps: 1, reps_with_enough_data: 0, bookings: 0, won_deals: 0, closed_deals: 1, change_note: null, open_pipeline: null },
    ]);
  });

  it("agrees with mart_rep_performance in every period and team", async () => {
    const mismatches = await query(
      warehouse,
      `select s.period_type, s.period_key, s.team
       from mart_rep_summary as s
       join (
         select period_type, period_key, coalesce(team, 'all') as team, sum(bookings) as bookings, sum(won_deals) as won
         from mart_rep_performance group by grouping sets ((period_type, period_key), (period_type, period_key, team))
       ) as r using (period_type, period_key, team)
       where s.bookings is distinct from r.bookings or s.won_deals <> r.won`,
    );
    expect(mismatches).toEqual([]);
  });
});
