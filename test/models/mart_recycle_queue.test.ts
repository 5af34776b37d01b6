import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/recycling, as of 2026-06-30 (see mart_recycled_leads.test.ts for the whole pool).
// Due for another approach: revisit-later losses N months after the loss (N from the reason, 6 when it
// names none), unreachable ones 3 months after; other reasons never. Then only those not come back:
//   O1 Alpha  "Revisit in 3 months"  lost 2025-01-31  due 2025-04-30  came back 2025-06-10      → no
//   L5 Epsilon "Revisit in 12 months" lost 2025-11-03 due 2026-11-03  not due yet (and came back) → no
//   L7 Omega  Unreachable            lost 2025-07-01  due 2025-10-01  came back 2025-08-04      → no
//   L3 Gamma  Unreachable            lost 2025-09-01  due 2025-12-01  211 days overdue           → yes
//   O7 Zeta   "Revisit in 3 months"  lost 2026-01-15  due 2026-04-15  76 days overdue            → yes
//   L4 Delta  "Not now" (no month)   lost 2025-10-20  due 2026-04-20  71 days overdue            → yes
// Days overdue to 2026-06-30: from 2025-12-01, Dec 1→Jan 1→Feb 1→Mar 1→Apr 1→May 1→Jun 1→Jun 30 =
// 31 + 31 + 28 + 31 + 30 + 31 + 29 = 211; from 2026-04-15, 16 + 31 + 29 = 76; from 2026-04-20, 11 + 31 + 29 = 71.
describe("mart_recycle_queue", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/recycling`);
  });

  it("lists the records due and not come back, oldest due date first, worked out by hand", async () => {
    const rows = await query(
      warehouse,
      `select account_name, tier, record_type, record_id, reason, reason_group, revisit_months,
         lost_date::varchar as lost_date, due_date::varchar as due_date, days_overdue, owner_name, amount, channel
       from mart_recycle_queue`,
    );
    expect(rows).toEqual([
      {
        account_name: "Gamma Inc", tier: "C", record_type: "lead", record_id: "00Q000000000R04AAA", reason: "Unreachable",
        reason_group: "unreachable", revisit_months: null, lost_date: "2025-09-01", due_date: "2025-12-01", days_overdue: 211,
        owner_name: "Joon Kim", amount: null, channel: "inbound",
      },
      {
        account_name: "Zeta AG", tier: "A", record_type: "opportunity", record_id: "006000000000R05AAA", reason: "Revisit in 3 months",
        reason_group: "revisit_later", revisit_months: 3, lost_date: "2026-01-15", due_date: "2026-04-15", days_overdue: 76,
        owner_name: "Ava Lee", amount: 40000, channel: "inbound",
      },
      {
        account_name: "Delta GmbH", tier: "C", record_type: "lead", record_id: "00Q000000000R05AAA", reason: "Not now",
        reason_group: "revisit_later", revisit_months: null, lost_date: "2025-10-20", due_date: "2026-04-20", days_overdue: 71,
        owner_name: "Joon Kim", amount: null, channel: "inbound",
      },
    ]);
  });

  it("ranks the queue on the whole list and per owner, and sizes it per owner and reason group", async () => {
    // Joon Kim owns Gamma (due the longest) and Delta; Ava Lee owns Zeta. Only Zeta is a deal (40,000).
    expect(await query(warehouse, "select list_rank, owner_rank, account_name, owner_name from mart_recycle_queue")).toEqual([
      { list_rank: 1, owner_rank: 1, account_name: "Gamma Inc", owner_name: "Joon Kim" },
      { list_rank: 2, owner_rank: 1, account_name: "Zeta AG", owner_name: "Ava Lee" },
      { list_rank: 3, owner_rank: 2, account_name: "Delta GmbH", owner_name: "Joon Kim" },
    ]);
    const sizes = await query(
      warehouse,
      "select owner_name, reason_group, items, amount from mart_act_on_summary where list = 'recycle_queue' and level = 'owner'",
    );
    // Each owner's row over every reason group ('all') comes first among equals of items: Joon 1 + 1 = 2.
    expect(sizes).toEqual([
      { owner_name: "Joon Kim", reason_group: "all", items: 2, amount: 0 },
      { owner_name: "Ava Lee", reason_group: "all", items: 1, amount: 40000 },
      { owner_name: "Ava Lee", reason_group: "revisit_later", items: 1, amount: 40000 },
      { owner_name: "Joon Kim", reason_group: "revisit_later", items: 1, amount: 0 },
      { owner_name: "Joon Kim", reason_group: "unreachable", items: 1, amount: 0 },
    ]);
  });

  it("gives the queue's totals as rows: per reason group and over all, for the team and for every team", async () => {
    // Revisit later: Zeta (Ava, 40,000) + Delta (Joon, a lead) = 2 items, 2 owners; unreachable: Gamma (Joon) = 1;
    // all: 3 items of 2 owners, 40,000. Every queue item is due, so overdue = items.
    const totals = await query(
      warehouse,
      `select level, team, owner_id, reason_group, items, owners, amount, overdue_items
       from mart_act_on_summary where list = 'recycle_queue' and level <> 'owner'`,
    );
    expect(totals).toEqual([
      { level: "all", team: null, owner_id: null, reason_group: "all", items: 3, owners: 2, amount: 40000, overdue_items: 3 },
      { level: "all", team: null, owner_id: null, reason_group: "revisit_later", items: 2, owners: 2, amount: 40000, overdue_items: 2 },
      { level: "all", team: null, owner_id: null, reason_group: "unreachable", items: 1, owners: 1, amount: 0, overdue_items: 1 },
      { level: "team", team: "inside_sales", owner_id: null, reason_group: "all", items: 3, owners: 2, amount: 40000, overdue_items: 3 },
      { level: "team", team: "inside_sales", owner_id: null, reason_group: "revisit_later", items: 2, owners: 2, amount: 40000, overdue_items: 2 },
      { level: "team", team: "inside_sales", owner_id: null, reason_group: "unreachable", items: 1, owners: 1, amount: 0, overdue_items: 1 },
    ]);
  });

  it("names the week, month and quarter each record fell due in, and counts them per team and period", async () => {
    // Gamma due Mon 1 Dec 2025 (ISO week 49); Zeta Wed 15 Apr 2026 (week 16); Delta Mon 20 Apr 2026 (week 17).
    expect(await query(warehouse, "select account_name, due_week, due_month, due_quarter from mart_recycle_queue")).toEqual([
      { account_name: "Gamma Inc", due_week: "2025-W49", due_month: "2025-12", due_quarter: "2025-Q4" },
      { account_name: "Zeta AG", due_week: "2026-W16", due_month: "2026-04", due_quarter: "2026-Q2" },
      { account_name: "Delta GmbH", due_week: "2026-W17", due_month: "2026-04", due_quarter: "2026-Q2" },
    ]);
    expect(await query(warehouse, "select team, period_type, period_key, records from mart_recycle_queue_due")).toEqual([
      { team: "inside_sales", period_type: "month", period_key: "2025-12", records: 1 },
      { team: "inside_sales", period_type: "month", period_key: "2026-04", records: 2 },
      { team: "inside_sales", period_type: "quarter", period_key: "2025-Q4", records: 1 },
      { team: "inside_sales", period_type: "quarter", period_key: "2026-Q2", records: 2 },
      { team: "inside_sales", period_type: "week", period_key: "2025-W49", records: 1 },
      { team: "inside_sales", period_type: "week", period_key: "2026-W16", records: 1 },
      { team: "inside_sales", period_type: "week", period_key: "2026-W17", records: 1 },
    ]);
  });

  it("keys the due quarter by the fiscal year, as int_periods does", async () => {
    // A fiscal year from April, named by the year it ends in: Dec 2025 is in FY2026's Q3 (Oct–Dec), Apr 2026 opens FY2027.
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const path = join(tempDir(), "config.json");
    writeFileSync(path, JSON.stringify({ ...config, fiscalYearStartMonth: 4 }));
    const fiscal = await buildFixture(`${FIXTURES}/recycling`, { configPath: path });
    expect(await query(fiscal, "select account_name, due_quarter from mart_recycle_queue")).toEqual([
      { account_name: "Gamma Inc", due_quarter: "FY2026-Q3" },
      { account_name: "Zeta AG", due_quarter: "FY2027-Q1" },
      { account_name: "Delta GmbH", due_quarter: "FY2027-Q1" },
    ]);
  });

  it("carries no personal data: no contact's name, e-mail or phone in any column or value", async () => {
    const rows = await query(warehouse, "select * from mart_recycle_queue");
    const columns = Object.keys(rows[0]!);
    expect(columns.filter((c) => /email|phone|first_?name|last_?name|contact/i.test(c))).toEqual([]);
    const text = JSON.stringify(rows.map((row) => Object.values(row)));
    for (const personal of ["Sora", "Han", "Eun", "Bae", "@", "+82", "+49"]) expect(text).not.toContain(personal);
  });
});
