import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/channel, worked out by hand (as of 2026-09-30; steps lead 1, mql 2, sql 3, opportunity 4 … won 8).
//   lead  created     source       channel   first campaign   furthest step  outcome
//   C0    2025-11-10  Web          inbound   —                lead           disqualified
//   C1    2026-01-05  Web          inbound   Spring Webinar   won            won 10,000
//   C2    2026-01-20  Web          inbound   Spring Webinar   mql            open
//   C3    2026-02-10  Webinar      inbound   Spring Webinar*  sql            open
//   C4    2026-02-15  Cold Email   outbound  —                opportunity    lost
//   C5    2026-03-01  Cold Email   outbound  —                lead           disqualified
//   C6    2026-03-20  Billboard    unknown   —                lead           open
//   C7    2026-07-10  Web          inbound   Summer Expo      won            won 5,000
//   C8    2026-08-01  (none)       unknown   —                lead           open
//   * C3 joined Summer Expo on 02-12 (first row of the file) and Spring Webinar on 02-11: the earlier counts.
//   K4, an opportunity without a lead: 2026-02-20, Partner Referral (inbound), Summer Expo, won 20,000.
//   The renewal (99,999) is not in the new-business funnel.
// All cohorts, leads: 9 leads, 5 reached MQL (C1 C2 C3 C4 C7), 4 SQL (C1 C3 C4 C7), 3 opportunity
// (C1 C4 C7), 2 won (C1 C7), bookings 15,000. Lead → won 2/9; next steps 5/9, 4/5, 3/4, 2/3.
// Mature cohorts: quarters that ended ≥ 180 days before 2026-09-30, i.e. 2025-Q4 (ended 2026-01-01,
// +180 = 2026-06-30) and 2026-Q1 (ended 2026-04-01, +180 = 2026-09-28); 2026-Q3 is not (C7, C8).

/** The 95% Wilson interval of the macros, in TypeScript, to check the SQL against. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - spread) / (1 + (z * z) / n), (centre + spread) / (1 + (z * z) / n)];
}

const COUNTS = "records, leads, mqls, sqls, opportunities, won, bookings";

describe("mart_channel", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/channel`);
  });

  it("counts a cohort's leads down to won deals, worked out by hand", async () => {
    const [total] = await query(warehouse, `select * from mart_channel where period_type = 'all' and entry_step = 'lead' and cut = 'total'`);
    expect(total).toMatchObject({
      period_key: "all",
      is_mature: false,
      channel: "all",
      lead_source: "all",
      campaign_name: "all",
      records: 9,
      leads: 9,
      mqls: 5,
      sqls: 4,
      opportunities: 3,
      won: 2,
      bookings: 15000,
      lead_to_won_rate: 2 / 9,
      lead_to_mql_rate: 5 / 9,
      mql_to_sql_rate: 4 / 5,
      sql_to_opportunity_rate: 3 / 4,
      opportunity_to_won_rate: 2 / 3,
      low_sample: true, // 9 leads < minimumSample 10
    });
    const [low, high] = wilson(2, 9);
    expect(total!.lead_to_won_rate_low).toBeCloseTo(low, 12);
    expect(total!.lead_to_won_rate_high).toBeCloseTo(high, 12);
    expect(total!.mql_to_sql_rate_low).toBeCloseTo(wilson(4, 5)[0], 12);
  });

  it("splits by channel and by lead source; unknown sources stay unknown", async () => {
    const byChannel = await query(
      warehouse,
      `select channel, ${COUNTS}, lead_to_won_rate from mart_channel
       where period_type = 'all' and entry_step = 'lead' and cut = 'channel' order by channel`,
    );
    expect(byChannel).toEqual([
      { channel: "inbound", records: 5, leads: 5, mqls: 4, sqls: 3, opportunities: 2, won: 2, bookings: 15000, lead_to_won_rate: 2 / 5 },
      { channel: "outbound", records: 2, leads: 2, mqls: 1, sqls: 1, opportunities: 1, won: 0, bookings: 0, lead_to_won_rate: 0 },
      { channel: "unknown", records: 2, leads: 2, mqls: 0, sqls: 0, opportunities: 0, won: 0, bookings: 0, lead_to_won_rate: 0 },
    ]);
    const bySource = await query(
      warehouse,
      `select channel, lead_source, leads, won from mart_channel
       where period_type = 'all' and entry_step = 'lead' and cut = 'lead_source' order by channel, lead_source`,
    );
    expect(bySource).toEqual([
      { channel: "inbound", lead_source: "Web", leads: 4, won: 2 },
      { channel: "inbound", lead_source: "Webinar", leads: 1, won: 0 },
      { channel: "outbound", lead_source: "Cold Email", leads: 2, won: 0 },
      { channel: "unknown", lead_source: "(none)", leads: 1, won: 0 },
      { channel: "unknown", lead_source: "Billboard", leads: 1, won: 0 },
    ]);
  });

  it("splits by each lead's first campaign", async () => {
    const rows = await query(
      warehouse,
      `select campaign_name, campaign_id, ${COUNTS} from mart_channel
       where period_type = 'all' and entry_step = 'lead' and cut = 'campaign' order by campaign_name`,
    );
    expect(rows).toEqual([
      // C0 C4 C5 C6 C8
      { campaign_name: "(no campaign)", campaign_id: null, records: 5, leads: 5, mqls: 1, sqls: 1, opportunities: 1, won: 0, bookings: 0 },
      // C1 C2 C3
      { campaign_name: "Spring Webinar", campaign_id: "701000000000C01AAA", records: 3, leads: 3, mqls: 3, sqls: 2, opportunities: 1, won: 1, bookings: 10000 },
      // C7
      { campaign_name: "Summer Expo", campaign_id: "701000000000C02AAA", records: 1, leads: 1, mqls: 1, sqls: 1, opportunities: 1, won: 1, bookings: 5000 },
    ]);
  });

  it("keeps opportunities without a lead in their own rows, with no lead counts", async () => {
    const rows = await query(
      warehouse,
      `select cut, channel, lead_source, campaign_name, ${COUNTS}, lead_to_won_rate, opportunity_to_won_rate, low_sample
       from mart_channel where period_type = 'all' and entry_step = 'opportunity' order by cut`,
    );
    const k4 = { records: 1, leads: null, mqls: null, sqls: null, opportunities: 1, won: 1, bookings: 20000, lead_to_won_rate: null, opportunity_to_won_rate: 1, low_sample: true };
    expect(rows).toEqual([
      { cut: "campaign", channel: "all", lead_source: "all", campaign_name: "Summer Expo", ...k4 },
      { cut: "channel", channel: "inbound", lead_source: "all", campaign_name: "all", ...k4 },
      { cut: "lead_source", channel: "inbound", lead_source: "Partner Referral", campaign_name: "all", ...k4 },
      { cut: "total", channel: "all", lead_source: "all", campaign_name: "all", ...k4 },
    ]);
  });

  it("gives cohorts by quarter and year, and marks the immature ones", async () => {
    const rows = await query(
      warehouse,
      `select period_type, period_key, period_start::varchar as period_start, period_end::varchar as period_end, is_mature, leads, won
       from mart_channel where entry_step = 'lead' and cut = 'total'`,
    );
    expect(rows).toEqual([
      { period_type: "quarter", period_key: "2025-Q4", period_start: "2025-10-01", period_end: "2026-01-01", is_mature: true, leads: 1, won: 0 },
      { period_type: "quarter", period_key: "2026-Q1", period_start: "2026-01-01", period_end: "2026-04-01", is_mature: true, leads: 6, won: 1 },
      { period_type: "quarter", period_key: "2026-Q3", period_start: "2026-07-01", period_end: "2026-10-01", is_mature: false, leads: 2, won: 1 },
      { period_type: "year", period_key: "2025", period_start: "2025-01-01", period_end: "2026-01-01", is_mature: true, leads: 1, won: 0 },
      { period_type: "year", period_key: "2026", period_start: "2026-01-01", period_end: "2027-01-01", is_mature: false, leads: 8, won: 2 },
      { period_type: "all", period_key: "all", period_start: null, period_end: null, is_mature: false, leads: 9, won: 2 },
      // C0–C6: the mature quarters 2025-Q4 and 2026-Q1
      { period_type: "mature", period_key: "mature", period_start: null, period_end: "2026-04-01", is_mature: true, leads: 7, won: 1 },
    ]);
  });

  it("adds up: every cut of a period sums to its total", async () => {
    const mismatches = await query(
      warehouse,
      `select period_type, period_key, entry_step, cut, sum(records) as records, sum(won) as won, sum(bookings) as bookings
       from mart_channel group by all
       except
       select period_type, period_key, entry_step, c.cut, records, won, bookings
       from mart_channel, (values ('channel'), ('lead_source'), ('campaign'), ('total')) as c(cut)
       where mart_channel.cut = 'total'`,
    );
    expect(mismatches).toEqual([]);
  });

  it("shows no campaign cut for leads when the export has no campaign members, rather than '(no campaign)' for all", async () => {
    const dir = tempDir();
    cpSync(`${FIXTURES}/channel`, dir, { recursive: true });
    rmSync(join(dir, "CampaignMember.csv"));
    const withoutMembers = await buildFixture(dir);
    const rows = await query(
      withoutMembers,
      `select entry_step, campaign_name, records from mart_channel where period_type = 'all' and cut = 'campaign' order by entry_step`,
    );
    // K4's primary campaign still splits the opportunities without a lead.
    expect(rows).toEqual([{ entry_step: "opportunity", campaign_name: "Summer Expo", records: 1 }]);
  });
});
