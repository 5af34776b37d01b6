import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/act-on, as of 2026-06-30. Open deals and where they belong:
//   A02 Ava, due 31 May: 30 days past it (1 + 29)        → aging, overdue
//   A01 Ava, due 10 Jun: 20 days past it                 → aging, overdue
//   B01 Ben, due 29 Jun: 1 day past it                   → aging, overdue
//   B02 Ben, upsell due 15 Jul, pushed twice             → aging (expansion, pushed)
//   A03 Ava, due 31 Jul, pushed once                     → aging (pushed)
//   A04 Ava, due 31 Aug, history but no push             → not aging
//   R01 Noah, renewal due 20 Jun: −10 days               → renewals due, overdue
//   R04 Ava, renewal due 10 Jul: 10 days                 → renewals due
//   R02 Noah, renewal due 28 Sep: 30 Jun → 31 Jul → 31 Aug → 28 Sep = 31 + 31 + 28 = 90 days → due (90 is in)
//   R03 Noah, renewal due 29 Sep: 91 days                → not yet
// Aging order: overdue first, the longest past close first; then the most pushes.
describe("act-on lists: mart_aging_deals, mart_renewals_due, mart_act_on_summary", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/act-on`);
  });

  it("ranks aging deals on the whole list and per owner, most urgent first", async () => {
    const rows = await query(
      warehouse,
      `select list_rank, owner_rank, opportunity_id[-6:-4] as id, owner_name, motion, is_overdue, days_past_close, close_date_pushes
       from mart_aging_deals`,
    );
    expect(rows).toEqual([
      { list_rank: 1, owner_rank: 1, id: "A02", owner_name: "Ava Lee", motion: "new_business", is_overdue: true, days_past_close: 30, close_date_pushes: null },
      { list_rank: 2, owner_rank: 2, id: "A01", owner_name: "Ava Lee", motion: "new_business", is_overdue: true, days_past_close: 20, close_date_pushes: null },
      { list_rank: 3, owner_rank: 1, id: "B01", owner_name: "Ben Park", motion: "new_business", is_overdue: true, days_past_close: 1, close_date_pushes: null },
      { list_rank: 4, owner_rank: 2, id: "B02", owner_name: "Ben Park", motion: "expansion", is_overdue: false, days_past_close: 0, close_date_pushes: 2 },
      { list_rank: 5, owner_rank: 3, id: "A03", owner_name: "Ava Lee", motion: "new_business", is_overdue: false, days_past_close: 0, close_date_pushes: 1 },
    ]);
  });

  it("lists renewals due within 90 days, overdue ones first", async () => {
    const rows = await query(
      warehouse,
      `select list_rank, owner_rank, opportunity_id[-6:-4] as id, owner_name, close_date, days_to_close from mart_renewals_due`,
    );
    expect(rows).toEqual([
      { list_rank: 1, owner_rank: 1, id: "R01", owner_name: "Noah Choi", close_date: "2026-06-20", days_to_close: -10 },
      { list_rank: 2, owner_rank: 1, id: "R04", owner_name: "Ava Lee", close_date: "2026-07-10", days_to_close: 10 },
      { list_rank: 3, owner_rank: 2, id: "R02", owner_name: "Noah Choi", close_date: "2026-09-28", days_to_close: 90 },
    ]);
  });

  it("sizes each list per owner: items, amount, and what is overdue", async () => {
    // Ava's aging deals: A02 30,000 + A01 20,000 (overdue) + A03 5,000. Ben's: B01 10,000 (overdue) + B02 8,000.
    // Noah's renewals: R01 50,000 (overdue) + R02 40,000. Ava's: R04 6,000.
    const rows = await query(warehouse, "select list, owner_name, reason_group, items, amount, overdue_items, overdue_amount from mart_act_on_summary");
    expect(rows).toEqual([
      { list: "aging_deals", owner_name: "Ava Lee", reason_group: "all", items: 3, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
      { list: "aging_deals", owner_name: "Ben Park", reason_group: "all", items: 2, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
      { list: "renewals_due", owner_name: "Noah Choi", reason_group: "all", items: 2, amount: 90000, overdue_items: 1, overdue_amount: 50000 },
      { list: "renewals_due", owner_name: "Ava Lee", reason_group: "all", items: 1, amount: 6000, overdue_items: 0, overdue_amount: 0 },
    ]);
  });
});
