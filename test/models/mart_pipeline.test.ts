import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/pipeline, as of 2026-11-15 (O12 created that day, the latest date). Six deals are open:
//   O11 Acme, new business, Proposal, close date 2026-10-06: 40 days past it (6 Oct → 15 Nov = 25 + 15);
//       open since 2026-06-01: 30 + 31 + 31 + 30 + 31 + 14 = 167 days; history moved its close date
//       31 Aug → 15 Sep → 6 Oct: 2 pushes.
//   O15 Delta renewal, due 2026-12-31, open since 2026-10-01: 30 + 15 = 45 days; no history → pushes unknown.
//   O13 Cedar, due 2026-12-10, open 45 days, no history → pushes unknown.
//   O14 Acme upsell (expansion), due 2027-01-20, open since 2026-10-15: 31 days.
//   O12 Birch, due 2026-11-28, created on the as-of date: 0 days; one history row → 0 pushes.
//   O16 Cedar, no close date: cannot be overdue, listed last.
// Closed deals (O01–O06) are not on the list.
describe("mart_pipeline", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/pipeline`);
  });

  it("lists every open deal, the most overdue first, with its age and close-date pushes", async () => {
    const rows = await query(
      warehouse,
      `select opportunity_id[-6:-4] as id, motion, days_open, days_past_close, is_overdue, close_date_pushes from mart_pipeline`,
    );
    expect(rows).toEqual([
      { id: "011", motion: "new_business", days_open: 167, days_past_close: 40, is_overdue: true, close_date_pushes: 2 },
      { id: "015", motion: "renewal", days_open: 45, days_past_close: 0, is_overdue: false, close_date_pushes: null },
      { id: "013", motion: "new_business", days_open: 45, days_past_close: 0, is_overdue: false, close_date_pushes: null },
      { id: "014", motion: "expansion", days_open: 31, days_past_close: 0, is_overdue: false, close_date_pushes: null },
      { id: "012", motion: "new_business", days_open: 0, days_past_close: 0, is_overdue: false, close_date_pushes: 0 },
      { id: "016", motion: "new_business", days_open: 61, days_past_close: null, is_overdue: null, close_date_pushes: null },
    ]);
  });

  it("carries the deal's account, owner, stage, amount, tier and channel", async () => {
    const [overdue] = await query(
      warehouse,
      `select account_name, owner_name, owner_team, stage_name, stage_step, amount, close_date, tier, channel
       from mart_pipeline where is_overdue`,
    );
    expect(overdue).toEqual({
      account_name: "Acme Corp",
      owner_name: "Ava Lee",
      owner_team: "field_sales",
      stage_name: "Proposal/Price Quote",
      stage_step: "proposal",
      amount: 40000,
      close_date: "2026-10-06",
      tier: "A",
      channel: "inbound",
    });
  });
});
