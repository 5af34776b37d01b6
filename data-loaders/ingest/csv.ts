/**
 * Reading export files with DuckDB's CSV reader (streaming and parallel; no row-by-row JavaScript) into
 * raw tables, and exposing them to staging as `src_<entity>` views with canonical column names.
 */
import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, queryValue, quoteIdentifier } from "../duckdb.ts";
import { entity, type EntityName } from "./entities.ts";

/** A file the build cannot use. The message names the file, the column and what was expected. */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** The header of a CSV file, as DuckDB's reader sees it. */
export async function readCsvHeader(connection: DuckDBConnection, path: string): Promise<string[]> {
  try {
    const rows = await queryRows<{ column_name: string }>(
      connection,
      "describe select * from read_csv($path, all_varchar = true, header = true)",
      { path },
    );
    return rows.map((row) => row.column_name);
  } catch (error) {
    throw new IngestError(`${basename(path)}: cannot read it as CSV: ${firstLine(error)}`, basename(path));
  }
}

/**
 * Load one file as it is (every value text) into `table`, numbering its records so a quarantined row
 * can be traced back. Returns the number of rows read.
 */
export async function loadRawTable(
  connection: DuckDBConnection,
  table: string,
  path: string,
  fileLabel: string,
): Promise<number> {
  try {
    await connection.run(
      `create or replace table ${quoteIdentifier(table)} as
       select $file as _source_file, row_number() over () as _source_row, *
       from read_csv($path, all_varchar = true, header = true)`,
      { path, file: fileLabel },
    );
  } catch (error) {
    throw new IngestError(`${fileLabel}: cannot read it as CSV: ${firstLine(error)}`, fileLabel);
  }
  return Number(await queryValue(connection, `select count(*) from ${quoteIdentifier(table)}`));
}

/** Where a canonical column comes from: a header name, or several joined by a space (first + last name). */
export type HeaderCandidate = string | string[];

/**
 * Create `src_<entity>` over a raw table: each canonical column from the first of its candidate headers
 * that the file has (matched case-insensitively: Data Loader versions differ in header case), null when
 * it has none. A missing required column stops the build naming the file, the column expected and the
 * columns the file does have.
 */
export async function createSourceView(
  connection: DuckDBConnection,
  entityName: EntityName,
  rawTable: string,
  fileLabel: string,
  candidates: Partial<Record<string, HeaderCandidate[]>>,
  foundColumns: string[],
): Promise<void> {
  const byLowerName = new Map(foundColumns.map((name) => [name.toLowerCase(), name]));
  const resolve = (candidate: HeaderCandidate): string | string[] | undefined => {
    const names = (typeof candidate === "string" ? [candidate] : candidate).map((n) => byLowerName.get(n.toLowerCase()));
    if (names.some((n) => n === undefined)) return undefined;
    return typeof candidate === "string" ? names[0] : (names as string[]);
  };
  const selects = [`_source_file`, `_source_row`];
  for (const column of entity(entityName).columns) {
    const options = candidates[column.name] ?? [];
    const header = options.map(resolve).find((h) => h !== undefined);
    if (header === undefined && column.required) {
      const expected = options.map((o) => (typeof o === "string" ? `"${o}"` : o.map((n) => `"${n}"`).join(" + "))).join(" or ");
      throw new IngestError(
        `${fileLabel}: missing required column ${expected || column.name}, expected to hold the ${column.description}. ` +
          `Columns found: ${foundColumns.join(", ")}`,
        fileLabel,
        column.name,
      );
    }
    selects.push(`${sourceExpression(header)}::varchar as ${column.name}`);
  }
  await connection.run(
    `create or replace view ${quoteIdentifier(`src_${entityName}`)} as select ${selects.join(", ")} from ${quoteIdentifier(rawTable)}`,
  );
}

/** A header column, trimmed, empty as null; several columns (first and last name) joined by a space. */
function sourceExpression(header: string | string[] | undefined): string {
  if (header === undefined) return "null";
  if (typeof header === "string") return `nullif(trim(${quoteIdentifier(header)}), '')`;
  const parts = header.map((h) => `nullif(trim(${quoteIdentifier(h)}), '')`);
  return `nullif(concat_ws(' ', ${parts.join(", ")}), '')`;
}

/** Create an empty `src_<entity>` when the export has no file for it, so staging runs and says so. */
export async function createEmptySourceView(connection: DuckDBConnection, entityName: EntityName): Promise<void> {
  const columns = entity(entityName).columns.map((c) => `null::varchar as ${c.name}`);
  await connection.run(
    `create or replace view ${quoteIdentifier(`src_${entityName}`)} as
     select null::varchar as _source_file, null::bigint as _source_row, ${columns.join(", ")} where false`,
  );
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0] ?? "";
}
