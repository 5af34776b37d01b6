/**
 * The table behind a chart: the same rows, sortable, with a CSV download. Cells render as text (Inputs
 * table never parses HTML), so CRM text cannot run in the page.
 *
 * A table wider than its card scrolls sideways inside it: the first column stays put, and a shadow on
 * the edge that has more columns says so (style.css, classes set here as the reader scrolls). Nothing is
 * cut with "…": names and numbers keep one line (numbers right-aligned), and only a column of long text
 * (a note, a long company name) wraps, between words, at a sensible width.
 */
import * as Inputs from "@observablehq/inputs";
import { downloadButton } from "./csv.js";
import { label, type Locale } from "./labels.js";

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
}

export function dataTable(rows: Record<string, any>[], options: TableOptions = {}): HTMLElement {
  const { columns, header = {}, format = {}, filename = "table.csv", locale = "en", rows: visibleRows = 12, fullList, download: downloadRows } = options;
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  const keep = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const headers = Object.fromEntries(keep.map((c) => [c, columnHeader(c, header, locale)]));
  const formats = { ...booleanFormats(rows, keep, format), ...format };
  const table = Inputs.table(rows, { columns: keep, header: headers, format: formats, rows: visibleRows, select: false, layout: "auto" });
  const download = fullList ? fullListLink(fullList, filename, locale) : downloadButton(
    () => downloadRows ?? rows.map((row) => Object.fromEntries(keep.map((c) => [headers[c], row[c]]))),
    filename,
    label("download_csv", locale),
  );
  const frame = document.createElement("div");
  frame.className = "table-frame";
  frame.id = `data-table-${++tables}`;
  frame.append(table, wrapColumnsStyle(frame.id, table, wrapColumns(rows, keep)));
  // Inputs titles each header with the column's code name (shown on hover): the reader's words instead.
  for (const th of (table as HTMLElement).querySelectorAll("thead th[title]") as NodeListOf<HTMLElement>) th.title = headers[th.title] ?? th.title;
  scrollCue(frame, table);
  wrapper.append(download, frame);
  return wrapper;
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
  const long = (value: unknown) => typeof value === "string" && /\S\s+\S/.test(value) && textWidth(value) > LONG_TEXT;
  return columns.filter((column) => rows.slice(0, 200).some((row) => long(row[column])));
}

function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char) ? 2 : 1;
  return width;
}

let tables = 0;

/**
 * Inputs' table cells have no class. Like Inputs' own alignment rules, these name the columns by
 * position (the first cell of a row is Inputs' selection box), scoped to one table by its frame's id.
 */
function wrapColumnsStyle(frameId: string, table: HTMLElement, words: string[]): HTMLStyleElement {
  const style = document.createElement("style");
  const columns = Array.from(table.querySelectorAll("thead th"), (th) => th.getAttribute("title"));
  const positions = words.map((column) => columns.indexOf(column) + 1).filter((position) => position > 0);
  if (positions.length) {
    const selector = positions.map((p) => `#${frameId} tr > :nth-child(${p})`).join(", ");
    style.textContent = `${selector} { white-space: normal; min-width: var(--wrap-column-min, min(12em, 40vw)); }`;
  }
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
