/**
 * Every mart, exposed to pages the same way: one archive loader (src/data/marts.zip.ts) writes each
 * mart as column arrays — small, and what arquero reads directly. A new mart is a new SQL file
 * and nothing else: the list of marts (and so the loader's dynamic paths) comes from the models.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, quoteIdentifier } from "../duckdb.ts";
import { listModels, type Model } from "../warehouse/models.ts";

export interface MartJson {
  name: string;
  /** What one row is (the model's header). */
  description: string;
  /** Column → its description, in table order. */
  columns: Record<string, string>;
  rowCount: number;
  /** Column → values, one per row. */
  data: Record<string, unknown[]>;
}

/** The marts pages may read. */
export function martModels(): Model[] {
  return listModels().filter((m) => m.layer === "marts");
}

/** Their names. */
export function martNames(): string[] {
  return martModels().map((m) => m.name);
}

/** A mart as pages receive it; the model (from martModels) names the table and documents its columns. */
export async function readMart(db: DuckDBConnection, model: Model): Promise<MartJson> {
  const name = model.name;
  const rows = await queryRows(db, `select * from ${quoteIdentifier(name)}`);
  const described = new Map(model.columns.map((c) => [c.name, c.description]));
  const names = rows.length ? Object.keys(rows[0]!) : model.columns.map((c) => c.name);
  const data: Record<string, unknown[]> = {};
  for (const column of names) data[column] = rows.map((row) => row[column] ?? null);
  return {
    name,
    description: model.description,
    columns: Object.fromEntries(names.map((c) => [c, described.get(c) ?? ""])),
    rowCount: rows.length,
    data,
  };
}
