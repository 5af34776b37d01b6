/**
 * The canonical contract's views: `src_<entity>` over a raw table, each canonical column from the first of
 * its candidate headers the file has (entities.ts); an empty one for an entity the export lacks.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdentifier } from "../duckdb.ts";
import { entity, type EntityName } from "./entities.ts";
import { candidateHeaders, headerKey, type HeaderCandidate } from "./headers.ts";
import { IngestError } from "./types.ts";

/**
 * Create `src_<entity>` over a raw table: each canonical column from the first of its candidate headers
 * that the file has (matched case-insensitively: Data Loader versions differ in header case), null when
 * it has none, through the adapter's macro when `parse` names one for it (HubSpot's "tier_1" → "A"). A
 * missing required column stops the build naming the file, the column expected and the columns the file
 * does have.
 */
export async function createSourceView(
  connection: DuckDBConnection,
  entityName: EntityName,
  rawTable: string,
  fileLabel: string,
  candidates: Partial<Record<string, HeaderCandidate[]>>,
  foundColumns: string[],
  parse: Partial<Record<string, string>> = {},
): Promise<void> {
  await createColumnsView(connection, `src_${entityName}`, rawTable, fileLabel, entity(entityName).columns, candidates, foundColumns, parse);
}

/**
 * A view over a raw table with `columns` (name, and whether the file must have it), each resolved from
 * its candidates as createSourceView resolves canonical ones; with the raw table's `_source_file`,
 * `_source_row` and `_row_hash`. Declared adapters use it for the extra columns their derived tables read.
 */
export async function createColumnsView(
  connection: DuckDBConnection,
  view: string,
  rawTable: string,
  fileLabel: string,
  columns: Array<{ name: string; required?: boolean; description?: string }>,
  candidates: Partial<Record<string, HeaderCandidate[]>>,
  foundColumns: string[],
  parse: Partial<Record<string, string>> = {},
): Promise<void> {
  const byKey = new Map(foundColumns.map((name) => [headerKey(name), name]));
  const resolve = (candidate: HeaderCandidate): Resolved | undefined => {
    if (typeof candidate === "string") return byKey.get(headerKey(candidate));
    const names = candidateHeaders(candidate).map((n) => byKey.get(headerKey(n)));
    const all = names.some((n) => n === undefined) ? undefined : (names as string[]);
    if (Array.isArray(candidate)) return all;
    if ("apply" in candidate) return all && { apply: candidate.apply, to: all };
    // The first that has a value, row by row, of those the file has.
    const present = names.filter((n) => n !== undefined);
    return present.length ? { firstOf: present } : undefined;
  };
  const selects = [`_source_file`, `_source_row`, `_row_hash`];
  for (const column of columns) {
    const options = candidates[column.name] ?? [];
    const header = options.map(resolve).find((h) => h !== undefined);
    if (header === undefined && column.required) {
      const expected = options.map((o) => candidateHeaders(o).map((n) => `"${n}"`).join(typeof o === "object" && "firstOf" in o ? " or " : " + ")).join(" or ");
      throw new IngestError(
        `${fileLabel}: missing required column ${expected || column.name}, expected to hold the ${column.description ?? column.name}. ` +
          `Columns found: ${foundColumns.join(", ")}`,
        fileLabel,
        column.name,
      );
    }
    const macro = parse[column.name];
    const value = sourceExpression(header);
    selects.push(`${macro && header !== undefined ? `${quoteIdentifier(macro)}(${value})` : value}::varchar as ${quoteIdentifier(column.name)}`);
  }
  await connection.run(`create or replace view ${quoteIdentifier(view)} as select ${selects.join(", ")} from ${quoteIdentifier(rawTable)}`);
}

/** A candidate resolved to the file's own header names. */
type Resolved = string | string[] | { firstOf: string[] } | { apply: string; to: string[] };

/**
 * A header column, trimmed, empty as null; several joined by a space (first and last name), the first
 * with a value, or the adapter's macro over several.
 */
function sourceExpression(header: Resolved | undefined): string {
  if (header === undefined) return "null";
  const cell = (h: string) => `nullif(trim(${quoteIdentifier(h)}), '')`;
  if (typeof header === "string") return cell(header);
  if (Array.isArray(header)) return `nullif(concat_ws(' ', ${header.map(cell).join(", ")}), '')`;
  if ("apply" in header) return `${quoteIdentifier(header.apply)}(${header.to.map(cell).join(", ")})`;
  return `coalesce(${header.firstOf.map(cell).join(", ")})`;
}

/** Create an empty `src_<entity>` when the export has no file for it, so staging runs and says so. */
export async function createEmptySourceView(connection: DuckDBConnection, entityName: EntityName): Promise<void> {
  const columns = entity(entityName).columns.map((c) => `null::varchar as ${c.name}`);
  await connection.run(
    `create or replace view ${quoteIdentifier(`src_${entityName}`)} as
     select null::varchar as _source_file, null::bigint as _source_row, null::ubigint as _row_hash, ${columns.join(", ")} where false`,
  );
}
