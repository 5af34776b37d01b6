import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/source-watchlist (its README lists every lead), as of 2026-05-15, minimumSample 4, a
// 30-day conversion window. 2026-Q2 is 45 days old (1 Apr – 15 May); 2026-Q1 has 90 days.
//   Web Q2: 10 leads → 10/45 a day against Q1's 9/90: +122.2%. Lead → MQL within 30 days: 3 of the 9 old
//           enough (the 10 May lead is not) = 33.3%, against 6 of 9 (the 40-day MQL is outside) = 66.7%:
//           −33.3 points, a relative fall of 50%: flagged lead_to_mql. MQL → SQL: 3 of 3 against 3 of 7
//           (the late MQL counts as an MQL, never an SQL) — 3 MQLs is below 4, so no change is made.
//   Partner Referral Q2: 4 leads, 4 MQLs, nothing before: new.
//   Event Q2: 3 leads (low sample) against 12: 3/45 ÷ 12/90 − 1 = −50%; flagged volume, ranked last.
describe("mart_source_watchlist", () => {
  let warehouse: string;
  beforeAll(async () => {
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const path = join(tempDir(), "config.json");
    writeFileSync(path, JSON.stringify({ ...config, asOf: "2026-05-15", minimumSample: 4, bottleneck: { ...config.bottleneck, windowDays: 30 } }));
    warehouse = await buildFixture(`${FIXTURES}/source-watchlist`, { configPath: path });
  });

  it("compares each source with its previous quarter at the same age, and ranks the largest fall first", async () => {
    const rows = await query(
      warehouse,
      `select list_rank, name, channel, leads, previous_leads, lead_to_mql_n, lead_to_mql, previous_lead_to_mql,
              mql_to_sql_n, mql_to_sql, previous_mql_to_sql, mql_to_sql_change_points, low_sample, flag
       from mart_source_watchlist where period_key = '2026-Q2' and cut = 'lead_source' order by list_rank`,
    );
    expect(rows).toEqual([
      { list_rank: 1, name: "Web", channel: "inbound", leads: 10, previous_leads: 9, lead_to_mql_n: 9, lead_to_mql: 3 / 9, previous_lead_to_mql: 6 / 9,
        mql_to_sql_n: 3, mql_to_sql: 1, previous_mql_to_sql: 3 / 7, mql_to_sql_change_points: null, low_sample: false, flag: "lead_to_mql" },
      { list_rank: 2, name: "Partner Referral", channel: "inbound", leads: 4, previous_leads: null, lead_to_mql_n: 4, lead_to_mql: 1, previous_lead_to_mql: null,
        mql_to_sql_n: 4, mql_to_sql: 0, previous_mql_to_sql: null, mql_to_sql_change_points: null, low_sample: false, flag: "new" },
      { list_rank: 3, name: "Event", channel: "inbound", leads: 3, previous_leads: 12, lead_to_mql_n: 3, lead_to_mql: 0, previous_lead_to_mql: 0.5,
        mql_to_sql_n: 0, mql_to_sql: null, previous_mql_to_sql: 4 / 6, mql_to_sql_change_points: null, low_sample: true, flag: "volume" },
    ]);
    const [web] = await query(warehouse, "select volume_change, lead_to_mql_change_points from mart_source_watchlist where period_key = '2026-Q2' and name = 'Web'");
    expect(web!.volume_change).toBeCloseTo(10 / 45 / (9 / 90) - 1, 12);
    expect(web!.lead_to_mql_change_points).toBeCloseTo(3 / 9 - 6 / 9, 12);
    const [event] = await query(warehouse, "select volume_change, lead_to_mql_change_points from mart_source_watchlist where period_key = '2026-Q2' and name = 'Event'");
    expect(event!.volume_change).toBeCloseTo(-0.5, 12);
    expect(event!.lead_to_mql_change_points).toBeNull(); // 3 leads: too few to compare
  });

  it("lists the first quarter's sources as new, the largest first and the one-lead source last", async () => {
    const rows = await query(
      warehouse,
      `select list_rank, owner_rank, name, leads, volume_change, flag from mart_source_watchlist where period_key = '2026-Q1' order by list_rank`,
    );
    expect(rows).toEqual([
      { list_rank: 1, owner_rank: 1, name: "Event", leads: 12, volume_change: null, flag: "new" },
      { list_rank: 2, owner_rank: 2, name: "Web", leads: 9, volume_change: null, flag: "new" },
      { list_rank: 3, owner_rank: 3, name: "(none)", leads: 1, volume_change: null, flag: "new" },
    ]);
  });
});
