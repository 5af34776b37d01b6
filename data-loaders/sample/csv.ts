/**
 * A minimal CSV writer in the Salesforce Data Export dialect: every field double-quoted (an embedded
 * `"` doubled), fields separated by commas, LF line endings, UTF-8 without a byte-order mark.
 *
 * Rows are appended to an in-memory buffer that is written to the file in chunks of about 1 MB, so a
 * file of a million rows never exists as one string, and memory stays flat however large the output.
 * Writes are synchronous on purpose: the generator produces rows far faster than a disk can take them,
 * and a synchronous write is the simplest correct backpressure (an asynchronous stream whose `write()`
 * return value is ignored would buffer the whole file in memory).
 *
 * @example
 * const writer = CsvFileWriter.create("out/Account.csv", ["Id", "Name"]);
 * writer.writeRow(["0015g00000AbCdEAAV", 'The "Blue Door" Company']);
 * const { rows, bytes } = writer.close();
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** A value as it goes into a cell. null and undefined become an empty (quoted) field. */
export type CsvValue = string | number | null | undefined;

const FLUSH_AT_CHARS = 1 << 20;

export class CsvFileWriter {
  private readonly fd: number;
  private chunks: string[] = [];
  private bufferedChars = 0;
  private rowsWritten = 0;
  private bytesWritten = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.fd = openSync(path, "w");
    this.append(formatCsvRecord(columns));
  }

  /** Create (or truncate) the file at `path` and write the header row. */
  static create(path: string, columns: readonly string[]): CsvFileWriter {
    return new CsvFileWriter(path, columns);
  }

  /** Append one data row; it must have one value per column. */
  writeRow(values: readonly CsvValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.path}: a row of ${values.length} values for ${this.columns.length} columns`);
    }
    this.append(formatCsvRecord(values));
    this.rowsWritten++;
  }

  /** Data rows written so far (the header not counted). */
  get rows(): number {
    return this.rowsWritten;
  }

  /** Flush what is buffered and close the file. */
  close(): { rows: number; bytes: number } {
    if (!this.closed) {
      this.flush();
      closeSync(this.fd);
      this.closed = true;
    }
    return { rows: this.rowsWritten, bytes: this.bytesWritten };
  }

  private append(line: string): void {
    if (this.closed) throw new Error(`${this.path}: written after close`);
    this.chunks.push(line);
    this.bufferedChars += line.length;
    if (this.bufferedChars >= FLUSH_AT_CHARS) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const bytes = Buffer.from(this.chunks.join(""), "utf8");
    // A write to a regular file may in principle be partial; loop until every byte is out.
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytesWritten += bytes.length;
    this.chunks = [];
    this.bufferedChars = 0;
  }
}

/** One CSV record, every field quoted, terminated by LF. */
export function formatCsvRecord(values: readonly CsvValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ",";
    line += quoteCsvField(values[i]);
  }
  return line + "\n";
}

/** Quote one field the way Salesforce exports do: always quoted, `"` doubled. */
export function quoteCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === "number" ? String(value) : value;
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}
