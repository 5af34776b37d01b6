// Pipedrive, the third declared format (data-loaders/ingest/pipedrive.ts): one declaration over the engine
// Salesforce runs on. A hand-made export of deals (outcome as a word, close date from won/lost/expected
// times, organizations and owners by name), organizations and people (personal data: never read).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

describe("a Pipedrive export", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(join(FIXTURES, "pipedrive"));
  });

  it("is recognised by its headers; people are not read; every row is loaded or set aside with its reason", async () => {
    expect(await query(warehouse, "select format from warehouse_meta")).toEqual([{ format: "pipedrive" }]);
    expect(await query(warehouse, "select source_file, entity, rows_read, rows_loaded, rows_quarantined from mart_data_quality order by 1")).toEqual([
      { source_file: "deals-export.csv", entity: "opportunities", rows_read: 6, rows_loaded: 4, rows_quarantined: 2 },
      { source_file: "organizations-export.csv", entity: "accounts", rows_read: 4, rows_loaded: 4, rows_quarantined: 0 },
      { source_file: "people-export.csv", entity: null, rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
    ]);
    expect(await query(warehouse, "select record_id, reason from dq_quarantine order by 1")).toEqual([
      { record_id: "4", reason: 'not a real deal: lost as "Duplicate deal" (config excludedLossReasons)' },
      { record_id: "6", reason: "deleted in the CRM" },
    ]);
  });

  it("takes won, lost and open from Status, the close date from the won, lost or expected time, and stages by their usual names", async () => {
    expect(
      await query(warehouse, "select opportunity_id, stage_step, outcome, strftime(close_date, '%Y-%m-%d') as close_date, pipeline, account_known from stg_opportunities order by 1"),
    ).toEqual([
      { opportunity_id: "1", stage_step: "negotiation", outcome: "won", close_date: "2026-02-10", pipeline: "Sales", account_known: true },
      { opportunity_id: "2", stage_step: "proposal", outcome: "lost", close_date: "2026-02-20", pipeline: "Sales", account_known: true },
      { opportunity_id: "3", stage_step: "opportunity", outcome: "open", close_date: "2026-04-30", pipeline: "Sales", account_known: true },
      { opportunity_id: "5", stage_step: "discovery", outcome: "open", close_date: "2026-05-31", pipeline: "Partners", account_known: false },
    ]);
    expect(await query(warehouse, "select n_closed, won from mart_win_rate where period_type = 'all' and dimension = 'overall'")).toEqual([{ n_closed: 2, won: 1 }]);
  });

  it("keeps the EUR deal with its amount unknown, and names the rate to set", async () => {
    expect(await query(warehouse, "select kind, value, config_line from mart_unmapped_values where kind = 'currency'")).toEqual([
      { kind: "currency", value: "EUR", config_line: '"exchangeRates": {"EUR": ?}' },
    ]);
  });
});
