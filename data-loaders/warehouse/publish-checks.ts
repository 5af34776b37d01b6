/**
 * The checks a scheduled rebuild runs on a new warehouse before it replaces the published site: the data
 * it describes, not the code (the tests check the code). A new build is published only when
 * - every file reconciles: rows read = rows loaded + rows quarantined;
 * - its as-of date moved forward from the published one's (older or the same exports are nothing new);
 * - no object's rows loaded shrank by more than `maxShrink` (a truncated or filtered export);
 * - no mart is empty that the published build had rows in.
 * The summary of a published build travels with its site (data-checks.json) and is what the next build
 * is compared with.
 */
import { queryRows, queryValue, quoteIdentifier, withConnection } from "../duckdb.ts";

export interface DataSummary {
  as_of: string;
  /** Rows loaded per object the export feeds (leads, opportunities, …). */
  rows_loaded: Record<string, number>;
  /** Rows per mart. */
  mart_rows: Record<string, number>;
  /** Files whose rows read ≠ rows loaded + rows quarantined. */
  unreconciled: string[];
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

/** What a warehouse holds, as the checks compare it. */
export async function summarize(warehouse: string): Promise<DataSummary> {
  return withConnection(
    warehouse,
    async (db) => {
      const asOf = await queryValue<string>(db, "select strftime(as_of, '%Y-%m-%d') from int_as_of");
      const loaded = await queryRows<{ entity: string; rows: number }>(
        db,
        "select entity, sum(rows_loaded)::integer as rows from mart_data_quality where entity is not null group by entity order by entity",
      );
      const unreconciled = await queryRows<{ source_file: string }>(
        db,
        "select source_file from mart_data_quality where rows_read is not null and rows_read <> rows_loaded + rows_quarantined order by 1",
      );
      // Mart names come from the warehouse's own catalog, quoted as identifiers.
      const marts = await queryRows<{ name: string }>(
        db,
        "select table_name as name from duckdb_tables() where starts_with(table_name, 'mart_') order by 1",
      );
      const martRows: Record<string, number> = {};
      for (const { name } of marts) {
        martRows[name] = Number(await queryValue(db, `select count(*) from ${quoteIdentifier(name)}`));
      }
      return {
        as_of: asOf,
        rows_loaded: Object.fromEntries(loaded.map((r) => [r.entity, r.rows])),
        mart_rows: martRows,
        unreconciled: unreconciled.map((r) => r.source_file),
      };
    },
    { readOnly: true },
  );
}

/** The checks of a new build against the published one (`previous` null: nothing published yet). */
export function checkForPublishing(current: DataSummary, previous: DataSummary | null, { maxShrink = 0.1 } = {}): Check[] {
  const checks: Check[] = [
    {
      name: "reconciles",
      passed: current.unreconciled.length === 0,
      detail: current.unreconciled.length
        ? `rows read ≠ loaded + quarantined in ${current.unreconciled.join(", ")}`
        : "every file: rows read = loaded + quarantined",
    },
  ];
  if (!previous) {
    checks.push({ name: "first publication", passed: true, detail: `as of ${current.as_of}; nothing published to compare with` });
    return checks;
  }
  checks.push({
    name: "as-of moved forward",
    passed: current.as_of > previous.as_of,
    detail:
      current.as_of > previous.as_of
        ? `as of ${current.as_of}, after the published ${previous.as_of}`
        : `as of ${current.as_of}, not after the published ${previous.as_of}: the exports are not newer than the published ones`,
  });
  const shrunk = Object.entries(previous.rows_loaded)
    .filter(([, before]) => before > 0)
    .map(([entity, before]) => ({ entity, before, now: current.rows_loaded[entity] ?? 0 }))
    .filter(({ before, now }) => now < before * (1 - maxShrink));
  checks.push({
    name: "no object shrank",
    passed: shrunk.length === 0,
    detail: shrunk.length
      ? shrunk.map(({ entity, before, now }) => `${entity}: ${now} rows loaded, down from ${before} (more than ${Math.round(maxShrink * 100)}% fewer)`).join("; ")
      : `no object lost more than ${Math.round(maxShrink * 100)}% of its rows`,
  });
  const emptied = Object.entries(previous.mart_rows)
    .filter(([mart, before]) => before > 0 && (current.mart_rows[mart] ?? 0) === 0)
    .map(([mart]) => mart);
  checks.push({
    name: "no mart emptied",
    passed: emptied.length === 0,
    detail: emptied.length ? `empty now, not before: ${emptied.join(", ")}` : "every mart with rows before still has rows",
  });
  return checks;
}
