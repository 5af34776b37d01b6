/**
 * The act-on list as it goes on paper: the first rows of a list as a plain table, every row present (the
 * on-screen table loads rows as it scrolls, so it prints only what was scrolled to), with "N more on the
 * dashboard" under it. Cells are text nodes: CRM text never becomes markup; an empty (null) cell reads "–".
 */
import { formatCount } from "./format.js";
import type { Locale } from "./labels.js";
import { translator } from "./words.js";

const WORDS = {
  more: [
    (shown: string, of: string) => `First ${shown} of ${of} — the rest are on the dashboard.`,
    (shown: string, of: string) => `상위 ${shown}건 / 전체 ${of}건 — 나머지는 대시보드에서 확인하세요.`,
  ],
} as const;

export interface HandoutOptions {
  columns: string[];
  header?: Record<string, string>;
  format?: Record<string, (value: any) => string>;
  limit?: number;
  locale?: Locale;
  /** Rows to print lighter and in italics (low sample). */
  muted?: (row: Record<string, any>) => boolean;
  /** How many rows the whole list has, when `rows` are only its first ones. */
  of?: number;
}

export function handoutTable(rows: Record<string, any>[], { columns, header = {}, format = {}, limit = 15, locale = "en", muted, of = rows.length }: HandoutOptions): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "handout-table print-only";
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.textContent = header[column] ?? column;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, limit)) {
    const tr = body.insertRow();
    if (muted?.(row)) tr.className = "low-sample";
    for (const column of columns) {
      const value = row[column];
      const cell = tr.insertCell();
      const text = format[column] ? format[column](value) : value === null || value === undefined ? "–" : String(value);
      cell.textContent = text;
      if (typeof value === "number") cell.className = "number";
      // A date, an amount or a range ("2026-04-30", "₩14.7억", "35%–57%") stays on one line on paper.
      if (text && !/\p{L}{2,}/u.test(text)) cell.classList.add("nowrap");
    }
  }
  wrapper.append(table);
  if (of > Math.min(limit, rows.length)) {
    const more = document.createElement("p");
    more.className = "data-note";
    more.textContent = translator(WORDS, locale)("more", formatCount(Math.min(limit, rows.length), locale), formatCount(of, locale));
    wrapper.append(more);
  }
  return wrapper;
}
