// Invariants every mart must keep, on the bundled sample and on every dataset in ../shared/real-data:
// rates are shares in [0, 1], intervals contain their rates, rates agree with their counts, and counts
// add up across cuts. A mart that breaks one on any export is wrong, whatever its own test says.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, REAL_DATA, SKIP_REAL_DATA } from "../helpers.ts";

const DATASETS: Array<{ name: string; exports: string; mappingPath?: string; real?: boolean }> = [
  { name: "bundled sample", exports: "data/exports/sample" },
  { name: "Maven CRM", exports: join(REAL_DATA, "maven-crm-sales-opportunities"), mappingPath: "data/mappings/maven-crm.json", real: true },
  { name: "IBM win-loss", exports: join(REAL_DATA, "ibm-sales-win-loss"), mappingPath: "data/mappings/ibm-win-loss.json", real: true },
  { name: "Salesforce demo", exports: join(REAL_DATA, "salesforce-export-demo"), real: true },
  { name: "HubSpot fixture", exports: join(FIXTURES, "hubspot") },
];

/** Columns that hold a share of something: in [0, 1] wherever they are not null. */
const SHARE = /(^|_)(rate|conversion|yield|share)(_|$)|^conversion|^share_/;
/** Shares by name that are not shares: relative changes and gaps can be negative or above 1. */
const NOT_A_SHARE = /change_rate|change_points|_note$|relative_gap|^gap$|attainment|coverage|velocity|share_ratio/;

// The real datasets' rows are skipped when the folder is absent (see test/helpers.ts).
describe.each(DATASETS.filter((d) => !(d.real && SKIP_REAL_DATA)))("mart invariants on $name", ({ exports, mappingPath }) => {
  let warehouse: string;
  let columns: Array<{ table_name: string; column_name: string }>;

  beforeAll(async () => {
    if (!existsSync(exports)) throw new Error(`dataset absent: ${exports} (REAL_DATA, or ../shared/real-data beside the checkout as in CI)`);
    warehouse = await buildFixture(exports, { mappingPath });
    columns = await query(
      warehouse,
      "select table_name, column_name from duckdb_columns() where starts_with(table_name, 'mart_') order by table_name, column_index",
    );
  }, 120_000);

  it("keeps every share between 0 and 1", async () => {
    const shares = columns.filter((c) => SHARE.test(c.column_name) && !NOT_A_SHARE.test(c.column_name));
    expect(shares.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const { table_name, column_name } of shares) {
      const [row] = await query<{ bad: number }>(
        warehouse,
        `select count(*)::integer as bad from "${table_name}" where "${column_name}" < -1e-9 or "${column_name}" > 1 + 1e-9`,
      );
      if (row!.bad > 0) broken.push(`${table_name}.${column_name}: ${row!.bad} rows outside [0, 1]`);
    }
    expect(broken).toEqual([]);
  });

  it("draws every interval around its rate", async () => {
    const broken: string[] = [];
    for (const { table_name, column_name } of columns.filter((c) => c.column_name.endsWith("_low"))) {
      const rate = column_name.slice(0, -"_low".length);
      if (!columns.some((c) => c.table_name === table_name && c.column_name === rate)) continue;
      const [row] = await query<{ bad: number }>(
        warehouse,
        `select count(*)::integer as bad from "${table_name}"
         where "${rate}" is not null and not ("${column_name}" <= "${rate}" + 1e-9 and "${rate}" <= "${rate}_high" + 1e-9)`,
      );
      if (row!.bad > 0) broken.push(`${table_name}.${rate}: ${row!.bad} rows outside their interval`);
    }
    expect(broken).toEqual([]);
  });

  it("gives win rates that agree with their counts, and counts that add up across cuts", async () => {
    const [disagree] = await query<{ n: number }>(
      warehouse,
      `select count(*)::integer as n from mart_win_rate
       where won + lost <> n_closed or abs(win_rate - won / n_closed) > 1e-9`,
    );
    expect(disagree).toEqual({ n: 0 });
    // Every deal has exactly one channel and one tier: those cuts sum to the overall row.
    const [unbalanced] = await query<{ n: number }>(
      warehouse,
      `with overall as (select period_type, period_key, n_closed from mart_win_rate where dimension = 'overall'),
            cuts as (select period_type, period_key, dimension, sum(n_closed) as n from mart_win_rate
                     where dimension in ('channel', 'tier') group by all)
       select count(*)::integer as n from cuts join overall using (period_type, period_key) where cuts.n <> overall.n_closed`,
    );
    expect(unbalanced).toEqual({ n: 0 });
    // A deal with several competitors counts once for each: the competitor cut can only add up to more.
    const [competitors] = await query<{ n: number }>(
      warehouse,
      `with overall as (select period_type, period_key, n_closed from mart_win_rate where dimension = 'overall'),
            cuts as (select period_type, period_key, sum(n_closed) as n from mart_win_rate where dimension = 'competitor' group by all)
       select count(*)::integer as n from cuts join overall using (period_type, period_key) where cuts.n < overall.n_closed`,
    );
    expect(competitors).toEqual({ n: 0 });
  });

  it("keeps the funnel monotone and its conversions equal to advanced ÷ reached", async () => {
    const [rows] = await query<{ bad: number }>(
      warehouse,
      `select count(*)::integer as bad from mart_funnel
       where advanced > reached or dropped <> reached - advanced
          or (reached > 0 and abs(conversion_to_next - advanced / reached) > 1e-9)`,
    );
    expect(rows).toEqual({ bad: 0 });
    const [steps] = await query<{ bad: number }>(
      warehouse,
      `with totals as (select step_order, sum(reached) as reached, sum(advanced) as advanced from mart_funnel group by 1)
       select count(*)::integer as bad from totals as this join totals as next on next.step_order = this.step_order + 1
       where next.reached < this.advanced`,
    );
    expect(steps).toEqual({ bad: 0 });
  });

  it("reconciles every file: rows read = loaded + quarantined", async () => {
    const [row] = await query<{ bad: number; files: number }>(
      warehouse,
      `select count(*) filter (where rows_read <> rows_loaded + rows_quarantined)::integer as bad,
              count(*) filter (where rows_read is not null)::integer as files
       from mart_data_quality`,
    );
    expect(row!.bad).toBe(0);
    expect(row!.files).toBeGreaterThan(0);
  });
});
