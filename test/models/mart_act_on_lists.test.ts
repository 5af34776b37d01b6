import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

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

  it("lists renewals due within 90 days, overdue ones first, each saying whether it is overdue", async () => {
    const rows = await query(
      warehouse,
      `select list_rank, owner_rank, opportunity_id[-6:-4] as id, owner_name, close_date, days_to_close, is_overdue from mart_renewals_due`,
    );
    // Overdue: the close date is before the as-of date 2026-06-30 — only R01 (20 Jun).
    expect(rows).toEqual([
      { list_rank: 1, owner_rank: 1, id: "R01", owner_name: "Noah Choi", close_date: "2026-06-20", days_to_close: -10, is_overdue: true },
      { list_rank: 2, owner_rank: 1, id: "R04", owner_name: "Ava Lee", close_date: "2026-07-10", days_to_close: 10, is_overdue: false },
      { list_rank: 3, owner_rank: 2, id: "R02", owner_name: "Noah Choi", close_date: "2026-09-28", days_to_close: 90, is_overdue: false },
    ]);
  });

  it("sizes each list per owner: items, amount, and what is overdue", async () => {
    // Ava's aging deals: A02 30,000 + A01 20,000 (overdue) + A03 5,000. Ben's: B01 10,000 (overdue) + B02 8,000.
    // Noah's renewals: R01 50,000 (overdue) + R02 40,000. Ava's: R04 6,000 (her renewal counts for customer
    // success, the role's only team, though she is in field sales).
    const rows = await query(
      warehouse,
      `select list, team, owner_name, reason_group, items, owners, amount, overdue_items, overdue_amount
       from mart_act_on_summary where level = 'owner'`,
    );
    expect(rows).toEqual([
      { list: "aging_deals", team: "field_sales", owner_name: "Ava Lee", reason_group: "all", items: 3, owners: 1, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
      { list: "aging_deals", team: "field_sales", owner_name: "Ben Park", reason_group: "all", items: 2, owners: 1, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
      { list: "renewals_due", team: "customer_success", owner_name: "Noah Choi", reason_group: "all", items: 2, owners: 1, amount: 90000, overdue_items: 1, overdue_amount: 50000 },
      { list: "renewals_due", team: "customer_success", owner_name: "Ava Lee", reason_group: "all", items: 1, owners: 1, amount: 6000, overdue_items: 0, overdue_amount: 0 },
    ]);
  });

  it("gives each list's total as its own rows, for the team and for every team, an empty list included", async () => {
    // Aging deals: Ava 3 + Ben 2 = 5 items, 2 owners, 55,000 + 18,000 = 73,000; overdue 2 + 1 = 3, 50,000 + 10,000 = 60,000.
    // Renewals due: Noah 2 + Ava 1 = 3 items, 90,000 + 6,000 = 96,000; overdue R01 only: 1, 50,000.
    // The recycle queue is empty (no loss in the fixture): its total rows say 0, not nothing.
    const rows = await query(
      warehouse,
      `select list, level, team, owner_id, owner_name, reason_group, items, owners, amount, overdue_items, overdue_amount
       from mart_act_on_summary where level <> 'owner'`,
    );
    const total = { owner_id: null, owner_name: null, reason_group: "all" };
    expect(rows).toEqual([
      { list: "aging_deals", level: "all", team: null, ...total, items: 5, owners: 2, amount: 73000, overdue_items: 3, overdue_amount: 60000 },
      { list: "aging_deals", level: "team", team: "field_sales", ...total, items: 5, owners: 2, amount: 73000, overdue_items: 3, overdue_amount: 60000 },
      { list: "recycle_queue", level: "all", team: null, ...total, items: 0, owners: 0, amount: 0, overdue_items: 0, overdue_amount: 0 },
      { list: "recycle_queue", level: "team", team: "inside_sales", ...total, items: 0, owners: 0, amount: 0, overdue_items: 0, overdue_amount: 0 },
      { list: "renewals_due", level: "all", team: null, ...total, items: 3, owners: 2, amount: 96000, overdue_items: 1, overdue_amount: 50000 },
      { list: "renewals_due", level: "team", team: "customer_success", ...total, items: 3, owners: 2, amount: 96000, overdue_items: 1, overdue_amount: 50000 },
    ]);
  });
});

describe("mart_act_on_summary with field sales split into teams (config teamRoles)", () => {
  it("gives each team its own total row, 0 for a team with nothing on its list, and the whole list once", async () => {
    // east (the role's first team) keeps Field Sales (Ava); Ben is put in west; north has nobody.
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const path = join(tempDir(), "config.json");
    writeFileSync(path, JSON.stringify({
      ...config,
      teamRoles: {
        marketing: { role: "marketing" },
        inside_sales: { role: "inside_sales" },
        east: { role: "field_sales", label: { en: "East", ko: "동부" } },
        west: { role: "field_sales", label: { en: "West", ko: "서부" } },
        north: { role: "field_sales", label: { en: "North", ko: "북부" } },
        customer_success: { role: "customer_success" },
      },
      teams: { ...config.teams, "Field Sales": "east" },
      teamPatterns: { ...config.teamPatterns, field_sales: null },
      ownerTeams: { "005000000000002AAA": "west" },
    }));
    const warehouse = await buildFixture(`${FIXTURES}/act-on`, { configPath: path });
    const rows = await query(
      warehouse,
      `select level, team, owner_name, items, owners, amount, overdue_items, overdue_amount
       from mart_act_on_summary where list = 'aging_deals'`,
    );
    // east: Ava's 3 deals, 55,000 (2 overdue, 50,000); west: Ben's 2, 18,000 (1 overdue, 10,000); all: 5, 73,000.
    expect(rows).toEqual([
      { level: "all", team: null, owner_name: null, items: 5, owners: 2, amount: 73000, overdue_items: 3, overdue_amount: 60000 },
      { level: "team", team: "east", owner_name: null, items: 3, owners: 1, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
      { level: "team", team: "north", owner_name: null, items: 0, owners: 0, amount: 0, overdue_items: 0, overdue_amount: 0 },
      { level: "team", team: "west", owner_name: null, items: 2, owners: 1, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
      { level: "owner", team: "east", owner_name: "Ava Lee", items: 3, owners: 1, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
      { level: "owner", team: "west", owner_name: "Ben Park", items: 2, owners: 1, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
    ]);
  });
});
