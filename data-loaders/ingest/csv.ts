/**
 * Reading export files with DuckDB's CSV reader (streaming and parallel; no row-by-row JavaScript) into
 * raw tables, and exposing them to staging as `src_<entity>` views with canonical column names.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
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

export interface LoadedCsv {
  /** Column names as the file has them. */
  header: string[];
  /** Data rows read (the header excluded). */
  rowsRead: number;
  /** How the file had to be read, when not as plain UTF-8 (for the data-quality page). */
  note: string | null;
}

export interface CsvOptions {
  /** Force a delimiter; by default DuckDB's sniffer finds it (comma, semicolon, tab, pipe). */
  delimiter?: string;
}

/**
 * Load one file as it is (every value text) into `table`, numbering its records so that a quarantined
 * row can be traced back to the file, with a hash of the whole record (`_row_hash`) that tells an exact
 * duplicate row from a different record reusing an id. UTF-8 with or without BOM is read directly; a file that is not
 * UTF-8 (Salesforce's Latin-1 / Windows-1252 exports) is transcoded to a temporary UTF-8 copy first,
 * because DuckDB's own latin-1 reading rejects Windows-1252's bytes 0x80–0x9F (see DESIGN.md).
 */
export async function loadCsvFile(
  connection: DuckDBConnection,
  table: string,
  path: string,
  fileLabel: string,
  options: CsvOptions = {},
): Promise<LoadedCsv> {
  try {
    return await loadUtf8Csv(connection, table, path, fileLabel, options);
  } catch (error) {
    if (!/not utf-8 encoded|invalid unicode/i.test(String((error as Error).message))) {
      throw new IngestError(`${fileLabel}: cannot read it as CSV: ${firstLine(error)}`, fileLabel);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "spd-transcode-"));
  try {
    const utf8 = join(dir, basename(path));
    await transcodeToUtf8(path, utf8, "windows-1252");
    const loaded = await loadUtf8Csv(connection, table, utf8, fileLabel, options);
    return { ...loaded, note: "not UTF-8: read as Windows-1252 (Latin-1)" };
  } catch (error) {
    throw new IngestError(`${fileLabel}: cannot read it as CSV: ${firstLine(error)}`, fileLabel);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadUtf8Csv(
  connection: DuckDBConnection,
  table: string,
  path: string,
  fileLabel: string,
  options: CsvOptions,
): Promise<LoadedCsv> {
  const params = { path, file: fileLabel, ...(options.delimiter ? { delim: options.delimiter } : {}) };
  const reader = options.delimiter
    ? "read_csv($path, all_varchar = true, header = true, delim = $delim)"
    : "read_csv($path, all_varchar = true, header = true)";
  await connection.run(
    `create or replace table ${quoteIdentifier(table)} as
     select $file as _source_file, row_number() over () as _source_row, hash(*columns(*)) as _row_hash, *
     from ${reader}`,
    params,
  );
  const columns = await queryRows<{ column_name: string }>(
    connection,
    "select column_name from duckdb_columns() where table_name = $table and column_index > 3 order by column_index",
    { table },
  );
  const rowsRead = Number(await queryValue(connection, `select count(*) from ${quoteIdentifier(table)}`));
  return { header: columns.map((c) => c.column_name), rowsRead, note: null };
}

/** Stream a file from a legacy encoding into UTF-8. */
async function transcodeToUtf8(from: string, to: string, encoding: string): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const output = createWriteStream(to);
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
    if (!output.write(decoder.decode(chunk as Buffer, { stream: true }))) await once(output, "drain");
  }
  output.end(decoder.decode());
  await once(output, "finish");
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
  const selects = [`_source_file`, `_source_row`, `_row_hash`];
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
     select null::varchar as _source_file, null::bigint as _source_row, null::ubigint as _row_hash, ${columns.join(", ")} where false`,
  );
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0] ?? "";
}
