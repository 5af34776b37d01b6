/**
 * What every adapter hands back and throws: the leaf of the ingest modules (it imports none of them), so
 * adapters and the dispatcher (sources.ts) import it without a circle.
 */
import type { EntityName } from "./entities.ts";

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

/** One input file and what became of it. */
export interface SourceFile {
  file: string;
  /** The entity it feeds, or null when no metric uses it. */
  entity: EntityName | null;
  rowsRead: number | null;
  note: string | null;
  /** Fields read in place of the ones config names (which the file lacks or leaves empty). */
  fields?: FieldChoice[];
}

/** A field the build read for a role because the one config names was absent or empty. */
export interface FieldChoice {
  file: string;
  /** The config key, e.g. "Opportunity.lossReason" (salesforce.customFields). */
  role: string;
  configured: string | null;
  found: string;
  /** Rows in which the found field has a value. */
  filledRows: number;
  /** Why the configured field was not used: "not in the file", "empty in every row", "not set in config". */
  reason: string;
}

export interface LoadedCsv {
  /** Column names as the file has them (trimmed; repeated names get _1, _2 as DuckDB names them). */
  header: string[];
  /** Data records read (the header excluded), malformed ones included. */
  rowsRead: number;
  /** How the file had to be read, when not as plain UTF-8 (for the data-quality page). */
  note: string | null;
}

/** The first line of an error's message (DuckDB's carry context lines a user does not need). */
export function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0] ?? "";
}
