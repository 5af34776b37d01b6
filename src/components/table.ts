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
}

export function dataTable(rows: Record<string, any>[], options: TableOptions = {}): HTMLElement {
  const { columns, header, format, filename = "table.csv", locale = "en", rows: visibleRows = 12 } = options;
  const wrapper = document.createElement("div");
  wrapper.className = "data-table";
  const table = Inputs.table(rows, { columns, header, format, rows: visibleRows, select: false, layout: "auto" });
  const keep = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const download = downloadButton(
    () => rows.map((row) => Object.fromEntries(keep.map((c) => [header?.[c] ?? c, row[c]]))),
    filename,
    label("download_csv", locale),
  );
  wrapper.append(download, table);
  return wrapper;
}
