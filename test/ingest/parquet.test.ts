// The same tables from Parquet (how a cloud warehouse or a Postgres dump hands data over): the canonical
// adapter reads `<entity>.parquet` like `<entity>.csv`, and the same SQL runs downstream.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withConnection } from "../../data-loaders/duckdb.ts";
import { buildFixture, query, tempDir } from "../helpers.ts";

describe("canonical export as Parquet", () => {
  it("loads typed Parquet columns and computes the same marts as from CSV", async () => {
    const dir = tempDir();
    // Write the Parquet files with DuckDB itself, with real types (dates, doubles, booleans), as a warehouse would.
    await withConnection(":memory:", async (db) => {
      await db.run(`copy (select * from (values
          ('o1', 'Closed Won', 1200.5, date '2026-02-01', timestamp '2026-01-05 10:00:00', true, true),
          ('o2', 'Closed Lost', 300.0, date '2026-02-03', timestamp '2026-01-06 10:00:00', true, false),
          ('o3', 'Qualification', 50.0, date '2026-03-31', timestamp '2026-01-07 10:00:00', false, false)
        ) as t(opportunity_id, stage_name, amount, close_date, created_at, is_closed, is_won))
        to '${join(dir, "opportunities.parquet")}' (format parquet)`);
    });
    const warehouse = await buildFixture(dir);
    expect(
      await query(warehouse, "select opportunity_id, outcome, amount, strftime(close_date, '%Y-%m-%d') as close_date from stg_opportunities order by 1"),
    ).toEqual([
      { opportunity_id: "o1", outcome: "won", amount: 1200.5, close_date: "2026-02-01" },
      { opportunity_id: "o2", outcome: "lost", amount: 300, close_date: "2026-02-03" },
      { opportunity_id: "o3", outcome: "open", amount: 50, close_date: "2026-03-31" },
    ]);
    const [overall] = await query(warehouse, "select n_closed, won, win_rate from mart_win_rate where dimension = 'overall' and period_type = 'all'");
    expect(overall).toEqual({ n_closed: 2, won: 1, win_rate: 0.5 });
    expect(await query(warehouse, "select source_file, rows_read, rows_loaded, note from mart_data_quality")).toEqual([
      { source_file: "opportunities.parquet", rows_read: 3, rows_loaded: 3, note: "Parquet" },
    ]);
  });
});
