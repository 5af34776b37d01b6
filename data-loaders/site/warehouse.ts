/**
 * What loader entrypoints (src/data/*.json.ts) use to read the warehouse: one read-only connection,
 * opened on the warehouse the build made. Loaders never read exports; the warehouse is built once.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { withConnection } from "../duckdb.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The warehouse file: $WAREHOUSE, or data/warehouse.duckdb in the project. */
export function warehousePath(): string {
  return process.env.WAREHOUSE ?? `${PROJECT_ROOT}data/warehouse.duckdb`;
}

export async function readWarehouse<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const path = warehousePath();
  if (!existsSync(path)) {
    throw new Error(`no warehouse at ${path}: run "npm run warehouse" (or "npm run build", which runs it first)`);
  }
  return withConnection(path, fn, { readOnly: true });
}

/** Write a loader's result to stdout as JSON, the one thing a loader outputs. */
export function writeJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value));
}
