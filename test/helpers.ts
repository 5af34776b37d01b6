/** Shared test helpers: build a warehouse from a fixture folder into a temp dir and query it. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { queryRows, withConnection, type Params, type Row } from "../data-loaders/duckdb.ts";
import { buildWarehouse, type BuildOptions } from "../data-loaders/warehouse/build.ts";

export const REAL_DATA = join(import.meta.dirname, "../../shared/real-data");
export const FIXTURES = join(import.meta.dirname, "fixtures");

export function tempDir(prefix = "spd-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Build a warehouse from `exportsDir` into a fresh temp file; returns its path. */
export async function buildFixture(exportsDir: string, options: Partial<BuildOptions> = {}): Promise<string> {
  const out = join(tempDir(), "warehouse.duckdb");
  await buildWarehouse({ exportsDir, out, ...options });
  return out;
}

export function query<T extends Row = Row>(warehouse: string, sql: string, params?: Params): Promise<T[]> {
  return withConnection(warehouse, (db) => queryRows<T>(db, sql, params), { readOnly: true });
}
