/**
 * A minimal CSV writer in the Salesforce Data Export dialect: every field double-quoted (an embedded
 * `"` doubled), fields separated by commas, LF line endings, UTF-8 without a byte-order mark.
 *
 * Rows are encoded into a 1 MB buffer that is written to the file whenever it fills, so a
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

const BUFFER_BYTES = 1 << 20;

export class CsvFileWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
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
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    const worstCase = line.length * 3;
    if (this.used + worstCase > BUFFER_BYTES) this.flush();
    if (worstCase > BUFFER_BYTES) {
      this.writeFully(Buffer.from(line, "utf8"));
      return;
    }
    this.used += this.buffer.write(line, this.used, "utf8");
  }

  private flush(): void {
    this.writeFully(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeFully(bytes: Buffer): void {
    // A write to a regular file may in principle be partial; loop until every byte is out.
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytesWritten += bytes.length;
  }
}

/** One CSV record, every field quoted, terminated by LF. */
export function formatCsvRecord(values: readonly CsvValue[]): string {
  for (const value of values) {
    if (typeof value === "string" && value.includes('"')) return `${values.map(quoteCsvField).join(",")}\n`;
  }
  // No field holds a quote: one native join (null and undefined join as empty strings).
  return `"${values.join('","')}"\n`;
}

/** Quote one field the way Salesforce exports do: always quoted, `"` doubled. */
export function quoteCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === "number" ? String(value) : value;
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}
