/** Marts as the pages receive them (column arrays from src/data/marts.zip.ts), turned into rows. */
import type { MartJson } from "../lib/mart-json.js";

export type { MartJson };

export type Row = Record<string, any>;

/** One object per row. */
export function martRows(mart: MartJson): Row[] {
  const names = Object.keys(mart.data);
  const rows: Row[] = [];
  for (let i = 0; i < mart.rowCount; i++) {
    const row: Row = {};
    for (const name of names) row[name] = mart.data[name]![i];
    rows.push(row);
  }
  return rows;
}

const rowsOf = new WeakMap<MartJson, Row[]>();

/**
 * The rows of a list mart a page shows, most urgent first: for one owner (matched on `key`), every row of
 * theirs the JSON holds (at least their first `ownerRank`); for everyone ("all"), the first `listRank` —
 * of one team's list when `team` is given and the mart ranks its rows per team (`team_rank`).
 */
export function listRows(mart: MartJson, owner = "all", key = "owner_id", team: string | null = null): Row[] {
  const limit = mart.shown?.listRank ?? Infinity;
  // Rows are made once per mart: a page re-renders its list on every filter change.
  if (!rowsOf.has(mart)) rowsOf.set(mart, martRows(mart));
  const all = rowsOf.get(mart)!;
  const byTeam = team !== null && "team_rank" in mart.data;
  const rows = all.filter((d) =>
    owner !== "all" ? String(d[key] ?? "(none)") === owner : byTeam ? d.team === team && d.team_rank <= limit : d.list_rank <= limit,
  );
  return rows.sort((a, b) => a.list_rank - b.list_rank);
}
