import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/recycling, worked out by hand (as of 2026-06-30). The pool, with each record's first
// return (the first new lead, or new opportunity without a lead, of the same account after the loss):
//   record                         group          lost        first return                 months  bucket  outcome
//   O1 Alpha deal                  revisit_later  2025-01-31  L10 lead 2025-06-10           4       3-5     won (O10)
//   L2 Beta lead (call 02-20)      no_budget      2025-02-20  O20 direct opp 2025-03-05     0       0-2     lost
//   O20 Beta deal                  competitor     2025-05-30  —
//   L3 Gamma lead                  unreachable    2025-09-01  —
//   L4 Delta lead (MQL 10-20)      revisit_later  2025-10-20  —
//   L5 Epsilon lead                revisit_later  2025-11-03  L50 lead 2026-06-30           7       6-11    open
//   O6 Gamma deal                  no_need        2024-03-15  L3 lead 2025-09-01            17      12+     disqualified
//   O7 Zeta deal                   revisit_later  2026-01-15  —
//   L7 Omega Ltd lead (no account) unreachable    2025-07-01  L8 " omega ltd" 2025-08-04    1       0-2     disqualified
//   L8 omega ltd lead              no_need        2025-08-04  —
//   L6 lead with no company        no_need        untracked: no account or company to follow
// Beta's second lead L21 (2025-02-10) was created before L2's loss date (its last activity), so it is
// not L2's return. Pool 10 (+1 untracked), recycled 5, won 1, still open 1:
//   yield 1/5 = 20%, re-engagement 5/10 = 50%, overall yield 1/10 = 10%.
// revisit_later: pool 4, recycled 2 (O1, L5), won 1: yield 1/2 = 50%, re-engagement 2/4 = 50%, overall 1/4 = 25%.

/** The 95% Wilson interval of the macros, in TypeScript, to check the SQL against. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - spread) / (1 + (z * z) / n), (centre + spread) / (1 + (z * z) / n)];
}

describe("mart_recycled_leads", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/recycling`);
  });

  it("finds each pooled record's first return, worked out by hand", async () => {
    const pool = await query(
      warehouse,
      `select record_id, reason_group, lost_date::varchar as lost_date, lost_date_basis, returned_record_id,
         months_to_return, return_outcome, is_trackable
       from int_recycle_pool order by record_id`,
    );
    expect(pool).toEqual([
      { record_id: "006000000000R01AAA", reason_group: "revisit_later", lost_date: "2025-01-31", lost_date_basis: "close_date", returned_record_id: "00Q000000000R08AAA", months_to_return: 4, return_outcome: "won", is_trackable: true },
      { record_id: "006000000000R03AAA", reason_group: "competitor", lost_date: "2025-05-30", lost_date_basis: "close_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: true },
      { record_id: "006000000000R04AAA", reason_group: "no_need", lost_date: "2024-03-15", lost_date_basis: "close_date", returned_record_id: "00Q000000000R04AAA", months_to_return: 17, return_outcome: "disqualified", is_trackable: true },
      { record_id: "006000000000R05AAA", reason_group: "revisit_later", lost_date: "2026-01-15", lost_date_basis: "close_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: true },
      { record_id: "00Q000000000R02AAA", reason_group: "no_budget", lost_date: "2025-02-20", lost_date_basis: "last_activity", returned_record_id: "006000000000R03AAA", months_to_return: 0, return_outcome: "lost", is_trackable: true },
      { record_id: "00Q000000000R04AAA", reason_group: "unreachable", lost_date: "2025-09-01", lost_date_basis: "created_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: true },
      { record_id: "00Q000000000R05AAA", reason_group: "revisit_later", lost_date: "2025-10-20", lost_date_basis: "mql_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: true },
      { record_id: "00Q000000000R06AAA", reason_group: "revisit_later", lost_date: "2025-11-03", lost_date_basis: "created_date", returned_record_id: "00Q000000000R09AAA", months_to_return: 7, return_outcome: "open", is_trackable: true },
      { record_id: "00Q000000000R07AAA", reason_group: "no_need", lost_date: "2025-04-01", lost_date_basis: "created_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: false },
      { record_id: "00Q000000000R10AAA", reason_group: "unreachable", lost_date: "2025-07-01", lost_date_basis: "created_date", returned_record_id: "00Q000000000R11AAA", months_to_return: 1, return_outcome: "disqualified", is_trackable: true },
      { record_id: "00Q000000000R11AAA", reason_group: "no_need", lost_date: "2025-08-04", lost_date_basis: "created_date", returned_record_id: null, months_to_return: null, return_outcome: null, is_trackable: true },
    ]);
  });

  it("gives yield, re-engagement and overall yield over the whole pool", async () => {
    const [all] = await query(warehouse, "select * from mart_recycled_leads where reason_group = 'all' and months_to_return = 'all'");
    expect(all).toMatchObject({
      bucket_order: 0,
      pool: 10,
      pool_untracked: 1,
      recycled: 5,
      recycled_won: 1,
      recycled_open: 1,
      yield_rate: 0.2,
      re_engagement_rate: 0.5,
      overall_yield_rate: 0.1,
      low_sample: true, // n = 5 recycled < minimumSample 10
      note: null,
    });
    const [low, high] = wilson(1, 5);
    expect(all!.yield_rate_low).toBeCloseTo(low, 12);
    expect(all!.yield_rate_high).toBeCloseTo(high, 12);
    expect(all!.re_engagement_rate_low).toBeCloseTo(wilson(5, 10)[0], 12);
    expect(all!.overall_yield_rate_high).toBeCloseTo(wilson(1, 10)[1], 12);
  });

  it("splits by months from loss to return: each recycled record once, at its first return", async () => {
    const rows = await query(
      warehouse,
      `select months_to_return, pool, recycled, recycled_won, yield_rate, re_engagement_rate, overall_yield_rate
       from mart_recycled_leads where reason_group = 'all' order by bucket_order`,
    );
    expect(rows).toEqual([
      { months_to_return: "all", pool: 10, recycled: 5, recycled_won: 1, yield_rate: 0.2, re_engagement_rate: 0.5, overall_yield_rate: 0.1 },
      // L2 (0 months) and L7 (1 month)
      { months_to_return: "0-2", pool: 10, recycled: 2, recycled_won: 0, yield_rate: 0, re_engagement_rate: 0.2, overall_yield_rate: 0 },
      // O1, 4 months, won
      { months_to_return: "3-5", pool: 10, recycled: 1, recycled_won: 1, yield_rate: 1, re_engagement_rate: 0.1, overall_yield_rate: 0.1 },
      // L5, 7 months, still open
      { months_to_return: "6-11", pool: 10, recycled: 1, recycled_won: 0, yield_rate: 0, re_engagement_rate: 0.1, overall_yield_rate: 0 },
      // O6, 17 months
      { months_to_return: "12+", pool: 10, recycled: 1, recycled_won: 0, yield_rate: 0, re_engagement_rate: 0.1, overall_yield_rate: 0 },
    ]);
  });

  it("bands the months to return as config recycling.returnBands says: [1, 12] gives 0, 1-11 and 12+", async () => {
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const configPath = join(tempDir(), "config.json");
    writeFileSync(configPath, JSON.stringify({ ...config, recycling: { ...config.recycling, returnBands: [1, 12] } }));
    const banded = await buildFixture(`${FIXTURES}/recycling`, { configPath });
    const rows = await query(
      banded,
      `select months_to_return, bucket_order, recycled, recycled_won
       from mart_recycled_leads where reason_group = 'all' and months_to_return <> 'all' order by bucket_order`,
    );
    expect(rows).toEqual([
      // L2 (0 months)
      { months_to_return: "0", bucket_order: 1, recycled: 1, recycled_won: 0 },
      // L7 (1), O1 (4, won), L5 (7)
      { months_to_return: "1-11", bucket_order: 2, recycled: 3, recycled_won: 1 },
      // O6 (17)
      { months_to_return: "12+", bucket_order: 3, recycled: 1, recycled_won: 0 },
    ]);
  });

  it("splits by reason group", async () => {
    const rows = await query(
      warehouse,
      `select reason_group, pool, pool_untracked, recycled, recycled_won, yield_rate, re_engagement_rate, overall_yield_rate
       from mart_recycled_leads where months_to_return = 'all' and reason_group <> 'all' order by reason_group`,
    );
    expect(rows).toEqual([
      // O20: never came back, so no yield (null, not 0)
      { reason_group: "competitor", pool: 1, pool_untracked: 0, recycled: 0, recycled_won: 0, yield_rate: null, re_engagement_rate: 0, overall_yield_rate: 0 },
      // L2
      { reason_group: "no_budget", pool: 1, pool_untracked: 0, recycled: 1, recycled_won: 0, yield_rate: 0, re_engagement_rate: 1, overall_yield_rate: 0 },
      // O6 came back, L8 did not; L6 cannot be followed
      { reason_group: "no_need", pool: 2, pool_untracked: 1, recycled: 1, recycled_won: 0, yield_rate: 0, re_engagement_rate: 0.5, overall_yield_rate: 0 },
      // O1 (won) and L5 came back; L4 and O7 did not
      { reason_group: "revisit_later", pool: 4, pool_untracked: 0, recycled: 2, recycled_won: 1, yield_rate: 0.5, re_engagement_rate: 0.5, overall_yield_rate: 0.25 },
      // L7 came back, L3 did not
      { reason_group: "unreachable", pool: 2, pool_untracked: 0, recycled: 1, recycled_won: 0, yield_rate: 0, re_engagement_rate: 0.5, overall_yield_rate: 0 },
    ]);
  });

  it("adds up: buckets sum to 'all', groups sum to 'all'", async () => {
    const [sums] = await query(
      warehouse,
      `select
         sum(recycled) filter (where reason_group = 'all' and months_to_return <> 'all')::integer as by_bucket,
         sum(recycled) filter (where reason_group <> 'all' and months_to_return = 'all')::integer as by_group,
         sum(pool) filter (where reason_group <> 'all' and months_to_return = 'all')::integer as pool_by_group,
         count(*)::integer as rows
       from mart_recycled_leads`,
    );
    // 5 groups + all, × 4 buckets + all
    expect(sums).toEqual({ by_bucket: 5, by_group: 5, pool_by_group: 10, rows: 30 });
  });

  it("says so when lost records cannot be followed, rather than showing zeros", async () => {
    // Two lost deals of no account: nothing to follow them by.
    const dir = tempDir();
    writeFileSync(
      join(dir, "Opportunity.csv"),
      [
        `"Id","AccountId","StageName","Amount","CloseDate","Type","CreatedDate","Loss_Reason__c"`,
        `"006000000000X01AAA","","Closed Lost","1000","2026-01-10","New Business","2025-12-01 10:00:00","No budget"`,
        `"006000000000X02AAA","","Closed Lost","2000","2026-02-10","New Business","2025-12-05 10:00:00",""`,
      ].join("\n") + "\n",
    );
    const orphans = await buildFixture(dir);
    const [all] = await query(
      orphans,
      `select pool, pool_untracked, recycled, yield_rate, re_engagement_rate, note
       from mart_recycled_leads where reason_group = 'all' and months_to_return = 'all'`,
    );
    expect(all).toEqual({
      pool: 0,
      pool_untracked: 2,
      recycled: 0,
      yield_rate: null,
      re_engagement_rate: null,
      note: "no lost record has an account (or company) and a loss date, so returns cannot be followed",
    });
    expect(await query(orphans, "select count(*)::integer as n from mart_recycle_queue")).toEqual([{ n: 0 }]);
  });

  it("never counts a lost record's own chain as its return, and looks past it to the next entry", async () => {
    // Theta's deal O1 was entered on 03-10 although it closed lost on 03-01 (a typo the CRM allowed):
    // as an opportunity without a lead it is itself an entry of the account after the loss, but not a
    // return. Theta's next entry, lead L1 on 05-02, is the return (2 months). Kappa's deal O2 has no
    // later entry but itself: nothing came back.
    const dir = tempDir();
    writeFileSync(
      join(dir, "Account.csv"),
      [`"Id","Name"`, `"001000000000T01AAA","Theta Inc"`, `"001000000000T02AAA","Kappa Co"`].join("\n") + "\n",
    );
    writeFileSync(
      join(dir, "Opportunity.csv"),
      [
        `"Id","AccountId","StageName","Amount","CloseDate","Type","CreatedDate","Loss_Reason__c"`,
        `"006000000000T01AAA","001000000000T01AAA","Closed Lost","1000","2025-03-01","New Business","2025-03-10 10:00:00","No budget"`,
        `"006000000000T02AAA","001000000000T02AAA","Closed Lost","1000","2025-03-01","New Business","2025-03-10 10:00:00","No budget"`,
      ].join("\n") + "\n",
    );
    writeFileSync(
      join(dir, "Lead.csv"),
      [
        `"Id","Company","Status","CreatedDate","ConvertedAccountId"`,
        `"00Q000000000T01AAA","Theta Inc","Open - Not Contacted","2025-05-02 10:00:00","001000000000T01AAA"`,
      ].join("\n") + "\n",
    );
    const chains = await buildFixture(dir);
    expect(
      await query(chains, "select record_id, returned_record_id, months_to_return from int_recycle_pool order by record_id"),
    ).toEqual([
      { record_id: "006000000000T01AAA", returned_record_id: "00Q000000000T01AAA", months_to_return: 2 },
      { record_id: "006000000000T02AAA", returned_record_id: null, months_to_return: null },
    ]);
  });
});
