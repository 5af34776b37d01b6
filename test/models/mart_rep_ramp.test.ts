import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal), worked out by hand. The data starts 2024-11-01
// (deal 01 created); the as-of date is 2025-11-20. Month m of tenure = [start + m months, start + m + 1 months).
// Field sales (won new-business deals by close date):
//   Ava  started 2024-09-01: m0 (Sep 2024) and m1 (Oct 2024) are before the data: left out, not zero.
//        m2 Nov 2024: 0 · m3 Dec 2024: 40,000 (02) · m8 May 2025: 20,000 (03) · m11 Aug 2025: 10,000 (04)
//        · other months 0 · m14 Nov 2025 is under way (incomplete). No cumulative: her first months are unseen.
//   Ben  started 2025-01-01: m1 Feb: 10,000 (07) · m2 Mar: 15,000 (08) · m4 May: 25,000 (09) · m7 Aug: 30,000 (10)
//        · m9 Oct: 20,000 (11) · m10 Nov 2025 under way. Cumulative: 0, 10k, 25k, 25k, 50k, 50k, 50k, 80k, 80k, 100k, 100k.
//   Cara started 2025-04-01, no deals: m0 … m6 = 0, m7 (Nov 2025) under way.
//   Eve  started 2024-08-01, inactive, last deal 2024-11-20: m0–m2 before the data, m3 (Nov 2024) = 30,000 (01),
//        nothing after her last deal.
// Team median over complete months:
//   m1: Ben 10,000, Cara 0 (Ava's m1 unseen)                    → median 5,000 over 2 reps
//   m3: Ava 40,000, Ben 0, Cara 0, Eve 30,000 → 0, 0, 30k, 40k  → median 15,000 over 4 reps
//   m7: Ava 0, Ben 30,000 (Cara's m7 under way)                 → median 15,000 over 2 reps
// Joon (inside sales, started 2024-03-04) is his own team: m8 (from 2024-11-04) … m20 (under way), all 0.
describe("mart_rep_ramp", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`);
  });

  it("gives bookings by month of tenure, leaving out months before the data", async () => {
    const rows = await query(
      warehouse,
      `select tenure_month, month_start, is_complete, bookings, won_deals, cumulative_bookings
       from mart_rep_ramp where rep_name = 'Ava Lee' and tenure_month in (2, 3, 8, 11, 14) order by tenure_month`,
    );
    expect(rows).toEqual([
      { tenure_month: 2, month_start: "2024-11-01", is_complete: true, bookings: 0, won_deals: 0, cumulative_bookings: null },
      { tenure_month: 3, month_start: "2024-12-01", is_complete: true, bookings: 40_000, won_deals: 1, cumulative_bookings: null },
      { tenure_month: 8, month_start: "2025-05-01", is_complete: true, bookings: 20_000, won_deals: 1, cumulative_bookings: null },
      { tenure_month: 11, month_start: "2025-08-01", is_complete: true, bookings: 10_000, won_deals: 1, cumulative_bookings: null },
      { tenure_month: 14, month_start: "2025-11-01", is_complete: false, bookings: 0, won_deals: 0, cumulative_bookings: null },
    ]);
    const months = await query<{ rep_name: string; first: number; last: number; n: number }>(
      warehouse,
      `select rep_name, min(tenure_month) as first, max(tenure_month) as last, count(*)::integer as n
       from mart_rep_ramp group by rep_name order by rep_name`,
    );
    expect(months).toEqual([
      { rep_name: "Ava Lee", first: 2, last: 14, n: 13 },
      { rep_name: "Ben Cho", first: 0, last: 10, n: 11 },
      { rep_name: "Cara Kim", first: 0, last: 7, n: 8 },
      { rep_name: "Eve Han", first: 3, last: 3, n: 1 },
      { rep_name: "Joon Kim", first: 8, last: 20, n: 13 },
    ]);
  });

  it("accumulates bookings from month 0 for a rep who started inside the data", async () => {
    const rows = await query(
      warehouse,
      `select tenure_month, bookings, cumulative_bookings from mart_rep_ramp where rep_name = 'Ben Cho' order by tenure_month`,
    );
    expect(rows.map((r) => r.bookings)).toEqual([0, 10_000, 15_000, 0, 25_000, 0, 0, 30_000, 0, 20_000, 0]);
    expect(rows.map((r) => r.cumulative_bookings)).toEqual([
      0, 10_000, 25_000, 25_000, 50_000, 50_000, 50_000, 80_000, 80_000, 100_000, 100_000,
    ]);
  });

  it("gives the team's median over the reps whose month of tenure is seen and complete", async () => {
    const rows = await query(
      warehouse,
      `select distinct tenure_month, team_median_bookings, reps_in_median from mart_rep_ramp
       where team = 'field_sales' and tenure_month in (1, 3, 7) order by tenure_month`,
    );
    expect(rows).toEqual([
      { tenure_month: 1, team_median_bookings: 5_000, reps_in_median: 2 },
      { tenure_month: 3, team_median_bookings: 15_000, reps_in_median: 4 },
      { tenure_month: 7, team_median_bookings: 15_000, reps_in_median: 2 },
    ]);
    // The cumulative median is over reps seen from month 0 (Ben and Cara): month 1 = (10,000 + 0) / 2.
    const [m1] = await query(
      warehouse,
      `select distinct team_median_cumulative_bookings, reps_in_cumulative_median from mart_rep_ramp
       where team = 'field_sales' and tenure_month = 1`,
    );
    expect(m1).toEqual({ team_median_cumulative_bookings: 5_000, reps_in_cumulative_median: 2 });
  });

  it("keeps each team's median to its own reps", async () => {
    const rows = await query(
      warehouse,
      `select distinct team, team_median_bookings, reps_in_median from mart_rep_ramp where tenure_month = 8 order by team`,
    );
    // Month 8: Ava 20,000 (May 2025) and Ben 0 (Sep 2025) → 10,000; Joon alone in inside sales → 0.
    expect(rows).toEqual([
      { team: "field_sales", team_median_bookings: 10_000, reps_in_median: 2 },
      { team: "inside_sales", team_median_bookings: 0, reps_in_median: 1 },
    ]);
  });
});
