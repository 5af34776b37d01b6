/**
 * Pick the adapter for an exports folder and load it: after this, every `src_<entity>` view exists
 * (empty for entities the export does not have), whatever CRM the files came from.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { createEmptySourceView, IngestError } from "./csv.ts";
import { ENTITIES, type EntityName } from "./entities.ts";
import { loadCanonicalExport, looksCanonical } from "./canonical.ts";
import { loadMappedExport, type Mapping } from "./mapping.ts";
import { loadSalesforceExport, looksLikeSalesforce } from "./salesforce.ts";

export const FORMATS = ["auto", "salesforce", "canonical", "mapping"] as const;
export type Format = (typeof FORMATS)[number];

/** One input file and what became of it. */
export interface SourceFile {
  file: string;
  /** The entity it feeds, or null when no metric uses it. */
  entity: EntityName | null;
  rowsRead: number | null;
  note: string | null;
}

export interface LoadedExports {
  format: Exclude<Format, "auto">;
  files: SourceFile[];
  /** Entities the export has no file for: metrics that need them say so instead of showing zeros. */
  missing: EntityName[];
}

export async function loadExports(
  connection: DuckDBConnection,
  dir: string,
  config: Config,
  format: Format = "auto",
  mapping: Mapping | null = null,
): Promise<LoadedExports> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new IngestError(`${dir}: the exports folder does not exist (expected a folder of CSV files)`);
  }
  const resolved = mapping ? "mapping" : format === "auto" ? detectFormat(dir) : format;
  let files: SourceFile[];
  if (resolved === "mapping") {
    if (!mapping) throw new IngestError(`--format mapping needs --mapping FILE (see docs/mapping.md)`);
    files = await loadMappedExport(connection, dir, mapping);
  } else if (resolved === "canonical") {
    files = await loadCanonicalExport(connection, dir);
  } else {
    files = await loadSalesforceExport(connection, dir, config);
  }
  const present = new Set(files.map((f) => f.entity).filter((e) => e !== null));
  const missing = ENTITIES.map((e) => e.name).filter((name) => !present.has(name));
  for (const name of missing) await createEmptySourceView(connection, name);
  return { format: resolved, files, missing };
}

/** Decide the format from the file names; when we cannot, say what we saw. */
export function detectFormat(dir: string): Exclude<Format, "auto"> {
  const names = readdirSync(dir);
  if (looksLikeSalesforce(names)) return "salesforce";
  if (looksCanonical(names)) return "canonical";
  const shown = names.slice(0, 20).join(", ") || "(no files)";
  throw new IngestError(
    `${dir}: cannot tell which CRM these exports come from. Expected Salesforce object files such as ` +
      `Opportunity.csv and Lead.csv, or canonical files such as opportunities.csv (docs/canonical-format.md); ` +
      `for any other export pass --mapping FILE (docs/mapping.md). Found: ${shown}`,
  );
}
