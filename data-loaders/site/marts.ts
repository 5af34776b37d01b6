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
import { queryColumns, quoteIdentifier } from "../duckdb.ts";
import type { MartJson } from "../../src/lib/mart-json.ts";
import { listModels, type Model } from "../warehouse/models.ts";

export type { MartJson };

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

/** Every row of a mart, in its order, as columns. */
export function readMartColumns(db: DuckDBConnection, model: Model): Promise<Record<string, unknown[]>> {
  return queryColumns(db, `select * from ${quoteIdentifier(model.name)}`);
}

/**
 * A mart as pages receive it, from its columns (every row, readMartColumns): the model names it and
 * documents its columns; a list mart keeps only the rows pages show.
 */
export function martJson(model: Model, all: Record<string, unknown[]>): MartJson {
  const name = model.name;
  const list = isListMart(model);
  const total = Object.values(all)[0]?.length ?? 0;
  const keep = list
    ? [...Array(total).keys()].filter(
        (i) =>
          Number(all.list_rank![i]) <= LIST_SHOWN.list ||
          Number(all.owner_rank![i]) <= LIST_SHOWN.owner ||
          // A team's own list, where config teamRoles splits a role into teams.
          (all.team_rank !== undefined && Number(all.team_rank[i]) <= LIST_SHOWN.list),
      )
    : null;
  const data = keep ? Object.fromEntries(Object.entries(all).map(([c, values]) => [c, keep.map((i) => values[i])])) : all;
  const described = new Map(model.columns.map((c) => [c.name, c.description]));
  const names = Object.keys(data);
  return {
    name,
    description: model.description,
    columns: Object.fromEntries(names.map((c) => [c, described.get(c) ?? ""])),
    rowCount: keep ? keep.length : total,
    data,
    ...(list && { shown: { listRank: LIST_SHOWN.list, ownerRank: LIST_SHOWN.owner, ofRows: total } }),
  };
}
