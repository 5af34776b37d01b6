/**
 * The table behind a chart: the same rows, sortable, with a CSV download. Cells render as text (Inputs
 * table never parses HTML), so CRM text cannot run in the page.
 *
 * Key columns first: a table names the columns a reader needs first (`key`: what the table ranks by, what
 * a lead acts on). They come right after the row label, so at 1280 px every one is in view without
 * scrolling, and on a phone the row label and the first keys are (test/browser/table-columns.test.ts
 * checks both; the frame lists them in `data-key-columns`, each header names its column in `data-column`).
 * The rest of a table wider than its card scrolls sideways inside it: the first column stays put, and a
 * shadow on the edge that has more columns says so (style.css, classes set here as the reader scrolls).
 *
 * Names (the row label, an account, a rep) keep one line and are cut past a width with "…": a company at
 * its end ("Redstone Engin…"), a person in the middle, the surname kept ("Ca…Lindqvist" stays apart from
 * "La…Lindqvist" and "Ca…Walker"; a person's width fits the sample's longest rep names whole, even on a
 * phone). The whole name is in the title (hover) and shown, wrapped in place, when the cell has focus (a
 * long name is focusable; a tap focuses it too). Numbers keep one line, right-aligned; a column of long
 * text (a note, a reason) wraps between words at a sensible width.
 */
import * as Inputs from "@observablehq/inputs";
import { downloadButton } from "./csv.js";
import { label, type Locale } from "./labels.js";
import { textColumns } from "./text.js";

export interface TableOptions {
  columns?: string[];
  header?: Record<string, string>;
  format?: Record<string, (value: any) => string>;
  filename?: string;
  locale?: Locale;
  rows?: number;
  /** The table shows the first rows of a longer list: the download is that whole list, a file the site publishes (not the rows shown). */
  fullList?: { href: string; rows: number };
  /** The rows the CSV holds when they are not the rows shown: the mart's whole rows behind a table of a few chosen columns. */
  download?: Record<string, any>[];
  /**
   * The columns a reader needs first, most needed first: shown right after the row label (the first
   * column, always a key), before every other column, so they are in view without scrolling.
   */
  key?: string[];
  /**
   * The columns of people's names, cut in the middle to keep the surname ("Ca…Lindqvist", "La…Lindqvist");
   * other names (accounts, the row label) are cut at the end. Default: owner_name and rep_name.
   */
  people?: string[];
  /**
   * Columns whose cells may break onto a second line (on a narrow screen) where the page's format puts a
   * line break: "44.4% (19–73%)\n⚠ low sample" reads "44.4% (19–73%) ⚠ low sample" on one line when
   * there is room, else as two; each part stays whole.
   */
  wrap?: string[];
}

/** How many rows past a table's `rows` it shows whole rather than scroll. */
const EXTRA_ROWS_SHOWN = 6;

export function dataTable(rows: Record<string, any>[], options: TableOptions = {}): HTMLElement {
  const { columns, header = {}, format = {}, filename = "table.csv", locale = "en", rows: visibleRows = 12, fullList, download: downloadRows, key, people = PEOPLE, wrap = [] } = options;
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  wrapper.dataset.filename = filename;
  const given = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const keys = key ? keyColumns(given, key) : [];
  const keep = orderColumns(given, keys);
  const headers = Object.fromEntries(keep.map((c) => [c, columnHeader(c, header, locale)]));
  // A column the page lets break between parts (`wrap`) is neither cut as a name nor wrapped as long text.
  const names = nameColumns(rows, keep).filter((c) => !wrap.includes(c));
  const wraps = wrapColumns(rows, keep).filter((c) => !names.includes(c) && !wrap.includes(c));
  const formats: Record<string, (value: any, i: number, data: any) => any> = { ...booleanFormats(rows, keep, format), ...format };
  for (const column of names) formats[column] = nameFormat(formats[column], people.includes(column));
  for (const column of wrap) if (keep.includes(column)) formats[column] = partsFormat(formats[column]);
  // A table a few rows longer than `rows` shows them all: a box that ends on a row boundary looks
  // complete and hides the rest (the weakest reps, the oldest quarters). A longer one scrolls, and
  // stops half-way through a row so that the reader sees there is more.
  const showAll = rows.length <= visibleRows + EXTRA_ROWS_SHOWN;
  const table = Inputs.table(rows, { columns: keep, header: headers, format: formats, rows: showAll ? Math.max(rows.length, 1) : visibleRows + 0.5, select: false, layout: "auto" }) as HTMLElement;
  // Inputs sizes the box for one-line headers; a header that wraps (Korean, narrow columns) would push the last row out of it.
  if (showAll) table.style.maxHeight = "none";
  // The CSV keeps the page's own column order.
  const download = fullList ? fullListLink(fullList, filename, locale) : downloadButton(
    () => downloadRows ?? rows.map((row) => Object.fromEntries(given.map((c) => [headers[c], row[c]]))),
    filename,
    label("download_csv", locale),
  );
  const frame = document.createElement("div");
  frame.className = "table-frame";
  frame.id = `data-table-${++tables}`;
  if (keys.length) frame.dataset.keyColumns = keys.join(" ");
  frame.append(table, columnsStyle(frame.id, keep, wraps, names, wrap.filter((c) => keep.includes(c))));
  // Inputs titles each header with the column's code name (shown on hover): the reader's words instead;
  // the code name goes in data-column, a key column's header says so in data-key.
  for (const th of (table as HTMLElement).querySelectorAll("thead th[title]") as NodeListOf<HTMLElement>) {
    const column = th.title;
    th.dataset.column = column;
    if (keys.includes(column)) th.dataset.key = "";
    th.title = headers[column] ?? column;
  }
  scrollCue(frame, table);
  wrapper.append(download, frame);
  return wrapper;
}

/** The key columns a table shows: its row label (the first column), then the given keys it has, in their order. */
export function keyColumns(columns: string[], key: string[]): string[] {
  return [...new Set([columns[0], ...key].filter((c): c is string => c !== undefined && columns.includes(c)))];
}

/** The row label, the other key columns, then the rest in the page's order. */
export function orderColumns(columns: string[], keys: string[]): string[] {
  return keys.length ? [...keys, ...columns.filter((c) => !keys.includes(c))] : columns;
}

const PEOPLE = ["owner_name", "rep_name"];

/**
 * The columns of names, cut past a width (nameFormat): the row label, unless it is long text that wraps
 * (a lost reason in words), and every column named "…name" (account_name, owner_name, rep_name).
 */
export function nameColumns(rows: Record<string, any>[], columns: string[]): string[] {
  const wraps = wrapColumns(rows, columns);
  return columns.filter((column, i) => (i === 0 && !wraps.includes(column)) || /(^|_)name$/.test(column));
}

/**
 * A column's header: the page's own, else the shared label for that key, else the key in words
 * ("compared_with" → "Compared with"): a reader never sees a column's code name.
 */
export function columnHeader(column: string, header: Record<string, string>, locale: Locale): string {
  if (header[column] !== undefined) return header[column];
  const known = label(column, locale);
  if (known !== column) return known;
  const words = column.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** True/false columns read as a check mark or nothing, not as "true" and "false". */
function booleanFormats(rows: Record<string, any>[], columns: string[], format: Record<string, unknown>): Record<string, (value: any) => string> {
  const formats: Record<string, (value: any) => string> = {};
  for (const column of columns) {
    if (format[column]) continue;
    const values = rows.slice(0, 200).map((row) => row[column]).filter((v) => v !== null && v !== undefined);
    if (values.length && values.every((v) => typeof v === "boolean")) formats[column] = (v) => (v ? "✓" : "");
  }
  return formats;
}

/** Text longer than this (in widths of a Latin letter; a Korean letter counts two) may wrap. */
const LONG_TEXT = 24;

/**
 * The columns of long text, allowed to wrap between words: a value has a space and is longer than
 * LONG_TEXT. Names ("Camille de Vries"), stages and dates stay on one line.
 */
export function wrapColumns(rows: Record<string, any>[], columns: string[]): string[] {
  const long = (value: unknown) => typeof value === "string" && /\S\s+\S/.test(value) && textColumns(value) > LONG_TEXT;
  return columns.filter((column) => rows.slice(0, 200).some((row) => long(row[column])));
}


/** A name wider than this (in widths of a Latin letter; a Korean letter counts two) may be cut: it takes focus, to be read whole. */
const LONG_NAME = 14;

/** A person's last word (the surname) kept whole when the name is cut, up to this many letters. */
const LAST_WORD = 12;

/**
 * A name cell (after the page's own format), which CSS cuts with "…" when it is wider than its column's
 * width (style.css .cell-name). A company is cut at the end ("Redstone Ma…": its first words tell it
 * apart, not "Ltd."); a person's name in two parts, all but its last word and its last word, is cut in
 * the middle ("Ca…Lindqvist", "Ca…Walker": reps share first names and surnames, so both ends count). The
 * text itself stays whole (a test, a screen reader, a copy read all of it).
 */
function nameFormat(format: ((value: any, i: number, data: any) => any) | undefined, person: boolean): (value: any, i: number, data: any) => any {
  return (value, i, data) => {
    const shown = format ? format(value, i, data) : value;
    if (shown instanceof Node || shown === null || shown === undefined || shown === "") return shown;
    const text = String(shown);
    const span = document.createElement("span");
    span.className = person ? "cell-name person" : "cell-name";
    span.title = text;
    const cut = !person || /[\t\n\r]/.test(text) ? -1 : text.lastIndexOf(" ");
    const head = document.createElement("span");
    if (cut > 0 && cut < text.length - 1 && text.length - cut - 1 <= LAST_WORD) {
      const tail = document.createElement("span");
      head.textContent = text.slice(0, cut + 1);
      tail.textContent = text.slice(cut + 1);
      tail.className = "cell-name-last";
      // Room kept for the last word (style.css): its width estimated in widths of a digit, a little over.
      span.style.setProperty("--last", `${textColumns(tail.textContent) + 0.5}ch`);
      span.append(head, tail);
    } else {
      head.textContent = text;
      span.append(head);
    }
    if (textColumns(text) > LONG_NAME) span.tabIndex = 0;
    return span;
  };
}

/** A cell in parts, one per line of the page's format, each kept whole, a space between (table `wrap`). */
function partsFormat(format?: (value: any, i: number, data: any) => any): (value: any, i: number, data: any) => any {
  return (value, i, data) => {
    const shown = format ? format(value, i, data) : value;
    if (shown instanceof Node || shown === null || shown === undefined || shown === "") return shown;
    const fragment = document.createDocumentFragment();
    String(shown).split("\n").forEach((part, j) => {
      if (j) fragment.append(" ");
      const span = document.createElement("span");
      span.className = "cell-part";
      span.textContent = part;
      fragment.append(span);
    });
    return fragment;
  };
}

let tables = 0;

/**
 * Inputs' table cells have no class. Like Inputs' own alignment rules, these name the columns by
 * position (the first cell of a row is Inputs' selection box), scoped to one table by its frame's id:
 * the columns of long text may wrap, at a minimum width; on a narrow screen the columns the page lets
 * break (`wrap`) may, between their parts; the name columns other than the row label take --other-name-width.
 */
function columnsStyle(frameId: string, columns: string[], words: string[], names: string[], breaks: string[]): HTMLStyleElement {
  const style = document.createElement("style");
  const selector = (list: string[]) => list.map((column) => `#${frameId} tr > :nth-child(${columns.indexOf(column) + 2})`).join(", ");
  const rules: string[] = [];
  if (words.length) rules.push(`${selector(words)} { white-space: normal; min-width: var(--wrap-column-min, min(12em, 40vw)); }`);
  if (breaks.length) rules.push(`@media (max-width: 640px) { ${selector(breaks)} { white-space: normal; } }`);
  const otherNames = names.filter((column) => columns.indexOf(column) > 0);
  if (otherNames.length) rules.push(`${selector(otherNames)} { --name-width: var(--other-name-width); }`);
  style.textContent = rules.join("\n");
  return style;
}

/** Mark which sides of the table have more to scroll to: `more-left`, `more-right` on the frame. */
function scrollCue(frame: HTMLElement, scroller: HTMLElement): void {
  const update = () => {
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    frame.classList.toggle("more-left", scroller.scrollLeft > 1);
    frame.classList.toggle("more-right", hidden > 1 && scroller.scrollLeft < hidden - 1);
  };
  scroller.addEventListener("scroll", update, { passive: true });
  if (typeof ResizeObserver !== "undefined") {
    const observer = new ResizeObserver(update);
    observer.observe(scroller);
    const table = scroller.querySelector("table");
    if (table) observer.observe(table);
  }
}

/** A link to the whole list's CSV, fetched only when clicked (so a first visit does not carry it). */
function fullListLink({ href, rows }: { href: string; rows: number }, filename: string, locale: Locale): HTMLAnchorElement {
  const link = document.createElement("a");
  link.className = "download-csv";
  link.href = href;
  link.download = filename;
  const count = rows.toLocaleString(locale === "ko" ? "ko-KR" : "en-US");
  link.textContent = locale === "ko" ? `전체 목록 CSV 다운로드 (${count}건)` : `Download the full list (CSV, ${count} rows)`;
  return link;
}
