/**
 * Pick the adapter for an exports folder and load it: after this, every `src_<entity>` view exists
 * (empty for entities the export does not have), whatever CRM the files came from.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { EXPORT_CONFIG_FILE, type Config } from "../config.ts";
import { createEmptySourceView } from "./source-view.ts";
import { IngestError, type SourceFile } from "./types.ts";
import { ENTITIES, entity, type EntityName } from "./entities.ts";
import { loadCanonicalExport, looksCanonical } from "./canonical.ts";
import { readCsvHeaders } from "./headers.ts";
import { loadHubSpotExport, looksLikeHubSpot } from "./hubspot.ts";
import { loadMappedExport, type Mapping } from "./mapping.ts";
import { loadPipedriveExport, looksLikePipedrive } from "./pipedrive.ts";
import { describeSalesforceObjects, loadSalesforceExport, looksLikeSalesforce, looksLikeSalesforceReports } from "./salesforce.ts";

export const FORMATS = ["auto", "salesforce", "hubspot", "pipedrive", "canonical", "mapping"] as const;
export type Format = (typeof FORMATS)[number];

export interface LoadedExports {
  format: Exclude<Format, "auto">;
  files: SourceFile[];
  /** Entities the export has no file for: metrics that need them say so instead of showing zeros. */
  missing: EntityName[];
}

/**
 * Load an exports folder. A folder of dated snapshot folders (weekly exports in `2026-11-02/`,
 * `2026-11-09/`, …) is read as a series: every snapshot's opportunities go to `src_opportunity_snapshots`
 * for pipeline flow, and the latest snapshot is the export every other metric reads.
 */
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
  const snapshots = snapshotFolders(dir);
  let loaded: { format: Exclude<Format, "auto">; files: SourceFile[] } | null = null;
  const snapshotFiles: SourceFile[] = [];
  for (const [i, snapshot] of snapshots.entries()) {
    loaded = await loadOneExport(connection, join(dir, snapshot), config, format, mapping);
    snapshotFiles.push(await keepSnapshot(connection, snapshot, loaded.files, i === 0));
    if (i < snapshots.length - 1) {
      await dropSourceViews(connection);
      snapshotFiles.push(...loaded.files.filter((f) => f.entity !== null && f.entity !== "opportunities").map((f) => ({
        file: `${snapshot}/${f.file}`,
        entity: null,
        rowsRead: null,
        note: "not used: an older snapshot, of which only opportunities are read",
      })));
    }
  }
  // Without snapshot folders the folder itself is the export.
  if (!loaded) loaded = await loadOneExport(connection, dir, config, format, mapping);
  // The export's settings file is not data: it is listed once, as what it is.
  const files = [...loaded.files, ...snapshotFiles].filter((f) => f.file !== EXPORT_CONFIG_FILE);
  if (existsSync(join(dir, EXPORT_CONFIG_FILE))) {
    files.push({ file: EXPORT_CONFIG_FILE, entity: null, rowsRead: null, note: "not data: this export's settings" });
  }
  const present = new Set(files.map((f) => f.entity).filter((e) => e !== null));
  if (snapshots.length) {
    await connection.run(`create or replace view src_opportunity_snapshots as select * from raw_snapshot__opportunities`);
  }
  const missing = ENTITIES.map((e) => e.name).filter((name) => !present.has(name));
  for (const name of missing) await createEmptySourceView(connection, name);
  return { format: loaded.format, files, missing };
}

async function loadOneExport(
  connection: DuckDBConnection,
  dir: string,
  config: Config,
  format: Format,
  mapping: Mapping | null,
): Promise<{ format: Exclude<Format, "auto">; files: SourceFile[] }> {
  const resolved = mapping ? "mapping" : format === "auto" ? detectFormat(dir) : format;
  if (resolved === "mapping") {
    if (!mapping) throw new IngestError(`--format mapping needs --mapping FILE (see docs/mapping.md)`);
    return { format: resolved, files: await loadMappedExport(connection, dir, mapping) };
  }
  if (resolved === "hubspot") return { format: resolved, files: await loadHubSpotExport(connection, dir, config) };
  if (resolved === "pipedrive") return { format: resolved, files: await loadPipedriveExport(connection, dir, config) };
  if (resolved === "canonical") return { format: resolved, files: await loadCanonicalExport(connection, dir) };
  return { format: resolved, files: await loadSalesforceExport(connection, dir, config) };
}

/** Subfolders named like dates (YYYY-MM-DD), oldest first: a series of snapshots. */
export function snapshotFolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name) && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Copy a snapshot's opportunities (as text, like every source) into the snapshot table, dated. */
async function keepSnapshot(
  connection: DuckDBConnection,
  snapshot: string,
  files: SourceFile[],
  first: boolean,
): Promise<SourceFile> {
  const opportunities = files.find((f) => f.entity === "opportunities");
  if (!opportunities) {
    throw new IngestError(`${snapshot}/: a snapshot without an opportunity file; every dated folder needs one`, snapshot);
  }
  const label = `${snapshot}/${opportunities.file} › snapshot`;
  const select = `select $label as _source_file, _source_row, _row_hash, $snapshot::varchar as snapshot_date,
    ${SNAPSHOT_COLUMNS.join(", ")} from src_opportunities`;
  if (first) await connection.run(`create or replace table raw_snapshot__opportunities as ${select}`, { label, snapshot });
  else await connection.run(`insert into raw_snapshot__opportunities ${select}`, { label, snapshot });
  return { file: label, entity: "opportunity_snapshots", rowsRead: opportunities.rowsRead, note: null };
}

const SNAPSHOT_COLUMNS = entity("opportunity_snapshots").columns.map((c) => c.name).filter((c) => c !== "snapshot_date");

async function dropSourceViews(connection: DuckDBConnection): Promise<void> {
  for (const e of ENTITIES) await connection.run(`drop view if exists src_${e.name}`);
}

/**
 * Decide the format: Salesforce object files by name, then HubSpot, Pipedrive and Salesforce report exports
 * by header (labels no canonical file uses), then canonical files by name. When nothing fits, say what each format needs, what we
 * saw, and how to go on (a mapping, which --suggest-mapping starts from the headers).
 */
export function detectFormat(dir: string): Exclude<Format, "auto"> {
  const names = readdirSync(dir);
  if (looksLikeSalesforce(names)) return "salesforce";
  const headers = readCsvHeaders(dir);
  if (looksLikeHubSpot(headers)) return "hubspot";
  if (looksLikePipedrive(headers)) return "pipedrive";
  if (looksLikeSalesforceReports(headers)) return "salesforce";
  if (looksCanonical(names, headers)) return "canonical";
  const shown = names.slice(0, 20).join(", ") || "(no files)";
  const seen = Object.entries(headers)
    .slice(0, 5)
    .map(([file, header]) => `${file}: ${header.slice(0, 12).join(", ")}${header.length > 12 ? ", …" : ""}`)
    .join("; ");
  throw new IngestError(
    `${dir}: cannot tell which CRM these exports come from. Expected Salesforce object files (named like ` +
      `Opportunity.csv, or any name with a header such as — ${describeSalesforceObjects()}), HubSpot exports of deals, ` +
      `companies or contacts (recognised by their header, docs/hubspot.md), Pipedrive exports of deals or organizations ` +
      `(docs/pipedrive.md), or canonical files such as ` +
      `opportunities.csv (docs/canonical-format.md). Found: ${shown}${seen ? `. Headers: ${seen}` : ""}. ` +
      `For any other export, write a mapping: npm run warehouse -- --exports ${dir} --suggest-mapping > mapping.json ` +
      `starts one from these headers (docs/mapping.md), then build with --mapping mapping.json.`,
  );
}
