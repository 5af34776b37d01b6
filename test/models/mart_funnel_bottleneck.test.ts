import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, query, tempDir } from "../helpers.ts";

// A canonical-format export built here so every count is visible. Five quarters, 2025-Q1 … 2026-Q1, each
// with 20 leads created on the 6th day of the quarter: 10 become MQLs 10 days later, and of those
// 8 (baseline quarters) or 4 (2026-Q1) become SQLs 5 days after that. One more 2026-Q1 lead becomes
// an MQL only after 100 days: past the 90-day window. One lead created 2026-07-15 sets the as-of date,
// so 2026-Q1 (ended 2026-04-01, + 90 days = 2026-06-30) is the latest matured quarter.
//
//   lead → MQL, 2026-Q1:  10 of 21 = 0.476;  baseline 2025-Q1..Q4: 40 of 80 = 0.5   → relative gap −4.8%
//   MQL → SQL,  2026-Q1:   4 of 10 = 0.4;    baseline:              32 of 40 = 0.8   → relative gap −50%: the bottleneck
function exportsDir(sqlsInLastQuarter = 4): string {
  const day = (date: Date, plus: number) => new Date(date.getTime() + plus * 86_400_000).toISOString().slice(0, 10);
  const rows = ["lead_id,status,created_at,mql_at,sql_at,lead_source"];
  let id = 0;
  const quarters = ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01"];
  for (const [q, start] of quarters.entries()) {
    const created = new Date(`${start}T00:00:00Z`);
    const sqls = q === 4 ? sqlsInLastQuarter : 8;
    for (let i = 0; i < 20; i++) {
      const mql = i < 10 ? day(created, 15) : "";
      const sql = i < sqls ? day(created, 20) : "";
      const status = sql ? "Sales Qualified" : mql ? "Marketing Qualified" : "Working - Contacted";
      rows.push(`L${++id},${status},${day(created, 5)},${mql},${sql},Web`);
    }
  }
  rows.push(`L${++id},Marketing Qualified,2026-01-06,2026-04-16,,Web`);
  rows.push(`L${++id},Working - Contacted,2026-07-15,,,Web`);
  const dir = tempDir();
  writeFileSync(join(dir, "leads.csv"), rows.join("\n") + "\n");
  return dir;
}

describe("mart_step_conversion and mart_funnel_bottleneck", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(exportsDir());
  });

  it("counts conversions within the window per matured quarter", async () => {
    const rows = await query(
      warehouse,
      `select step, period_key, entered, converted from mart_step_conversion
       where channel = 'all' and step in ('lead', 'mql') order by step_order, period_start`,
    );
    expect(rows).toEqual([
      { step: "lead", period_key: "2025-Q1", entered: 20, converted: 10 },
      { step: "lead", period_key: "2025-Q2", entered: 20, converted: 10 },
      { step: "lead", period_key: "2025-Q3", entered: 20, converted: 10 },
      { step: "lead", period_key: "2025-Q4", entered: 20, converted: 10 },
      { step: "lead", period_key: "2026-Q1", entered: 21, converted: 10 },
      { step: "mql", period_key: "2025-Q1", entered: 10, converted: 8 },
      { step: "mql", period_key: "2025-Q2", entered: 10, converted: 8 },
      { step: "mql", period_key: "2025-Q3", entered: 10, converted: 8 },
      { step: "mql", period_key: "2025-Q4", entered: 10, converted: 8 },
      { step: "mql", period_key: "2026-Q1", entered: 10, converted: 4 },
    ]);
  });

  it("marks MQL → SQL as the bottleneck: furthest below its own baseline", async () => {
    const rows = await query(
      warehouse,
      `select step, period_key, conversion, baseline_conversion, reference, relative_gap, is_bottleneck
       from mart_funnel_bottleneck where channel = 'all' and step in ('lead', 'mql', 'sql') order by step_order`,
    );
    expect(rows.map((r) => [r.step, r.period_key, r.reference, r.is_bottleneck])).toEqual([
      ["lead", "2026-Q1", "baseline", false],
      ["mql", "2026-Q1", "baseline", true],
      ["sql", "2026-Q1", "baseline", false],
    ]);
    expect(rows[0]!.conversion).toBeCloseTo(10 / 21);
    expect(rows[0]!.relative_gap).toBeCloseTo(10 / 21 / 0.5 - 1);
    expect(rows[1]!.conversion).toBeCloseTo(0.4);
    expect(rows[1]!.baseline_conversion).toBeCloseTo(0.8);
    expect(rows[1]!.relative_gap).toBeCloseTo(-0.5);
    // SQL → opportunity never happens here: no reference to fall below, so no relative gap.
    expect(rows[2]!.relative_gap).toBeNull();
  });

  it("flags a step only when its interval lies below the baseline; a smaller dip is the lowest step, within noise", async () => {
    // MQL → SQL at 4 of 10: the 95% interval (16.8%–68.7%) lies below the baseline 80%: the bottleneck.
    const [significant] = await query(warehouse, "select conversion_high, below_reference, is_lowest, is_bottleneck from mart_funnel_bottleneck where channel = 'all' and step = 'mql'");
    expect(significant).toMatchObject({ below_reference: true, is_lowest: true, is_bottleneck: true });
    expect(significant!.conversion_high).toBeCloseTo(0.6873, 3);
    // At 7 of 10 the interval (39.7%–89.2%) holds the baseline 80%: the lowest step, not a bottleneck.
    const noisy = await buildFixture(exportsDir(7));
    const [dip] = await query(noisy, "select conversion, conversion_high, below_reference, is_lowest, is_bottleneck from mart_funnel_bottleneck where channel = 'all' and step = 'mql'");
    expect(dip).toMatchObject({ conversion: 0.7, below_reference: false, is_lowest: true, is_bottleneck: false });
    expect(dip!.conversion_high).toBeCloseTo(0.8922, 3);
    expect(await query(noisy, "select count(*)::integer as n from mart_funnel_bottleneck where is_bottleneck")).toEqual([{ n: 0 }]);
  });

  it("measures time in step on recorded dates: lead → MQL takes 10 days, MQL → SQL 5", async () => {
    const rows = await query(
      warehouse,
      `select step, n, median_days, p75_days from mart_stage_duration where channel = 'all' and step in ('lead', 'mql') order by step_order`,
    );
    expect(rows).toEqual([
      { step: "lead", n: 51, median_days: 10, p75_days: 10 },
      { step: "mql", n: 36, median_days: 5, p75_days: 5 },
    ]);
  });
});
