/**
 * The SQL models under data-loaders/models/, run like dbt: one `select` per file, materialised as a
 * table named after the file, in dependency order (a model depends on the models whose names it
 * mentions). A model with a `quarantine_reason` column is split: rows with a reason go to
 * dq_quarantine with their file and row, the rest stay. Adding a metric is adding one file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, quoteIdentifier } from "../duckdb.ts";

export const MODELS_DIR = fileURLToPath(new URL("../models/", import.meta.url));
export const LAYERS = ["staging", "intermediate", "marts"] as const;

export interface Model {
  name: string;
  layer: (typeof LAYERS)[number];
  path: string;
  sql: string;
  /** The first comment paragraph: what one row is. */
  description: string;
  columns: Array<{ name: string; description: string }>;
  dependsOn: string[];
}

/** Every model, in an order where each comes after the models it reads. */
export function listModels(dir = MODELS_DIR): Model[] {
  const models: Model[] = [];
  for (const layer of LAYERS) {
    const layerDir = join(dir, layer);
    for (const file of readdirSync(layerDir).filter((f) => f.endsWith(".sql")).sort()) {
      const path = join(layerDir, file);
      models.push(parseModel(basename(file, ".sql"), layer, path, readFileSync(path, "utf8")));
    }
  }
  const names = new Set(models.map((m) => m.name));
  for (const model of models) {
    model.dependsOn = model.dependsOn.filter((name) => names.has(name) && name !== model.name);
  }
  return sortByDependencies(models);
}

export function parseModel(name: string, layer: Model["layer"], path: string, sql: string): Model {
  const comments = sql.split("\n").filter((line) => line.startsWith("--")).map((line) => line.replace(/^--\s?/, ""));
  const columns = comments
    .map((line) => /^@column\s+(\w+):\s*(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ name: m[1]!, description: m[2]! }));
  const descriptionLines: string[] = [];
  for (const line of comments) {
    if (line.startsWith("@column") || line.trim() === "") break;
    descriptionLines.push(line.trim());
  }
  const code = sql.replace(/--.*$/gm, "");
  const mentioned = [...code.matchAll(/\b((?:stg|int|mart|dq)_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
  return { name, layer, path, sql, description: descriptionLines.join(" "), columns, dependsOn: [...new Set(mentioned)] };
}

function sortByDependencies(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const sorted: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (model: Model, path: string[]) => {
    if (state.get(model.name) === "done") return;
    if (state.get(model.name) === "visiting") {
      throw new Error(`models depend on each other in a cycle: ${[...path, model.name].join(" → ")}`);
    }
    state.set(model.name, "visiting");
    for (const dependency of model.dependsOn) visit(byName.get(dependency)!, [...path, model.name]);
    state.set(model.name, "done");
    sorted.push(model);
  };
  for (const model of models) visit(model, []);
  return sorted;
}

/** Create the macros every model may use. */
export async function createMacros(connection: DuckDBConnection, dir = MODELS_DIR): Promise<void> {
  await connection.run(readFileSync(join(dir, "macros.sql"), "utf8"));
}

/** Told how long a step of the build took, in ms (`npm run warehouse -- --timings`). */
export type OnTimed = (step: string, ms: number) => void;

/** Run `fn`, telling `onTimed` how long it took under the name `step`. */
export async function timed<T>(onTimed: OnTimed, step: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    onTimed(step, performance.now() - started);
  }
}

/** Materialise every model, quarantining rows that a staging model marks. */
export async function runModels(connection: DuckDBConnection, models: Model[], onTimed: OnTimed = () => {}): Promise<void> {
  for (const model of models) await timed(onTimed, `model ${model.name}`, () => runModel(connection, model));
}

async function runModel(connection: DuckDBConnection, model: Model): Promise<void> {
  const table = quoteIdentifier(model.name);
  try {
    await connection.run(`create or replace table ${table} as ${model.sql}`);
  } catch (error) {
    throw new Error(`model ${model.name} (${model.path}) failed: ${(error as Error).message}`);
  }
  const columns = await queryRows<{ column_name: string }>(
    connection,
    "select column_name from duckdb_columns() where table_name = $table order by column_index",
    { table: model.name },
  );
  if (columns.some((c) => c.column_name === "quarantine_reason")) {
    const recordId = quoteIdentifier(columns[0]!.column_name);
    await connection.run(
      `insert into dq_quarantine
       select $model, _source_file, _source_row, ${recordId}::varchar, quarantine_reason
       from ${table} where quarantine_reason is not null`,
      { model: model.name },
    );
    await connection.run(`delete from ${table} where quarantine_reason is not null`);
    await connection.run(`alter table ${table} drop column quarantine_reason`);
  }
}
