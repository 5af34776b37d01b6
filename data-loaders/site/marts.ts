/**
 * Every mart, exposed to pages the same way: one archive loader (src/data/marts.zip.ts) writes each
 * mart as column arrays — small, and what arquero reads directly. A new mart is a new SQL file
 * and nothing else: the list of marts (and so the loader's dynamic paths) comes from the models.
 *
 * A list mart (an act-on list: one row per deal or record to work, with the columns `list_rank` and
 * `owner_rank`) grows with the business, and pages carry aggregates, not rows. Its JSON holds only the
 * rows a page shows — the first LIST_SHOWN.list of the whole list and the first LIST_SHOWN.owner of each
 * owner's — and the whole list is published beside it as CSV, downloaded only when asked for.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, queryValue, quoteIdentifier } from "../duckdb.ts";
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
  /** For a list mart: which rows the JSON holds, and how many the whole list has. */
  shown?: { listRank: number; ownerRank: number; ofRows: number };
}

/** The rows of a list mart that reach the page: enough for a meeting, the same size at any scale. */
export const LIST_SHOWN = { list: 50, owner: 10 };

/** A list mart ranks its rows on the whole list and per owner. */
export function isListMart(model: Model): boolean {
  const names = model.columns.map((c) => c.name);
  return names.includes("list_rank") && names.includes("owner_rank");
}

/** The marts pages may read. */
export function martModels(): Model[] {
  return listModels().filter((m) => m.layer === "marts");
}

/** Their names. */
export function martNames(): string[] {
  return martModels().map((m) => m.name);
}

/** Every row of a mart, in its order. */
export async function readMartRows(db: DuckDBConnection, model: Model): Promise<Record<string, unknown>[]> {
  return queryRows(db, `select * from ${quoteIdentifier(model.name)}`);
}

/** A mart as pages receive it; the model (from martModels) names the table and documents its columns. */
export async function readMart(db: DuckDBConnection, model: Model): Promise<MartJson> {
  const name = model.name;
  const list = isListMart(model);
  const rows = list
    ? await queryRows(db, `select * from ${quoteIdentifier(name)} where list_rank <= $list or owner_rank <= $owner order by list_rank`, LIST_SHOWN)
    : await readMartRows(db, model);
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
    ...(list && {
      shown: { listRank: LIST_SHOWN.list, ownerRank: LIST_SHOWN.owner, ofRows: Number(await queryValue(db, `select count(*) from ${quoteIdentifier(name)}`)) },
    }),
  };
}
