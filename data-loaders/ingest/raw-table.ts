/**
 * Raw tables: a file's rows as text, stored as read, numbered in file order, hashed whole; and the
 * quarantine every staging model and the CSV reader set rows aside into.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdentifier } from "../duckdb.ts";

/** Where a file's rows are stored; `table` itself is the view over it that numbers them. */
export function storedTable(table: string): string {
  return `${table}__stored`;
}

/**
 * Make `table` the stored rows numbered in file order (`_source_row`, from 1). A table created from a
 * scan keeps the scan's order (DuckDB preserves insertion order), so its rowid is the record's position
 * in the file: free, where `row_number() over ()` in the load serialised it and cost a third of the read.
 */
export async function numberRows(connection: DuckDBConnection, table: string): Promise<void> {
  await connection.run(
    `create or replace view ${quoteIdentifier(table)} as
     select _source_file, rowid + 1 as _source_row, * exclude (_source_file) from ${quoteIdentifier(storedTable(table))}`,
  );
}

/** The quarantine: every row set aside, by whom, from which file and row, and why. */
export async function ensureQuarantineTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `create table if not exists dq_quarantine (model varchar, source_file varchar, source_row bigint, record_id varchar, reason varchar)`,
  );
}
