import type { Reconciliation } from "./build.ts";

/** The reconciliation table as fixed-width text, for the CLI. */
export function formatReconciliation(files: Reconciliation[]): string {
  const header = ["file", "feeds", "read", "loaded", "quarantined"];
  const rows = files.map((f) => [
    f.source_file,
    f.entity ?? `(${f.note ?? "not used"})`,
    f.rows_read === null ? "-" : String(f.rows_read),
    f.rows_read === null ? "-" : String(f.rows_loaded),
    f.rows_read === null ? "-" : String(f.rows_quarantined),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
