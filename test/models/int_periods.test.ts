import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

/** The fixture's dates run 2026-01-05 … 2026-02-28 (the renewal's close date is the as-of date). */
async function periods(fiscalYearStartMonth: number) {
  const config = JSON.parse(readFileSync("data/config.json", "utf8"));
  const configPath = join(tempDir(), "config.json");
  writeFileSync(configPath, JSON.stringify({ ...config, fiscalYearStartMonth }));
  const warehouse = await buildFixture(join(FIXTURES, "salesforce-funnel"), { configPath });
  return query(
    warehouse,
    `select period_type, period_key, strftime(period_start, '%Y-%m-%d') as start, strftime(period_end, '%Y-%m-%d') as "end",
            previous_key, is_complete, period_index
     from int_periods where period_type in ('month', 'quarter', 'year') order by period_type, period_start`,
  );
}

describe("int_periods", () => {
  it("gives calendar months, quarters and years when the fiscal year starts in January", async () => {
    expect(await periods(1)).toEqual([
      { period_type: "month", period_key: "2026-01", start: "2026-01-01", end: "2026-02-01", previous_key: null, is_complete: true, period_index: 2 },
      { period_type: "month", period_key: "2026-02", start: "2026-02-01", end: "2026-03-01", previous_key: "2026-01", is_complete: true, period_index: 1 },
      { period_type: "quarter", period_key: "2026-Q1", start: "2026-01-01", end: "2026-04-01", previous_key: null, is_complete: false, period_index: 1 },
      { period_type: "year", period_key: "2026", start: "2026-01-01", end: "2027-01-01", previous_key: null, is_complete: false, period_index: 1 },
    ]);
  });

  it("names a fiscal year starting in April by the year it ends in: Jan–Feb 2026 is FY2026 Q4", async () => {
    const rows = await periods(4);
    expect(rows.filter((r) => r.period_type !== "month")).toEqual([
      { period_type: "quarter", period_key: "FY2026-Q4", start: "2026-01-01", end: "2026-04-01", previous_key: null, is_complete: false, period_index: 1 },
      { period_type: "year", period_key: "FY2026", start: "2025-04-01", end: "2026-04-01", previous_key: null, is_complete: false, period_index: 1 },
    ]);
  });

  it("names a November-start fiscal year by the year it ends: Nov 2025 – Jan 2026 is FY2026-Q1", async () => {
    const rows = await periods(11);
    // November start: Nov 2025–Jan 2026 is FY2026-Q1 (the year ends Oct 2026); February 2026 opens Q2.
    expect(rows.filter((r) => r.period_type === "quarter").map((r) => [r.period_key, r.start])).toEqual([
      ["FY2026-Q1", "2025-11-01"],
      ["FY2026-Q2", "2026-02-01"],
    ]);
  });

  it("names each period's last day and the quarter holding it, by the fiscal year", async () => {
    // Fiscal year from April: February 2026 is in FY2026-Q4 (Jan–Mar); ISO week 2026-W06 starts Mon 2 Feb.
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    const configPath = join(tempDir(), "config.json");
    writeFileSync(configPath, JSON.stringify({ ...config, fiscalYearStartMonth: 4 }));
    const warehouse = await buildFixture(join(FIXTURES, "salesforce-funnel"), { configPath });
    const rows = await query(
      warehouse,
      `select period_type, period_key, strftime(period_last_day, '%Y-%m-%d') as last_day, quarter_key
       from int_periods where period_key in ('2026-W06', '2026-02', 'FY2026-Q4', 'FY2026') order by period_type`,
    );
    expect(rows).toEqual([
      { period_type: "month", period_key: "2026-02", last_day: "2026-02-28", quarter_key: "FY2026-Q4" },
      { period_type: "quarter", period_key: "FY2026-Q4", last_day: "2026-03-31", quarter_key: "FY2026-Q4" },
      { period_type: "week", period_key: "2026-W06", last_day: "2026-02-08", quarter_key: "FY2026-Q4" },
      // A year's quarter is its first: April–June 2025.
      { period_type: "year", period_key: "FY2026", last_day: "2026-03-31", quarter_key: "FY2026-Q1" },
    ]);
  });
});
