/** Shared test helpers: build a warehouse from a fixture folder into a temp dir and query it. */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { queryRows, withConnection, type Params, type Row } from "../data-loaders/duckdb.ts";
import { buildWarehouse, type BuildOptions } from "../data-loaders/warehouse/build.ts";

/** The public real datasets: REAL_DATA, or ../shared/real-data beside the checkout (where CI has them). */
export const REAL_DATA = resolve(process.env.REAL_DATA || join(import.meta.dirname, "../../shared/real-data"));
/**
 * Tests that need the real datasets skip when the folder is absent, so that `npm test` passes on any
 * machine (test/global-setup.ts prints one line saying so). `.ci/run` sets REQUIRE_REAL_DATA: there a missing
 * folder fails those tests, naming it, instead of skipping them.
 */
export const SKIP_REAL_DATA = !existsSync(REAL_DATA) && !process.env.REQUIRE_REAL_DATA;

/** A folder of the real datasets; throws, naming it, when it is absent (only reached when REQUIRE_REAL_DATA). */
export function realData(...parts: string[]): string {
  const dir = join(REAL_DATA, ...parts);
  if (!existsSync(dir)) throw new Error(`real data is absent: expected ${dir} (REAL_DATA, or ../shared/real-data beside the checkout as in CI)`);
  return dir;
}
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
