import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalFormatDoc, warehouseDoc } from "../data-loaders/docs.ts";
import { listModels } from "../data-loaders/warehouse/models.ts";
import { buildFixture, FIXTURES, query } from "./helpers.ts";

describe("generated documentation", () => {
  it("is up to date: run `npm run docs` after changing a model or the canonical contract", () => {
    expect(readFileSync("docs/canonical-format.md", "utf8")).toBe(canonicalFormatDoc());
    expect(readFileSync("docs/warehouse.md", "utf8")).toBe(warehouseDoc());
  });

  describe("every model documents what one row is and every column it has", () => {
    let warehouse: string;
    beforeAll(async () => {
      warehouse = await buildFixture(join(FIXTURES, "salesforce-funnel"));
    });

    it("has a header saying what one row is", () => {
      const undescribed = listModels().filter((m) => !/one row|one\s+row/i.test(m.description)).map((m) => m.name);
      expect(undescribed).toEqual([]);
    });

    it("describes exactly the columns the table has", async () => {
      const actual = await query<{ table_name: string; column_name: string }>(
        warehouse,
        "select table_name, column_name from duckdb_columns() where not starts_with(column_name, '_') order by table_name, column_index",
      );
      const mismatches: string[] = [];
      for (const model of listModels()) {
        const columns = actual.filter((c) => c.table_name === model.name).map((c) => c.column_name);
        const documented = model.columns.map((c) => c.name);
        const missing = columns.filter((c) => !documented.includes(c));
        const extra = documented.filter((c) => !columns.includes(c));
        if (missing.length) mismatches.push(`${model.name}: undocumented ${missing.join(", ")}`);
        if (extra.length) mismatches.push(`${model.name}: documented but absent ${extra.join(", ")}`);
      }
      expect(mismatches).toEqual([]);
    });
  });
});

describe("the README and docs/", () => {
  // A clone is all a reader has: every relative link must land on a file in the repository.
  it("link only to files the repository holds", () => {
    const pages = ["README.md", ...readdirSync("docs").filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
    const broken = pages.flatMap((page) =>
      [...readFileSync(page, "utf8").matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^[a-z]+:/i.test(target))
        .filter((target) => {
          const file = resolve(dirname(page), decodeURI(target));
          return !file.startsWith(`${process.cwd()}/`) || !existsSync(file);
        })
        .map((target) => `${page} → ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
