/** Parquet input (a warehouse extract, a table dumped from Postgres): read like a CSV, every column as text. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, queryValue, quoteIdentifier } from "../duckdb.ts";
import { numberRows, storedTable } from "./raw-table.ts";
import { firstLine, IngestError, type LoadedCsv } from "./types.ts";

/**
 * Load a Parquet file (a warehouse extract, or a table dumped from Postgres) like a CSV: every column as
 * text, numbered and hashed, so staging parses and validates it the same way.
 */
export async function loadParquetFile(connection: DuckDBConnection, table: string, path: string, fileLabel: string): Promise<LoadedCsv> {
  try {
    await connection.run(
      `create or replace table ${quoteIdentifier(storedTable(table))} as
       select $file as _source_file, hash(*columns(*)) as _row_hash, columns(*)::varchar
       from read_parquet($path)`,
      { path, file: fileLabel },
    );
    await numberRows(connection, table);
  } catch (error) {
    throw new IngestError(`${fileLabel}: cannot read it as Parquet: ${firstLine(error)}`, fileLabel);
  }
  const columns = await queryRows<{ column_name: string }>(
    connection,
    "select column_name from duckdb_columns() where table_name = $table and column_index > 3 order by column_index",
    { table },
  );
  const rowsRead = Number(await queryValue(connection, `select count(*) from ${quoteIdentifier(table)}`));
  return { header: columns.map((c) => c.column_name), rowsRead, note: "Parquet" };
}
