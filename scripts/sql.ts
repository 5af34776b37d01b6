/**
 * npm run sql -- "select …" [--warehouse FILE] [--json]
 * Query the built warehouse from the shell, read-only. The warehouse is a public interface: see
 * docs/warehouse.md for every table.
 */
import { parseArgs } from "node:util";
import { queryRows, withConnection } from "../data-loaders/duckdb.ts";
import { DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { warehouse: { type: "string", default: DEFAULT_WAREHOUSE }, json: { type: "boolean", default: false } },
});
const sql = positionals.join(" ");
if (!sql) {
  console.error('usage: npm run sql -- "select * from mart_funnel limit 10" [--warehouse FILE] [--json]');
  process.exit(2);
}
try {
  const readOnly = values.warehouse !== ":memory:";
  const rows = await withConnection(values.warehouse, (db) => queryRows(db, sql), { readOnly });
  if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else console.table(rows);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
