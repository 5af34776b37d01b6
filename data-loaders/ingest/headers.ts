/**
 * Reading headers without reading files: the first record of a CSV (quoted fields may hold delimiters,
 * `""` and newlines, as HubSpot's stage labels do), its delimiter, and how headers are matched to the
 * candidates adapters declare.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The first CSV record of a file, as its fields: quoted fields may hold delimiters, `""` and newlines
 * (HubSpot's stage labels do). The delimiter is whichever of comma, semicolon or tab occurs most outside
 * quotes. Only the header is read; DuckDB reads the whole file later.
 */
export function readHeaderRow(path: string, maxBytes = 16 << 20): string[] {
  return readHeaderRecord(path, maxBytes).fields;
}

/**
 * The header row of every CSV file in `dir` (file name → column labels), reading only as far as the end
 * of the first record: cheap enough for format detection on a folder of large exports.
 */
export function readCsvHeaders(dir: string): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!name.toLowerCase().endsWith(".csv") || !statSync(path).isFile()) continue;
    headers[name] = readHeaderRow(path);
  }
  return headers;
}

/** The header record and the delimiter it uses. */
export function readHeaderRecord(path: string, maxBytes = 16 << 20): { fields: string[]; delimiter: string } {
  const fd = openSync(path, "r");
  const chunks: Buffer[] = [];
  let inQuotes = false;
  let total = 0;
  try {
    const buffer = Buffer.alloc(1 << 16);
    outer: while (total < maxBytes) {
      const read = readSync(fd, buffer, 0, buffer.length, total);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        if (byte === 0x22) inQuotes = !inQuotes;
        else if (byte === 0x0a && !inQuotes) {
          chunks.push(Buffer.from(buffer.subarray(0, i)));
          total += i;
          break outer;
        }
      }
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      total += read;
    }
  } finally {
    closeSync(fd);
  }
  const text = Buffer.concat(chunks).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
  if (text.trim() === "") return { fields: [], delimiter: "," };
  const delimiter = detectDelimiter(text);
  return { fields: splitRecord(text, delimiter), delimiter };
}

function detectDelimiter(record: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0], ["|", 0]]);
  let inQuotes = false;
  for (const c of record) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

function splitRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (record[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuotes = false;
    } else if (c === '"') inQuotes = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Header names as DuckDB would give them: trimmed, blanks named by position, repeats suffixed _1, _2. */
export function uniqueNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    const name = field.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "") || `column${i}`;
    const count = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}

/**
 * Where a canonical column comes from: a header name; several joined by a space (first + last name);
 * row by row, the first of several that has a value (Pipedrive's close date: won time, else lost time,
 * else expected close date); or a SQL macro of the adapter's (its .sql file) over several headers, all of
 * which the file must have (HubSpot's "closed" from its won and lost flags).
 */
export type HeaderCandidate = string | string[] | { firstOf: string[] } | { apply: string; to: string[] };

/** Every header a candidate names. */
export function candidateHeaders(candidate: HeaderCandidate): string[] {
  if (typeof candidate === "string") return [candidate];
  if (Array.isArray(candidate)) return candidate;
  return "firstOf" in candidate ? candidate.firstOf : candidate.to;
}

/** A `keep` for loadCsvFile: the header columns named in `names`, case and outer spaces ignored. */
export function keepNamed(names: Iterable<string>): (header: string[]) => string[] {
  const wanted = new Set([...names].map(headerKey));
  return (header) => header.filter((name) => wanted.has(headerKey(name)));
}

/** A header as matched: case, outer spaces and runs of spaces ignored (exports differ in all three). */
export function headerKey(name: string): string {
  return name.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A `keep` for loadCsvFile: the header columns that any candidate names (as createSourceView matches them). */
export function keepCandidates(candidates: Partial<Record<string, HeaderCandidate[]>>): (header: string[]) => string[] {
  return keepNamed(Object.values(candidates).flatMap((options) => (options ?? []).flatMap(candidateHeaders)));
}
