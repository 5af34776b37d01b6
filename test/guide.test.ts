// docs/adding-a-metric.md's worked example, run as the guide says: its SQL block as a mart, on the
// fixture the guide describes, giving the numbers the guide states.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, writeConfigTables } from "../data-loaders/config.ts";
import { closeDatabase, openDatabase, queryRows } from "../data-loaders/duckdb.ts";
import { ensureQuarantineTable } from "../data-loaders/ingest/raw-table.ts";
import { loadExports } from "../data-loaders/ingest/sources.ts";
import { createMacros, listModels, parseModel, runModels } from "../data-loaders/warehouse/models.ts";
import { writeSourceFiles } from "../data-loaders/warehouse/build.ts";
import { tempDir } from "./helpers.ts";

describe("the 'Adding a metric' guide", () => {
  it("runs its worked example and gets the numbers it states", async () => {
    const guide = readFileSync("docs/adding-a-metric.md", "utf8");
    const sql = /<!-- the guide test runs this block -->\n```sql\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(sql).toBeDefined();
    const exportsDir = tempDir();
    writeFileSync(
      join(exportsDir, "opportunities.csv"),
      [
        "opportunity_id,stage_name,amount,close_date,created_at,segment",
        "o1,Closed Won,1000,2026-01-20,2026-01-02,GTX",
        "o2,Closed Won,3000,2026-02-20,2026-01-03,GTX",
        "o3,Closed Won,500,2026-03-20,2026-01-04,MG",
        "o4,Closed Lost,9000,2026-03-21,2026-01-05,MG",
      ].join("\n") + "\n",
    );
    const model = parseModel("mart_deal_size_by_product", "marts", "docs/adding-a-metric.md", sql!);
    const db = await openDatabase(":memory:");
    try {
      const config = loadConfig();
      await writeConfigTables(db, config);
      await createMacros(db);
      await ensureQuarantineTable(db);
      await writeSourceFiles(db, (await loadExports(db, exportsDir, config)).files);
      const models = listModels();
      model.dependsOn = model.dependsOn.filter((d) => models.some((m) => m.name === d));
      await runModels(db, [...models, model]);
      expect(await queryRows(db, "select period_key, product_line, won_deals, bookings, average_deal_size from mart_deal_size_by_product")).toEqual([
        { period_key: "2026-Q1", product_line: "GTX", won_deals: 2, bookings: 4000, average_deal_size: 2000 },
        { period_key: "2026-Q1", product_line: "MG", won_deals: 1, bookings: 500, average_deal_size: 500 },
      ]);
      expect(model.columns.map((c) => c.name)).toEqual(["period_key", "period_start", "product_line", "won_deals", "bookings", "average_deal_size"]);
    } finally {
      closeDatabase(db);
    }
  });
});
