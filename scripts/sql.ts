/**
 * npm run sql — query the built warehouse from the shell, read-only. The warehouse is a public interface:
 * docs/warehouse.md describes every table.
 */
import { parseArgs } from "node:util";
import { queryRows, withConnection, type Row } from "../data-loaders/duckdb.ts";
import { DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { toCsv } from "../src/lib/csv.ts";
import { cli, HELP, usageError } from "./cli.ts";

const USAGE = `
usage: npm run sql -- "select * from mart_funnel limit 10" [--warehouse FILE] [--json | --csv]

  --warehouse FILE   the warehouse to query (default: WAREHOUSE, else ${DEFAULT_WAREHOUSE})
  --json             rows as a JSON array (stdout holds nothing else)
  --csv              rows as CSV with a header
By default rows print as an aligned table, numbers rounded for reading.
`;

const { values, positionals } = cli(USAGE, () =>
  parseArgs({
    allowPositionals: true,
    options: {
      warehouse: { type: "string", default: process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE },
      json: { type: "boolean", default: false },
      csv: { type: "boolean", default: false },
      ...HELP,
    },
  }),
);
const sql = positionals.join(" ");
if (!sql) usageError("no query given", USAGE);
if (values.json && values.csv) usageError("--json and --csv: choose one", USAGE);

// `npm run sql -- … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

try {
  const readOnly = values.warehouse !== ":memory:";
  const rows = await withConnection(values.warehouse, (db) => queryRows(db, sql), { readOnly });
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (values.csv) process.stdout.write(toCsv(rows));
  else process.stdout.write(formatTable(rows));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/** An aligned text table: numbers right-aligned and rounded, text left-aligned, lists joined. */
export function formatTable(rows: Row[]): string {
  if (!rows.length) return "(no rows)\n";
  const columns = Object.keys(rows[0]!);
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
    if (Array.isArray(value)) return value.map(cell).join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value).replace(/\s+/g, " ");
  };
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const numeric = columns.map((c) => rows.every((row) => row[c] === null || typeof row[c] === "number"));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((r) => r[i]!.length))));
  const fit = (text: string, i: number) => {
    const cut = text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text;
    return numeric[i] ? cut.padStart(widths[i]!) : cut.padEnd(widths[i]!);
  };
  const lines = [columns.map(fit), widths.map((w) => "-".repeat(w)), ...cells.map((r) => r.map(fit))];
  return `${lines.map((line) => line.join("  ").trimEnd()).join("\n")}\n(${rows.length} ${rows.length === 1 ? "row" : "rows"})\n`;
}
