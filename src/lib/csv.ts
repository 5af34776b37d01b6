/**
 * CSV for people who open it in a spreadsheet, shared by pages (downloads), the marts loader (whole
 * lists) and `npm run sql -- --csv`. A cell that starts with =, +, -, @, a tab or a carriage return would
 * run as a formula in Excel or Sheets (CSV injection); CRM text is untrusted, so such a text cell gets a
 * leading apostrophe. Numbers stay numbers (a negative amount is not a formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text, columns in the order given (or of the first row). */
export function toCsv(rows: Record<string, unknown>[], columns: string[] = rows[0] ? Object.keys(rows[0]) : []): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

