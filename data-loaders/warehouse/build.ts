/**
 * Build the warehouse: exports → raw tables → staging (validated, quarantined) → marts, in one DuckDB
 * file. Built once per build, never per loader. Atomic: it is written to a temporary file and renamed
 * over the old one only when everything succeeded, so a failed ingest never leaves a half-built
 * warehouse nor replaces the last good one. Skipped when its fingerprint (inputs + code + config) is
 * unchanged.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEFAULT_CONFIG_PATH, exportConfigPath, loadConfig, validateConfig, writeConfigTables, type Config } from "../config.ts";
import { listFiles } from "../files.ts";
import { closeDatabase, openDatabase, queryRows, queryValue, withConnection } from "../duckdb.ts";
import { ensureQuarantineTable } from "../ingest/raw-table.ts";
import { loadMapping, mergeMappingConfig, type Mapping } from "../ingest/mapping.ts";
import { loadExports, type Format } from "../ingest/sources.ts";
import type { SourceFile } from "../ingest/types.ts";
import { checkExchangeRates } from "./checks.ts";
import { listModels, runModels, timed, type OnTimed } from "./models.ts";

export const DEFAULT_WAREHOUSE = "data/warehouse.duckdb";
export const DEFAULT_EXPORTS = "data/exports/sample";
/** DuckDB's memory for a build (a constant of ours, never user text, so it may be part of the SQL). */
const BUILD_MEMORY_LIMIT = "1GB";
export const LIBRARY_DIR = fileURLToPath(new URL("../", import.meta.url));
/**
 * The library code the warehouse build runs: ingest, models, the build itself, settings and the DuckDB
 * helpers. Not the sample generator, the docs generator, the metric scaffold or what loaders read: editing
 * those must not rebuild the warehouse (and clear every cached loader output).
 */
export const WAREHOUSE_CODE = ["ingest/", "models/", "warehouse/", "config.ts", "config-types.ts", "config-validation.ts", "config-tables.ts", "duckdb.ts", "files.ts"];
/**
 * Files under those folders that only other commands read: the mapping suggestion (build-warehouse
 * --suggest-mapping), the publishing checks (check-data) and the reconciliation report's wording.
 * test/architecture.test.ts checks that the hashed .ts files are exactly what warehouse/build.ts imports.
 */
export const NOT_WAREHOUSE_CODE = ["ingest/suggest-mapping.ts", "warehouse/publish-checks.ts", "warehouse/report.ts"];

/** Whether a file of the library (its path relative to data-loaders/, with /) is code the warehouse build runs. */
export function isWarehouseCode(path: string): boolean {
  return /\.(ts|sql)$/.test(path) && WAREHOUSE_CODE.some((prefix) => path.startsWith(prefix)) && !NOT_WAREHOUSE_CODE.includes(path);
}

export interface BuildOptions {
  exportsDir: string;
  out?: string;
  configPath?: string;
  format?: Format;
  /** A mapping file (docs/mapping.md) for exports in no format we know. */
  mappingPath?: string;
  /** Rebuild even when the fingerprint says nothing changed. */
  force?: boolean;
  /** Told how long each step took (reading the exports, each model), to find what a build spends. */
  onTimed?: OnTimed;
  /**
   * Only check the export: read it, stage and reconcile it in memory, without building the marts or
   * writing a warehouse (`npm run warehouse -- --check`; the ingest fuzz tests run thousands of these).
   */
  check?: boolean;
}

export interface Reconciliation {
  source_file: string;
  entity: string | null;
  rows_read: number | null;
  rows_loaded: number;
  rows_quarantined: number;
  note: string | null;
}

export interface BuildResult {
  out: string;
  fingerprint: string;
  skipped: boolean;
  format: string;
  files: Reconciliation[];
}

export async function buildWarehouse(options: BuildOptions): Promise<BuildResult> {
  const out = options.out ?? DEFAULT_WAREHOUSE;
  // The export's own settings: a file named on the command line or in CRM_CONFIG, else a config.json
  // beside the exports; laid over the neutral defaults (data/config.json).
  const configPath = options.configPath ?? process.env.CRM_CONFIG ?? exportConfigPath(options.exportsDir) ?? DEFAULT_CONFIG_PATH;
  const format = options.format ?? "auto";
  const mapping = options.mappingPath ? loadMapping(options.mappingPath) : null;
  const onTimed = options.onTimed ?? (() => {});
  if (options.check) {
    const baseConfig = loadConfig(configPath);
    const config = mapping ? validateConfig(mergeMappingConfig(baseConfig, mapping), options.mappingPath) : baseConfig;
    return withConnection(":memory:", (connection) =>
      buildInto(connection, options.exportsDir, config, configPath, format, mapping, "(check: not fingerprinted)", ":memory:", onTimed, RECONCILIATION_MODELS),
    );
  }
  const fingerprint = await timed(onTimed, "fingerprint", () =>
    fingerprintInputs(options.exportsDir, [DEFAULT_CONFIG_PATH, configPath, options.mappingPath], format),
  );
  if (!options.force && (await readFingerprint(out)) === fingerprint) {
    const files = await withConnection(out, (db) => readReconciliation(db), { readOnly: true });
    const format = await withConnection(out, (db) => queryValue<string>(db, "select format from warehouse_meta"), {
      readOnly: true,
    });
    return { out, fingerprint, skipped: true, format, files };
  }
  const baseConfig = loadConfig(configPath);
  const config = mapping ? validateConfig(mergeMappingConfig(baseConfig, mapping), options.mappingPath) : baseConfig;
  const temp = `${out}.${process.pid}.tmp`;
  mkdirSync(dirname(out), { recursive: true });
  rmSync(temp, { force: true });
  try {
    const connection = await openDatabase(temp);
    let result: BuildResult;
    try {
      // DuckDB takes up to 80% of the machine's memory by default; a build that shares a 2-core CI runner
      // or a laptop should not. Past this it spills to a temporary folder next to the warehouse.
      await connection.run(`set memory_limit = '${BUILD_MEMORY_LIMIT}'`);
      result = await buildInto(connection, options.exportsDir, config, configPath, format, mapping, fingerprint, out, onTimed);
      await timed(onTimed, "checkpoint", () => connection.run("checkpoint"));
    } finally {
      closeDatabase(connection);
    }
    renameSync(temp, out);
    rmSync(`${temp}.wal`, { force: true });
    return result;
  } catch (error) {
    rmSync(temp, { force: true });
    rmSync(`${temp}.wal`, { force: true });
    throw error;
  }
}

async function buildInto(
  connection: DuckDBConnection,
  exportsDir: string,
  config: Config,
  configPath: string,
  format: Format,
  mapping: Mapping | null,
  fingerprint: string,
  out: string,
  onTimed: OnTimed,
  /** Build only these models and what they read (default: every model). */
  only: string[] | null = null,
): Promise<BuildResult> {
  await writeConfigTables(connection, config);
  await ensureQuarantineTable(connection);
  const loaded = await timed(onTimed, "read exports", () => loadExports(connection, exportsDir, config, format, mapping));
  await writeSourceFiles(connection, loaded.files);
  await runModels(connection, only ? modelsFor(only) : listModels(), onTimed);
  await checkExchangeRates(connection, configPath);
  const files = await timed(onTimed, "reconciliation", () => readReconciliation(connection));
  const lost = files.filter((f) => f.rows_read !== null && f.rows_read !== f.rows_loaded + f.rows_quarantined);
  if (lost.length) {
    const detail = lost.map((f) => `${f.source_file}: read ${f.rows_read}, loaded ${f.rows_loaded}, quarantined ${f.rows_quarantined}`);
    throw new Error(`rows were lost between reading and loading (a bug, please report it):\n${detail.join("\n")}`);
  }
  // The data's "as of" date is int_as_of's (one rule): the meta table holds only what the build knows.
  await connection.run(
    `create table warehouse_meta as select $fingerprint as fingerprint, $format as format, $missing as missing_entities`,
    { fingerprint, format: loaded.format, missing: loaded.missing.join(",") },
  );
  return { out, fingerprint, skipped: false, format: loaded.format, files };
}

/** What reconciling an export needs: the data-quality mart and every model it reads (staging, mostly). */
const RECONCILIATION_MODELS = ["mart_data_quality"];

/** The models named and every model they read, in build order. */
function modelsFor(names: string[]) {
  const all = listModels();
  const needed = new Set<string>();
  const add = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of all.find((m) => m.name === name)?.dependsOn ?? []) add(dependency);
  };
  names.forEach(add);
  return all.filter((m) => needed.has(m.name));
}

/** The data-quality tables ingest fills: every input file and what became of it, and fields found in place of configured ones. */
export async function writeSourceFiles(connection: DuckDBConnection, files: SourceFile[]): Promise<void> {
  await connection.run(`create table dq_source_files (source_file varchar, entity varchar, rows_read bigint, note varchar)`);
  await connection.run(
    `create table dq_field_choices (source_file varchar, role varchar, configured varchar, found varchar, filled_rows bigint, reason varchar)`,
  );
  for (const file of files) {
    await connection.run("insert into dq_source_files values ($file, $entity, $rows, $note)", {
      file: file.file,
      entity: file.entity,
      rows: file.rowsRead,
      note: file.note,
    });
    for (const field of file.fields ?? []) {
      await connection.run("insert into dq_field_choices values ($file, $role, $configured, $found, $rows, $reason)", {
        file: field.file,
        role: field.role,
        configured: field.configured,
        found: field.found,
        rows: field.filledRows,
        reason: field.reason,
      });
    }
  }
}

async function readReconciliation(connection: DuckDBConnection): Promise<Reconciliation[]> {
  return queryRows<Reconciliation & Record<string, unknown>>(connection, "select * from mart_data_quality");
}

/** The fingerprint stored in a built warehouse, or null when there is none (or it cannot be read). */
export async function readFingerprint(path: string): Promise<string | null> {
  if (!existsSync(path)) return null;
  try {
    return await withConnection(path, (db) => queryValue<string>(db, "select fingerprint from warehouse_meta"), {
      readOnly: true,
    });
  } catch {
    return null;
  }
}

/**
 * A hash of everything the warehouse depends on: every export file's name and bytes, the config, the
 * format, and the code and SQL the build runs (WAREHOUSE_CODE). Any change to those makes a new warehouse.
 */
export async function fingerprintInputs(
  exportsDir: string,
  settingFiles: Array<string | undefined>,
  format: string,
  libraryDir = LIBRARY_DIR,
): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`format:${format}\n`);
  for (const path of listFiles(exportsDir)) {
    hash.update(`export:${relative(exportsDir, path)}\n`);
    await hashFile(hash, path);
  }
  for (const path of settingFiles) {
    hash.update(`settings:${path ?? "-"}\n`);
    if (path && existsSync(path)) hash.update(readFileSync(path));
  }
  for (const path of listFiles(libraryDir).filter((p) => isWarehouseCode(relative(libraryDir, p).split(sep).join("/")))) {
    hash.update(`code:${relative(libraryDir, path)}\n`);
    hash.update(readFileSync(path));
  }
  return hash.digest("hex");
}

function hashFile(hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // 8 MB reads: a gigabyte of exports hashes a quarter faster than with 1 MB ones.
    createReadStream(path, { highWaterMark: 8 << 20 })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve())
      .on("error", reject);
  });
}
