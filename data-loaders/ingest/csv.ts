/**
 * Reading export files with DuckDB's CSV reader (streaming and parallel; no row-by-row JavaScript) into
 * raw tables, and exposing them to staging as `src_<entity>` views with canonical column names.
 */
import { once } from "node:events";
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from "node:fs";
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
  /** Column names as the file has them (trimmed; repeated names get _1, _2 as DuckDB names them). */
  header: string[];
  /** Data records read (the header excluded), malformed ones included. */
  rowsRead: number;
  /** How the file had to be read, when not as plain UTF-8 (for the data-quality page). */
  note: string | null;
}

export interface CsvOptions {
  /** Force a delimiter; by default it is the one the header uses most (comma, semicolon, tab, pipe). */
  delimiter?: string;
  /**
   * The columns worth storing, chosen from the file's header (default: all). Every column is still
   * parsed and counted in the row hash; leaving out what no metric reads (a contact's name, phone and
   * email) keeps personal data out of the warehouse and makes the load a third faster.
   */
  keep?: (header: string[]) => string[];
}

/** Longest record we read: a 10 MB notes field must not stop a build. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;
/**
 * How much of a file DuckDB reads at a time. Its default is 16 × the longest line (2 GB for 128 MB lines),
 * allocated per file even when every line is short; twice the longest line is enough to hold one.
 */
const BUFFER_BYTES = 2 * MAX_LINE_BYTES;

/**
 * Load one file as it is (every value text) into `table`, numbering its records so that a quarantined
 * row can be traced back to the file, with a hash of the whole record (`_row_hash`) that tells an exact
 * duplicate row from a different record reusing an id.
 *
 * The header is read first (so its names are the file's own, and an empty or binary file is refused
 * with a clear message); DuckDB's reader then streams the rest. A malformed record (too many or too few
 * fields, an unterminated quote at a truncated end) does not stop the build: it goes to dq_quarantine
 * with its line number. UTF-8 with or without BOM is read directly; a file that is not UTF-8
 * (Salesforce's Latin-1 / Windows-1252 exports) is transcoded to a temporary UTF-8 copy first, because
 * DuckDB's own latin-1 reading rejects Windows-1252's bytes 0x80–0x9F (see DESIGN.md).
 */
export async function loadCsvFile(
  connection: DuckDBConnection,
  table: string,
  path: string,
  fileLabel: string,
  options: CsvOptions = {},
): Promise<LoadedCsv> {
  refuseUnreadable(path, fileLabel);
  const first = await loadUtf8Csv(connection, table, path, fileLabel, options);
  if (!first.badEncoding) return first.loaded;
  const dir = mkdtempSync(join(tmpdir(), "spd-transcode-"));
  try {
    const utf8 = join(dir, basename(path));
    await transcodeToUtf8(path, utf8, "windows-1252");
    const second = await loadUtf8Csv(connection, table, utf8, fileLabel, options);
    return { ...second.loaded, note: "not UTF-8: read as Windows-1252 (Latin-1)" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An empty file or a binary one (a spreadsheet saved as .csv, an archive) cannot be read as CSV. */
function refuseUnreadable(path: string, fileLabel: string): void {
  const fd = openSync(path, "r");
  const head = Buffer.alloc(65536);
  const read = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, read);
  if (read === 0 || text.toString("utf8").replace(/^\uFEFF/, "").trim() === "") {
    throw new IngestError(`${fileLabel}: the file is empty; expected a header row naming its columns, then one row per record`, fileLabel);
  }
  if (text.includes(0)) {
    const kind = text.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1")) ? " (it looks like an .xlsx or .zip file)" : "";
    throw new IngestError(`${fileLabel}: this is a binary file, not CSV${kind}; export it as CSV (comma-separated text)`, fileLabel);
  }
}

async function loadUtf8Csv(
  connection: DuckDBConnection,
  table: string,
  path: string,
  fileLabel: string,
  options: CsvOptions,
): Promise<{ loaded: LoadedCsv; badEncoding: boolean }> {
  const record = readHeaderRecord(path);
  const header = uniqueNames(record.fields);
  const delimiter = options.delimiter ?? record.delimiter;
  // Columns are read under our own names (c1, c2, …) and renamed to the file's, quoted: no header text
  // is ever parsed as SQL.
  const positional = header.map((_, i) => `c${i + 1}`);
  const columnTypes = `{${positional.map((c) => `'${c}': 'VARCHAR'`).join(", ")}}`;
  const kept = new Set(options.keep ? options.keep(header) : header);
  const renamed = header
    .map((name, i) => (kept.has(name) ? `${positional[i]} as ${quoteIdentifier(name)}` : null))
    .filter((column) => column !== null);
  // A file none of whose columns is kept still gives its row count.
  if (!renamed.length) renamed.push("null as _no_column_kept");
  const rejects = `${table}__rejects`;
  await connection.run(`drop table if exists ${quoteIdentifier(rejects)}; drop table if exists ${quoteIdentifier(`${rejects}_scan`)}`);
  try {
    await connection.run(
      `create or replace table ${quoteIdentifier(storedTable(table))} as
       select $file as _source_file, hash(${positional.join(", ")}) as _row_hash, ${renamed.join(", ")}
       from read_csv($path, header = true, auto_detect = false, columns = ${columnTypes}, delim = $delim,
                     quote = '"', escape = '"', null_padding = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${BUFFER_BYTES},
                     store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan')`,
      { path, file: fileLabel, delim: delimiter },
    );
    await numberRows(connection, table);
  } catch (error) {
    throw new IngestError(`${fileLabel}: cannot read it as CSV: ${firstLine(error)}`, fileLabel);
  }
  const rejected = await queryRows<{ line: number; reason: string; encoding: boolean }>(
    connection,
    `select line, string_agg(distinct error_message, '; ') as reason, bool_or(error_type = 'INVALID ENCODING') as encoding
     from ${quoteIdentifier(rejects)} group by line order by line`,
  );
  const accepted = Number(await queryValue(connection, `select count(*) from ${quoteIdentifier(table)}`));
  const badEncoding = rejected.some((r) => r.encoding);
  if (!badEncoding && rejected.length) {
    await ensureQuarantineTable(connection);
    for (const row of rejected) {
      await connection.run("insert into dq_quarantine values ('csv_reader', $file, $line, null, $reason)", {
        file: fileLabel,
        line: row.line,
        reason: `malformed CSV record at line ${row.line}: ${row.reason}`,
      });
    }
  }
  await connection.run(`drop table if exists ${quoteIdentifier(rejects)}; drop table if exists ${quoteIdentifier(`${rejects}_scan`)}`);
  return { loaded: { header, rowsRead: accepted + rejected.length, note: null }, badEncoding };
}

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

/** Where a file's rows are stored; `table` itself is the view over it that numbers them. */
function storedTable(table: string): string {
  return `${table}__stored`;
}

/**
 * Make `table` the stored rows numbered in file order (`_source_row`, from 1). A table created from a
 * scan keeps the scan's order (DuckDB preserves insertion order), so its rowid is the record's position
 * in the file: free, where `row_number() over ()` in the load serialised it and cost a third of the read.
 */
async function numberRows(connection: DuckDBConnection, table: string): Promise<void> {
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

/** Header names as DuckDB would give them: trimmed, blanks named by position, repeats suffixed _1, _2. */
function uniqueNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    const name = field.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "") || `column${i}`;
    const count = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
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

/**
 * The first CSV record of a file, as its fields: quoted fields may hold delimiters, `""` and newlines
 * (HubSpot's stage labels do). The delimiter is whichever of comma, semicolon or tab occurs most outside
 * quotes. Only the header is read; DuckDB reads the whole file later.
 */
export function readHeaderRow(path: string, maxBytes = 16 << 20): string[] {
  return readHeaderRecord(path, maxBytes).fields;
}

/**
 * The header row of every CSV file in `dir` (file name → column labels), reading only as far as the end
 * of the first record: cheap enough for format detection on a folder of large exports.
 */
export function readCsvHeaders(dir: string): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!name.toLowerCase().endsWith(".csv") || !statSync(path).isFile()) continue;
    headers[name] = readHeaderRow(path);
  }
  return headers;
}

/** The header record and the delimiter it uses. */
export function readHeaderRecord(path: string, maxBytes = 16 << 20): { fields: string[]; delimiter: string } {
  const fd = openSync(path, "r");
  const chunks: Buffer[] = [];
  let inQuotes = false;
  let total = 0;
  try {
    const buffer = Buffer.alloc(1 << 16);
    outer: while (total < maxBytes) {
      const read = readSync(fd, buffer, 0, buffer.length, total);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        if (byte === 0x22) inQuotes = !inQuotes;
        else if (byte === 0x0a && !inQuotes) {
          chunks.push(Buffer.from(buffer.subarray(0, i)));
          total += i;
          break outer;
        }
      }
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      total += read;
    }
  } finally {
    closeSync(fd);
  }
  const text = Buffer.concat(chunks).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
  if (text.trim() === "") return { fields: [], delimiter: "," };
  const delimiter = detectDelimiter(text);
  return { fields: splitRecord(text, delimiter), delimiter };
}

function detectDelimiter(record: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0], ["|", 0]]);
  let inQuotes = false;
  for (const c of record) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

function splitRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (record[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuotes = false;
    } else if (c === '"') inQuotes = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Where a canonical column comes from: a header name, or several joined by a space (first + last name). */
export type HeaderCandidate = string | string[];

/** A `keep` for loadCsvFile: the header columns named in `names`, case and outer spaces ignored. */
export function keepNamed(names: Iterable<string>): (header: string[]) => string[] {
  const wanted = new Set([...names].map(headerKey));
  return (header) => header.filter((name) => wanted.has(headerKey(name)));
}

/** A header as matched: case, outer spaces and runs of spaces ignored (exports differ in all three). */
export function headerKey(name: string): string {
  return name.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A `keep` for loadCsvFile: the header columns that any candidate names (as createSourceView matches them). */
export function keepCandidates(candidates: Partial<Record<string, HeaderCandidate[]>>): (header: string[]) => string[] {
  return keepNamed(Object.values(candidates).flatMap((options) => (options ?? []).flat()));
}

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
  const byKey = new Map(foundColumns.map((name) => [headerKey(name), name]));
  const resolve = (candidate: HeaderCandidate): string | string[] | undefined => {
    const names = (typeof candidate === "string" ? [candidate] : candidate).map((n) => byKey.get(headerKey(n)));
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
