/**
 * The table behind a chart: the same rows, sortable, with a CSV download. Cells render as text (Inputs
 * table never parses HTML), so CRM text cannot run in the page.
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
}

export function dataTable(rows: Record<string, any>[], options: TableOptions = {}): HTMLElement {
  const { columns, header, format, filename = "table.csv", locale = "en", rows: visibleRows = 12, fullList } = options;
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  const table = Inputs.table(rows, { columns, header, format, rows: visibleRows, select: false, layout: "auto" });
  const keep = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const download = fullList ? fullListLink(fullList, filename, locale) : downloadButton(
    () => rows.map((row) => Object.fromEntries(keep.map((c) => [header?.[c] ?? c, row[c]]))),
    filename,
    label("download_csv", locale),
  );
  wrapper.append(download, table);
  return wrapper;
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
