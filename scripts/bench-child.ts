/**
 * The two measurements scripts/bench.ts runs in a process of their own, so that their peak memory is
 * theirs alone. Each prints one line of JSON on stdout; progress and errors go to stderr.
 *
 *   node --import tsx scripts/bench-child.ts floor --exports DIR --db FILE
 *     The floor: DuckDB's plain CSV reader loading each export file the warehouse reads into a table,
 *     once, in one fresh database file (`create table t as select * from read_csv(path)`).
 *   node --import tsx scripts/bench-child.ts warehouse --exports DIR --out FILE
 *     The warehouse build, forced (buildWarehouse with force: true).
 *   node --import tsx scripts/bench-child.ts startup     (with WAREHOUSE set)
 *     What every loader pays before its query: Node, tsx, @duckdb/node-api and opening the warehouse
 *     read-only, as src/data loaders do; it runs no query and prints nothing. Timed from outside.
 *
 * Times are taken inside the process, around the work only (module loading excluded), the same way for
 * both, so that their ratio compares DuckDB work with DuckDB work.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
// Each mode imports only what it needs (dynamic imports), so that "startup" costs what a loader's start costs.

const USAGE = "usage: bench-child.ts floor --exports DIR --db FILE | warehouse --exports DIR --out FILE | startup";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { exports: { type: "string" }, db: { type: "string" }, out: { type: "string" } },
  });
  const [mode] = positionals;
  if (mode === "startup") {
    const { readWarehouse } = await import("../data-loaders/site/warehouse.ts");
    await readWarehouse(async () => null);
    return;
  }
  if (!values.exports) throw new Error(`--exports is required\n${USAGE}`);
  if (mode === "floor") {
    if (!values.db) throw new Error(`--db is required\n${USAGE}`);
    print(await floor(values.exports, values.db));
  } else if (mode === "warehouse") {
    if (!values.out) throw new Error(`--out is required\n${USAGE}`);
    print(await warehouse(values.exports, values.out));
  } else {
    throw new Error(USAGE);
  }
}

async function floor(exportsDir: string, db: string) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const { SALESFORCE_OBJECTS } = await import("../data-loaders/ingest/salesforce.ts");
  // The floor reads the files the warehouse reads: the Salesforce objects (the sample's Contact.csv is not one).
  const objects = new Set(SALESFORCE_OBJECTS.map((o) => o.object.toLowerCase()));
  const csv = readdirSync(exportsDir).filter((name) => name.toLowerCase().endsWith(".csv")).sort();
  const used = csv.filter((name) => objects.has(name.replace(/\.csv$/i, "").toLowerCase()));
  if (!used.length) throw new Error(`no export file the warehouse reads in ${exportsDir}`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const files: Array<{ file: string; rows: number; seconds: number }> = [];
  const started = performance.now();
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    for (const [index, file] of used.entries()) {
      const fileStarted = performance.now();
      // The table name is ours (t0, t1, …); the path is a bound value.
      await connection.run(`create table t${index} as select * from read_csv($path)`, { path: join(exportsDir, file) });
      const seconds = (performance.now() - fileStarted) / 1000;
      const reader = await connection.runAndReadAll(`select count(*) from t${index}`);
      files.push({ file, rows: Number(reader.getRows()[0]![0]), seconds });
    }
    await connection.run("checkpoint");
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, maxRssKb: process.resourceUsage().maxRSS, files, skipped: csv.filter((f) => !used.includes(f)) };
}

async function warehouse(exportsDir: string, out: string) {
  const { buildWarehouse } = await import("../data-loaders/warehouse/build.ts");
  const started = performance.now();
  const result = await buildWarehouse({ exportsDir, out, force: true });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, maxRssKb: process.resourceUsage().maxRSS, format: result.format, files: result.files };
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
