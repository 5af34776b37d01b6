// The scaffold of `npm run new:metric` must produce a model that builds, a documented mart, and a test
// that passes once its fixture is filled in (the scaffold's fixture is already filled in for its example).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { metricScaffold } from "../data-loaders/scaffold.ts";
import { createMacros, listModels, parseModel, runModels } from "../data-loaders/warehouse/models.ts";
import { loadConfig, writeConfigTables } from "../data-loaders/config.ts";
import { writeSourceFiles } from "../data-loaders/warehouse/build.ts";
import { closeDatabase, openDatabase, queryRows } from "../data-loaders/duckdb.ts";
import { ensureQuarantineTable } from "../data-loaders/ingest/raw-table.ts";
import { loadExports } from "../data-loaders/ingest/sources.ts";
import { tempDir } from "./helpers.ts";

describe("metricScaffold(name)", () => {
  it("refuses a name that is not a plain identifier", () => {
    expect(() => metricScaffold("Win Rate!")).toThrow(/lower case letters, digits and underscores/);
  });

  it("writes a model that runs with the real models, documents its columns, and gives what its test expects", async () => {
    const files = metricScaffold("deals_closed");
    expect(Object.keys(files)).toEqual([
      "data-loaders/models/marts/mart_deals_closed.sql",
      "test/models/mart_deals_closed.test.ts",
      "test/fixtures/mart_deals_closed/Opportunity.csv",
      "test/fixtures/mart_deals_closed/README.md",
      "src/components/dealsClosedChart.ts",
    ]);
    const exportsDir = tempDir();
    writeFileSync(join(exportsDir, "Opportunity.csv"), files["test/fixtures/mart_deals_closed/Opportunity.csv"]!);
    const model = parseModel("mart_deals_closed", "marts", "scaffold", files["data-loaders/models/marts/mart_deals_closed.sql"]!);
    expect(model.description).toMatch(/^One row per quarter/);
    const db = await openDatabase(":memory:");
    try {
      await writeConfigTables(db, loadConfig());
      await createMacros(db);
      await ensureQuarantineTable(db);
      const loaded = await loadExports(db, exportsDir, loadConfig());
      await writeSourceFiles(db, loaded.files);
      expect(loaded.files.length).toBe(1);
      const models = listModels();
      model.dependsOn = model.dependsOn.filter((d) => models.some((m) => m.name === d));
      await runModels(db, [...models, model]);
      const rows = await queryRows(db, "select period_key, closed_deals, won_deals, win_rate from mart_deals_closed");
      expect(rows).toEqual([{ period_key: "2026-Q1", closed_deals: 2, won_deals: 1, win_rate: 0.5 }]);
      const columns = await queryRows<{ column_name: string }>(db, "select column_name from duckdb_columns() where table_name = 'mart_deals_closed'");
      expect(columns.map((c) => c.column_name)).toEqual(model.columns.map((c) => c.name));
    } finally {
      closeDatabase(db);
    }
  });
});
