/**
 * Canonical adapter: our own documented format (docs/canonical-format.md) for anyone who can shape
 * their data. One CSV or Parquet file per entity, named after it (`opportunities.csv`,
 * `leads.parquet`, …), with the canonical column names of entities.ts as headers. Dates ISO, amounts
 * plain numbers, booleans true/false. Parquet is how a cloud warehouse (Postgres, BigQuery, Snowflake)
 * hands its tables over: the same SQL runs downstream.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadCsvFile } from "./csv.ts";
import { keepCandidates } from "./headers.ts";
import { loadParquetFile } from "./parquet.ts";
import { createSourceView } from "./source-view.ts";
import { ENTITIES, type EntityName } from "./entities.ts";
import type { SourceFile } from "./types.ts";

/**
 * Is this a canonical export? A file named after an entity whose header has that entity's required
 * columns (Maven's accounts.csv is named like one, but its header is Maven's own: it needs a mapping).
 * Parquet files carry their schema: their name is enough.
 */
export function looksCanonical(fileNames: string[], headersByFile: Record<string, string[]>): boolean {
  return fileNames.some((name) => {
    const entityName = canonicalEntity(name);
    if (!entityName) return false;
    if (/\.parquet$/i.test(name)) return true;
    const header = new Set((headersByFile[name] ?? []).map((h) => h.trim().toLowerCase()));
    return ENTITIES.find((e) => e.name === entityName)!.columns.filter((c) => c.required).every((c) => header.has(c.name));
  });
}

export async function loadCanonicalExport(connection: DuckDBConnection, dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const fileName of readdirSync(dir).filter((n) => /\.(csv|parquet)$/i.test(n)).sort()) {
    const entityName = canonicalEntity(fileName);
    if (!entityName) {
      files.push({ file: fileName, entity: null, rowsRead: null, note: "not used: not a canonical entity name" });
      continue;
    }
    const rawTable = `raw_canonical__${entityName}`;
    const path = join(dir, fileName);
    const candidates = Object.fromEntries(
      ENTITIES.find((e) => e.name === entityName)!.columns.map((c) => [c.name, [c.name]]),
    );
    const { header, rowsRead, note } = /\.parquet$/i.test(fileName)
      ? await loadParquetFile(connection, rawTable, path, fileName)
      : await loadCsvFile(connection, rawTable, path, fileName, { keep: keepCandidates(candidates) });
    await createSourceView(connection, entityName, rawTable, fileName, candidates, header);
    files.push({ file: fileName, entity: entityName, rowsRead, note });
  }
  return files;
}

function canonicalEntity(fileName: string): EntityName | null {
  const base = fileName.replace(/\.(csv|parquet)$/i, "").toLowerCase();
  return ENTITIES.find((e) => e.name === base)?.name ?? null;
}
