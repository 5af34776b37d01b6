/**
 * Reading a CSV file with DuckDB's reader (streaming and parallel; no row-by-row JavaScript) into a raw
 * table, whatever its encoding: UTF-8 directly, Windows-1252 / Latin-1 transcoded first.
 */
import { once } from "node:events";
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, queryValue, quoteIdentifier } from "../duckdb.ts";
import { readHeaderRecord, uniqueNames } from "./headers.ts";
import { ensureQuarantineTable, numberRows, storedTable } from "./raw-table.ts";
import { firstLine, IngestError, type LoadedCsv } from "./types.ts";

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
  // DuckDB's encoding complaint is not proof (it also comes with a broken quote): a file that is valid
  // UTF-8 is read as UTF-8, its rejected records quarantined, never re-read as Windows-1252 and garbled.
  if (await isUtf8(path)) return (await loadUtf8Csv(connection, table, path, fileLabel, options, { knownUtf8: true })).loaded;
  const dir = mkdtempSync(join(tmpdir(), "spd-transcode-"));
  try {
    const utf8 = join(dir, basename(path));
    await transcodeToUtf8(path, utf8, "windows-1252");
    const second = await loadUtf8Csv(connection, table, utf8, fileLabel, options, { knownUtf8: true });
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
  /** The file is known to be UTF-8: what DuckDB still rejects is a malformed record, whatever it says. */
  { knownUtf8 = false } = {},
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
    // DuckDB also reports "invalid encoding" beside an unterminated quote in valid UTF-8 (found by fuzzing):
    // the reason names what is wrong with the record, and the encoding flag only counts before transcoding.
    `select line,
            coalesce(string_agg(distinct error_message, '; ') filter (where error_type <> 'INVALID ENCODING'),
                     string_agg(distinct error_message, '; ')) as reason,
            bool_or(error_type = 'INVALID ENCODING') as encoding
     from ${quoteIdentifier(rejects)} group by line order by line`,
  );
  const accepted = Number(await queryValue(connection, `select count(*) from ${quoteIdentifier(table)}`));
  const badEncoding = !knownUtf8 && rejected.some((r) => r.encoding);
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

/** Whether the whole file is valid UTF-8 (streamed, so a large file is not held in memory). */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
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
