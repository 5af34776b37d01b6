/** Marts as the pages receive them (column arrays from src/data/marts.zip.ts), turned into rows. */
export interface MartJson {
  name: string;
  description: string;
  columns: Record<string, string>;
  rowCount: number;
  data: Record<string, unknown[]>;
}

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

/** Sum numeric columns of rows, grouped by the `by` columns: re-aggregating counts, never rates. */
export function sumBy(rows: Row[], by: string[], sums: string[]): Row[] {
  const groups = new Map<string, Row>();
  for (const row of rows) {
    const key = JSON.stringify(by.map((b) => row[b]));
    let group = groups.get(key);
    if (!group) {
      group = Object.fromEntries(by.map((b) => [b, row[b]]));
      for (const s of sums) group[s] = 0;
      groups.set(key, group);
    }
    for (const s of sums) group[s] += Number(row[s] ?? 0);
  }
  return [...groups.values()];
}
