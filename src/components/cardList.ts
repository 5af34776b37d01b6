/**
 * An act-on list as a phone reads it: one card per row, in the rows' order. The row label (the first
 * column: an account, a source) is the card's title, a heading; the key columns (dataTable `key`, what a
 * reader acts on) follow as "Header: value" pairs; then a few other columns, smaller. The same headers and
 * formats as the page's table (columnHeader, the page's `format`).
 *
 * Every row is there, but past the first `open` (the rows a handout prints) the rest wait behind a
 * "Show N more" disclosure (<details>): fifty cards would push what follows the list far down a phone.
 *
 * A list (<ul>, one <li> per row) of headed cards, each pair a <dt>/<dd> in a <dl>: a screen reader says
 * "list, 14 items" and can move from title to title. Values are text nodes: CRM text never becomes markup.
 * A value that is unknown (null) reads "–"; a flag that is off ("" after the page's format, false) is left
 * out (the table shows "–"; on a card, "New on list: –" in every card would only be noise).
 *
 * The other columns are capped (`moreLimit`): a card of more than eight or nine lines stops reading as a
 * list item on a phone, and the whole table (and its CSV) is a tap away on a wider screen. A page passes
 * the columns that matter most (`more`: on the team pages, its handout's columns, chosen for paper).
 *
 * style.css shows the list only at ≤ 640 px (the site's phone breakpoint) and never on paper, and hides the
 * table it stands for (`.data-table.has-cards`) at that width.
 */
import { formatCount } from "./format.js";
import type { Locale } from "./labels.js";
import { columnHeader, keyColumns } from "./table.js";
import { translator } from "./words.js";

const WORDS = {
  rest: [(n: string) => `Show ${n} more`, (n: string) => `${n}건 더 보기`],
} as const;

export interface CardListOptions {
  /** The table's columns in the page's order; the first is the row label, each card's title. */
  columns: string[];
  /** The key columns (dataTable `key`), most needed first: each card's "Header: value" pairs. */
  key?: string[];
  header?: Record<string, string>;
  format?: Record<string, (value: any) => string>;
  /** The other columns to show, smaller, in this order (default: the rest of `columns`); keys and the label are skipped. */
  more?: string[];
  /** At most this many of `more` (default 5). */
  moreLimit?: number;
  /** How many cards show at first; the rest open with "Show N more" (default: all). */
  open?: number;
  locale?: Locale;
  /** Rows to show muted, in italics (low sample). */
  muted?: (row: Record<string, any>) => boolean;
  /** The card titles' heading level (default 4: under the list's h2 and h3). */
  level?: 2 | 3 | 4 | 5 | 6;
  /** The list's accessible name (the list's heading, say). */
  label?: string;
}

export function cardList(rows: Record<string, any>[], options: CardListOptions): HTMLElement {
  const { columns, key = [], header = {}, format = {}, more, moreLimit = 5, open = Infinity, locale = "en", muted, level = 4, label } = options;
  const [title, ...keys] = keyColumns(columns, key);
  const others = (more ?? columns).filter((c) => c !== title && !keys.includes(c) && columns.includes(c)).slice(0, moreLimit);
  const block = document.createElement("div");
  block.className = "card-list";
  const list = document.createElement("ul");
  list.className = "row-cards";
  if (label) list.setAttribute("aria-label", label);
  block.append(list);
  let rest: HTMLUListElement | undefined;
  const text = (row: Record<string, any>, column: string) => cellText(row[column], format[column]);
  for (const [i, row] of rows.entries()) {
    const item = document.createElement("li");
    item.className = "row-card";
    if (muted?.(row)) item.classList.add("low-sample");
    const heading = document.createElement(`h${level}`);
    heading.className = "row-card-title";
    heading.textContent = title === undefined ? "" : text(row, title);
    item.append(heading);
    for (const [group, className] of [[keys, "row-card-keys"], [others, "row-card-more"]] as const) {
      const pairs = group.map((column) => [column, text(row, column)] as const).filter(([, value]) => value !== "");
      if (!pairs.length) continue;
      const dl = document.createElement("dl");
      dl.className = className;
      for (const [column, value] of pairs) {
        const pair = document.createElement("div");
        pair.dataset.column = column;
        const dt = document.createElement("dt");
        dt.textContent = columnHeader(column, header, locale);
        const dd = document.createElement("dd");
        dd.textContent = value;
        pair.append(dt, dd);
        dl.append(pair);
      }
      item.append(dl);
    }
    if (i < Math.max(open, 1)) {
      list.append(item);
      continue;
    }
    if (!rest) {
      const details = document.createElement("details");
      details.className = "row-cards-rest";
      const summary = document.createElement("summary");
      summary.textContent = translator(WORDS, locale)("rest", formatCount(rows.length - i, locale));
      rest = document.createElement("ul");
      rest.className = "row-cards";
      if (label) rest.setAttribute("aria-label", label);
      details.append(summary, rest);
      block.append(details);
    }
    rest.append(item);
  }
  return block;
}

/** A value as the page's table shows it: the page's format, else "–" for unknown, "✓" or nothing for a flag, else the text. */
export function cellText(value: unknown, format?: (value: any) => string): string {
  if (format) return String(format(value) ?? "").replace(/\s+/g, " ").trim();
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "✓" : "";
  return String(value).replace(/\s+/g, " ").trim();
}
