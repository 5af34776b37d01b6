/** Downloads of the rows behind a chart, as CSV (the cells made formula-safe by src/lib/csv.ts). */
import { toCsv } from "../lib/csv.js";

/** A button that downloads the rows as a CSV file (built in the page: no request leaves it). */
export function downloadButton(rows: () => Record<string, unknown>[], filename: string, label = "Download CSV"): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download-csv";
  button.textContent = label;
  button.addEventListener("click", () => {
    // A BOM so that Excel reads UTF-8 (Korean names) correctly.
    const blob = new Blob(["\uFEFF", toCsv(rows())], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}
