import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, realData, SKIP_REAL_DATA } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal), worked out by hand. New-business deals lost:
//   05  50,000  2025-06-10  Lost to competitor (competitor)    Salesbridge   history → Proposal
//   12  40,000  2025-03-20  No budget (no_budget)              —             history → Discovery
//   13  10,000  2025-04-15  No budget (no_budget)              —             no history
//   14  20,000  2025-07-10  Revisit in 6 months (revisit_later) PipeCloud    history → Qualification (opportunity)
//   15  30,000  2025-09-15  Lost to competitor (competitor)    Kmetric       history → Negotiation
//   16  15,000  2025-11-05  (no reason)                         —             no history
//   18   5,000  2025-01-20  Unreachable (unreachable)          —             no history
//   all: 7 deals, 170,000.
describe("mart_lost_reasons", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/closed-deals`);
  });

  const cut = (dimension: string, period = "all") =>
    query(
      warehouse,
      `select value, lost_deals, amount_lost, share_of_lost from mart_lost_reasons
       where period_key = $period and dimension = $dimension order by lost_deals desc, value`,
      { period, dimension },
    );

  it("counts lost deals and amount by reason group, with each group's share of the losses", async () => {
    expect(await cut("reason_group")).toEqual([
      { value: "competitor", lost_deals: 2, amount_lost: 80_000, share_of_lost: 2 / 7 },
      { value: "no_budget", lost_deals: 2, amount_lost: 50_000, share_of_lost: 2 / 7 },
      { value: "(none)", lost_deals: 1, amount_lost: 15_000, share_of_lost: 1 / 7 },
      { value: "revisit_later", lost_deals: 1, amount_lost: 20_000, share_of_lost: 1 / 7 },
      { value: "unreachable", lost_deals: 1, amount_lost: 5_000, share_of_lost: 1 / 7 },
    ]);
    const [overall] = await query(warehouse, `select * from mart_lost_reasons where period_type = 'all' and dimension = 'overall'`);
    expect(overall).toMatchObject({ value: "all", lost_deals: 7, amount_lost: 170_000, period_lost_deals: 7, share_of_lost: 1 });
  });

  it("keeps each reason as the CRM has it, with its group", async () => {
    const rows = await query(
      warehouse,
      `select value, reason_group, lost_deals from mart_lost_reasons
       where period_type = 'all' and dimension = 'reason' order by value`,
    );
    expect(rows).toEqual([
      { value: "(none)", reason_group: null, lost_deals: 1 },
      { value: "Lost to competitor", reason_group: "competitor", lost_deals: 2 },
      { value: "No budget", reason_group: "no_budget", lost_deals: 2 },
      { value: "Revisit in 6 months", reason_group: "revisit_later", lost_deals: 1 },
      { value: "Unreachable", reason_group: "unreachable", lost_deals: 1 },
    ]);
  });

  it("gives the stage at loss from stage history, and '(not recorded)' for deals without it", async () => {
    const rows = await query(
      warehouse,
      `select value, step_order, lost_deals, amount_lost from mart_lost_reasons
       where period_type = 'all' and dimension = 'lost_at_step' order by step_order nulls last`,
    );
    // 13, 16, 18 have no history: their stage at loss is unknown, not "opportunity" (10,000 + 15,000 + 5,000).
    expect(rows).toEqual([
      { value: "opportunity", step_order: 4, lost_deals: 1, amount_lost: 20_000 },
      { value: "discovery", step_order: 5, lost_deals: 1, amount_lost: 40_000 },
      { value: "proposal", step_order: 6, lost_deals: 1, amount_lost: 50_000 },
      { value: "negotiation", step_order: 7, lost_deals: 1, amount_lost: 30_000 },
      { value: "(not recorded)", step_order: null, lost_deals: 3, amount_lost: 30_000 },
    ]);
  });

  it("counts deals lost with each competitor, and the rest under '(no competitor)'", async () => {
    expect(await cut("competitor")).toEqual([
      { value: "(no competitor)", lost_deals: 4, amount_lost: 70_000, share_of_lost: 4 / 7 },
      { value: "Kmetric", lost_deals: 1, amount_lost: 30_000, share_of_lost: 1 / 7 },
      { value: "PipeCloud", lost_deals: 1, amount_lost: 20_000, share_of_lost: 1 / 7 },
      { value: "Salesbridge", lost_deals: 1, amount_lost: 50_000, share_of_lost: 1 / 7 },
    ]);
  });

  it("splits by the quarter and year of the loss", async () => {
    const rows = await query(
      warehouse,
      `select period_type, period_key, lost_deals, amount_lost from mart_lost_reasons
       where dimension = 'overall' order by period_type, period_start nulls first`,
    );
    // 2025-Q1: 18, 12. 2025-Q2: 13, 05. 2025-Q3: 14, 15. 2025-Q4: 16. Nothing lost in 2024.
    expect(rows).toEqual([
      { period_type: "all", period_key: "all", lost_deals: 7, amount_lost: 170_000 },
      { period_type: "quarter", period_key: "2025-Q1", lost_deals: 2, amount_lost: 45_000 },
      { period_type: "quarter", period_key: "2025-Q2", lost_deals: 2, amount_lost: 60_000 },
      { period_type: "quarter", period_key: "2025-Q3", lost_deals: 2, amount_lost: 50_000 },
      { period_type: "quarter", period_key: "2025-Q4", lost_deals: 1, amount_lost: 15_000 },
      { period_type: "year", period_key: "2025", lost_deals: 7, amount_lost: 170_000 },
    ]);
    expect(await cut("reason_group", "2025-Q3")).toEqual([
      { value: "competitor", lost_deals: 1, amount_lost: 30_000, share_of_lost: 0.5 },
      { value: "revisit_later", lost_deals: 1, amount_lost: 20_000, share_of_lost: 0.5 },
    ]);
  });

  it("matches mart_win_rate's lost deals in every period", async () => {
    const rows = await query(
      warehouse,
      `select count(*)::integer as periods, count(*) filter (where lost.lost_deals is distinct from win.lost)::integer as mismatched
       from (select * from mart_win_rate where dimension = 'overall' and lost > 0) as win
       full join (select * from mart_lost_reasons where dimension = 'overall') as lost using (period_type, period_key)`,
    );
    expect(rows).toEqual([{ periods: 6, mismatched: 0 }]);
  });
});

describe.skipIf(SKIP_REAL_DATA)("mart_lost_reasons on an export without reasons, history or lost amounts (Maven)", () => {
  it("gives only the overall count, with the amount unknown rather than 0", async () => {
    const dir = realData("maven-crm-sales-opportunities");
    const warehouse = await buildFixture(dir, { mappingPath: "data/mappings/maven-crm.json" });
    const rows = await query(
      warehouse,
      `select dimension, lost_deals, amount_lost from mart_lost_reasons where period_type = 'all'`,
    );
    expect(rows).toEqual([{ dimension: "overall", lost_deals: 2473, amount_lost: null }]);
  });
});
