import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, withConnection } from "../../data-loaders/duckdb.ts";
import { listModels } from "../../data-loaders/warehouse/models.ts";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/salesforce-funnel sets two rows aside (see test/models/mart_funnel.test.ts):
//   Lead.csv row 7          00Q000000000006AAA repeated word for word → exact duplicate of an earlier row
//   Opportunity.csv row 6   006000000000006AAA with amount "n/a" → unparseable amount
// (row 5, in the unmapped stage "Stalled", is kept: only its funnel step is unknown)
describe("mart_quarantine_reasons", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(`${FIXTURES}/salesforce-funnel`);
  });

  it("has one row per file, model and reason, with the count and the examples", async () => {
    const rows = await query(warehouse, "select * from mart_quarantine_reasons order by source_file");
    expect(rows).toEqual([
      {
        source_file: "Lead.csv",
        model: "stg_leads",
        reason: "exact duplicate of an earlier row",
        rows_quarantined: 1,
        example_record_ids: "00Q000000000006AAA",
        example_rows: "7",
      },
      {
        source_file: "Opportunity.csv",
        model: "stg_opportunities",
        reason: "unparseable amount in amount",
        rows_quarantined: 1,
        example_record_ids: "006000000000006AAA",
        example_rows: "6",
      },
    ]);
  });

  it("reconciles with mart_data_quality: every quarantined row of a file is under one reason", async () => {
    const rows = await query(
      warehouse,
      `select files.source_file, files.rows_quarantined, coalesce(sum(reasons.rows_quarantined), 0)::integer as by_reason
       from mart_data_quality as files
       left join mart_quarantine_reasons as reasons using (source_file)
       group by all having files.rows_quarantined <> by_reason`,
    );
    expect(rows).toEqual([]);
  });

  it("gives at most five examples, in file order, however many rows share a reason", async () => {
    // The model's own SQL over eight quarantined rows of one reason; odd rows have no record id.
    const model = listModels().find((m) => m.name === "mart_quarantine_reasons")!;
    const rows = await withConnection(":memory:", async (db) => {
      await db.run(
        `create table dq_quarantine as
         select 'stg_leads' as model, 'Lead.csv' as source_file, (9 - i)::bigint as source_row,
                case when (9 - i) % 2 = 0 then 'L' || (9 - i) end as record_id, 'missing id' as reason
         from range(1, 9) as t(i)`,
      );
      return queryRows(db, model.sql);
    });
    expect(rows).toEqual([
      {
        source_file: "Lead.csv",
        model: "stg_leads",
        reason: "missing id",
        rows_quarantined: 8,
        example_record_ids: "L2, L4",
        example_rows: "1, 2, 3, 4, 5",
      },
    ]);
  });
});
