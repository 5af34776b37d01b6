/**
 * The engine every declared adapter runs on (Salesforce, Pipedrive; the shape a new CRM's export takes):
 * an adapter is data — its objects, each with the canonical entity it feeds, the columns that identify
 * it, and for every canonical column the headers it may come under. The engine matches each CSV file of
 * a folder to an object (by file name, else by header), loads it as a raw table `raw_<format>__<object>`
 * and exposes it as `src_<entity>` (entities.ts). Custom fields (`custom:<role>` candidates) are named
 * by the adapter's config; when the named one is missing or empty, a field whose name fits the role is
 * read instead, and the data-quality page says so. Values an adapter must parse go through SQL macros of
 * its own .sql file (`parse`, `{ apply }` candidates); tables it derives from several objects (HubSpot's
 * stage history and owners) are its own .sql files, run by its `derive` over the raw tables and the
 * `raw_<format>__<object>_extra` views of the `extra` columns the engine resolves for them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { queryRows, quoteIdentifier } from "../duckdb.ts";
import { loadCsvFile } from "./csv.ts";
import type { EntityName } from "./entities.ts";
import { candidateHeaders, headerKey, keepCandidates, keepNamed, readHeaderRow, type HeaderCandidate } from "./headers.ts";
import { createColumnsView, createSourceView } from "./source-view.ts";
import { IngestError, type FieldChoice, type SourceFile } from "./types.ts";

/** One object of a CRM's export (a file), declared. */
export interface DeclaredObject {
  object: string;
  entity: EntityName;
  /** Canonical columns that must all be found for a file to be read as this object by its header. */
  identifiedBy: string[];
  /** Headers any of which a file must have to be this object by its header (what tells history from deals). */
  requiresOneOf?: string[];
  /** Headers that mean the file is some other object. */
  notWith?: string[];
  /** canonical column → candidate headers; `custom:<role>` refers to a custom field the config names. */
  columns: Record<string, Array<HeaderCandidate | `custom:${string}`>>;
  /** canonical column → a macro of the declaration's `macros` file its value goes through. */
  parse?: Partial<Record<string, string>>;
  /** canonical column → headers any of which means the column is not read (an amount already converted: no currency). */
  unless?: Partial<Record<string, string[]>>;
  /** Columns the declaration's derived tables read, besides the canonical ones: name → candidate headers. */
  extra?: Record<string, HeaderCandidate[]>;
  /** Headers stored besides those the columns name, for the derived tables (HubSpot's "Date entered" columns). */
  keepMatching?: RegExp;
  /** A note on the file the data-quality page shows, from its header (where its amounts were read from). */
  note?: (header: string[], config: Config) => string | null;
}

/** A CRM's export, declared: its objects and how its custom fields are found. */
export interface Declaration {
  /** The format's name, as --format takes it and raw tables are prefixed (raw_salesforce__opportunity). */
  format: string;
  /** The CRM's name, as messages give it. */
  name: string;
  objects: DeclaredObject[];
  /** The CRM names its files after their object (Salesforce's Opportunity.csv): a file's name then says what it holds. */
  namedFiles?: boolean;
  /** Objects the CRM exports that no metric reads: a file named after one is not read, whatever its header. */
  otherObjects?: string[];
  /** The field config names for a custom role ("Opportunity.lossReason" → "Loss_Reason__c"). */
  customField?: (config: Config, role: string) => string | undefined;
  /** How orgs name the field of each custom role, to find it when the configured one is missing or empty. */
  customPatterns?: Record<string, RegExp>;
  /** A header that marks a custom field (Salesforce's "__c"); other headers fit a role only when no standard column claims them. */
  customSuffix?: RegExp;
  /** The .sql file of the macros `parse` and `{ apply }` candidates name, run before any file is loaded. */
  macros?: string;
  /** How files other than CSV are listed (HubSpot's folder holds its README, Excel exports, zips); by default they are not. */
  otherFileNote?: (fileName: string) => string;
  /** The note on a CSV file that is none of the objects. */
  unusedNote?: string;
  /** Tables derived from the loaded objects, listed after the files (each under a label of its own). */
  derive?: (connection: DuckDBConnection, loaded: LoadedObject[]) => Promise<SourceFile[]>;
}

/** A file the engine loaded: its object, raw table and header. */
export interface LoadedObject {
  object: string;
  file: string;
  table: string;
  header: string[];
}

/** Is a file of this folder named after one of the declaration's objects? */
export function looksLikeByName(declaration: Declaration, fileNames: string[]): boolean {
  return fileNames.some((name) => objectByName(declaration, name) !== undefined);
}

/** Is any of these headers one of the declaration's objects (an export named freely)? */
export function looksLikeByHeader(declaration: Declaration, headersByFile: Record<string, string[]>): boolean {
  return Object.entries(headersByFile).some(([file, header]) => recogniseFile(declaration, file, header) !== undefined);
}

/**
 * The object a file holds: by its name when it is named after one (Opportunity.csv), else by its header —
 * the object whose identifying columns the header has, which no other object's marks exclude, and of
 * which it has the most columns ("Oppertuninty Table.csv" with "Opportunity ID" and "Stage" is deals).
 */
export function recogniseFile(declaration: Declaration, fileName: string, header: string[]): DeclaredObject | undefined {
  if (declaration.otherObjects?.some((o) => o.toLowerCase() === objectName(fileName))) return undefined;
  return objectByName(declaration, fileName) ?? objectByHeader(declaration, header);
}

function objectByName(declaration: Declaration, fileName: string): DeclaredObject | undefined {
  if (!declaration.namedFiles) return undefined;
  return declaration.objects.find((o) => o.object.toLowerCase() === objectName(fileName));
}

function objectByHeader(declaration: Declaration, header: string[]): DeclaredObject | undefined {
  const has = new Set(header.map(headerKey));
  const found = (candidate: HeaderCandidate | string) =>
    typeof candidate === "string"
      ? !candidate.startsWith("custom:") && has.has(headerKey(candidate))
      : typeof candidate === "object" && "firstOf" in candidate
        ? candidate.firstOf.some((c) => has.has(headerKey(c)))
        : candidateHeaders(candidate).every((c) => has.has(headerKey(c)));
  let best: { object: DeclaredObject; score: number } | undefined;
  for (const object of declaration.objects) {
    if (!object.identifiedBy.every((column) => (object.columns[column] ?? []).some(found))) continue;
    if (object.requiresOneOf && !object.requiresOneOf.some((h) => has.has(headerKey(h)))) continue;
    if (object.notWith?.some((h) => has.has(headerKey(h)))) continue;
    const score = Object.values(object.columns).filter((candidates) => candidates.some(found)).length;
    if (!best || score > best.score) best = { object, score };
  }
  return best?.object;
}

/**
 * What a file would need to be read as each object, for the message when a folder holds nothing we can
 * read: "Opportunity: opportunity_id ("Id" or "Opportunity ID" …) and stage_name (…)".
 */
export function describeObjectsNeeded(declaration: Declaration, objects: string[]): string {
  return declaration.objects
    .filter((o) => objects.includes(o.object))
    .map((o) => `${o.object}: ${o.identifiedBy.map((c) => `${c} (${(o.columns[c] ?? []).filter((h): h is string => typeof h === "string" && !h.startsWith("custom:")).slice(0, 3).map((h) => `"${h}"`).join(" or ")})`).join(" and ")}`)
    .join("; ");
}

/**
 * Load every file of `dir` the declaration recognises. Files we do not use (Contact.csv, FieldHistory.csv,
 * …) are listed as unused rather than skipped silently; contacts stay out of the warehouse entirely.
 */
export async function loadDeclaredExport(
  connection: DuckDBConnection,
  dir: string,
  config: Config,
  declaration: Declaration,
): Promise<SourceFile[]> {
  if (declaration.macros) await connection.run(readFileSync(declaration.macros, "utf8"));
  const files: SourceFile[] = [];
  const loaded: LoadedObject[] = [];
  for (const fileName of readdirSync(dir).sort()) {
    const path = join(dir, fileName);
    if (!statSync(path).isFile()) continue; // folders (snapshots, archives) are not files of this export
    if (!fileName.toLowerCase().endsWith(".csv")) {
      if (declaration.otherFileNote) files.push({ file: fileName, entity: null, rowsRead: null, note: declaration.otherFileNote(fileName) });
      continue;
    }
    const header = readHeaderRow(path);
    const spec = recogniseFile(declaration, fileName, header);
    if (!spec) {
      const note = declaration.unusedNote ?? "not used: no metric reads this object (judged by its name and header)";
      files.push({ file: fileName, entity: null, rowsRead: null, note });
      continue;
    }
    const earlier = loaded.find((l) => l.object === spec.object);
    if (earlier) {
      throw new IngestError(`${fileName}: a second ${declaration.name} ${spec.object} export (${earlier.file} is one too); keep one file per object in ${dir}`, fileName);
    }
    const rawTable = `raw_${declaration.format}__${spec.object.toLowerCase()}`;
    const candidates = resolveCustomFields(declaration, spec, config, header);
    const roles = customRoles(declaration, spec, config, header);
    const keepAlso = keepNamed(roles.flatMap((role) => role.alternatives));
    const keepExtra = keepCandidates(spec.extra ?? {});
    const loadedCsv = await loadCsvFile(connection, rawTable, path, fileName, {
      keep: (columns) => [
        ...new Set([...keepCandidates(candidates)(columns), ...keepAlso(columns), ...keepExtra(columns), ...columns.filter((c) => spec.keepMatching?.test(c))]),
      ],
    });
    const fields = await chooseCustomFields(connection, rawTable, fileName, roles, candidates, loadedCsv.header);
    await createSourceView(connection, spec.entity, rawTable, fileName, candidates, loadedCsv.header, spec.parse);
    if (spec.extra) await createExtraView(connection, rawTable, fileName, spec.extra, loadedCsv.header);
    loaded.push({ object: spec.object, file: fileName, table: rawTable, header: loadedCsv.header });
    // Say how the file was recognised, unless its name says it (Opportunity.csv; HubSpot's all-deals.csv).
    const nameSaysIt = declaration.namedFiles ? objectByName(declaration, fileName) !== undefined : objectName(fileName).includes(spec.object.toLowerCase());
    const how = nameSaysIt ? null : `read as ${spec.object} (recognised by its header)`;
    const note = [how, spec.note?.(loadedCsv.header, config) ?? null, loadedCsv.note].filter(Boolean).join("; ") || null;
    files.push({ file: fileName, entity: spec.entity, rowsRead: loadedCsv.rowsRead, note, fields });
  }
  // The extra columns of an object the folder has no file for: empty, so that a derived table reads all.
  for (const spec of declaration.objects) {
    if (spec.extra && !loaded.some((l) => l.object === spec.object)) {
      await createExtraView(connection, `raw_${declaration.format}__${spec.object.toLowerCase()}`, spec.object, spec.extra, null);
    }
  }
  if (declaration.derive) files.push(...(await declaration.derive(connection, loaded)));
  return files;
}

/**
 * `<rawTable>_extra`: the object's extra columns (null where the file has none of a column's candidates),
 * or none of its rows when the folder has no file for it (`header` null).
 */
async function createExtraView(
  connection: DuckDBConnection,
  rawTable: string,
  fileLabel: string,
  extra: Record<string, HeaderCandidate[]>,
  header: string[] | null,
): Promise<void> {
  const columns = Object.keys(extra).map((name) => ({ name }));
  if (header) {
    await createColumnsView(connection, `${rawTable}_extra`, rawTable, fileLabel, columns, extra, header);
    return;
  }
  const nulls = columns.map((c) => `null::varchar as ${quoteIdentifier(c.name)}`).join(", ");
  await connection.run(
    `create or replace view ${quoteIdentifier(`${rawTable}_extra`)} as
     select null::varchar as _source_file, null::bigint as _source_row, null::ubigint as _row_hash, ${nulls} where false`,
  );
}

interface CustomRole {
  /** The config key, e.g. "Opportunity.lossReason". */
  role: string;
  /** The canonical column it feeds. */
  column: string;
  /** The field config names for it, if any. */
  configured: string | null;
  /** Other custom fields of the file whose names fit the role. */
  alternatives: string[];
}

/** The custom-field roles of an object, each with the file's other custom fields that fit it by name. */
function customRoles(declaration: Declaration, spec: DeclaredObject, config: Config, header: string[]): CustomRole[] {
  const claimed = new Set(
    Object.values(spec.columns).flat().flatMap((h) => (typeof h === "string" ? (h.startsWith("custom:") ? [] : [h]) : candidateHeaders(h))).map(headerKey),
  );
  const roles: CustomRole[] = [];
  for (const [column, options] of Object.entries(spec.columns)) {
    for (const option of options) {
      if (typeof option !== "string" || !option.startsWith("custom:")) continue;
      const role = option.slice("custom:".length);
      const configured = declaration.customField?.(config, role) ?? null;
      const pattern = declaration.customPatterns?.[role];
      const alternatives = pattern
        ? header.filter(
            (name) =>
              ((declaration.customSuffix?.test(name.trim()) ?? false) || !claimed.has(headerKey(name))) &&
              pattern.test(name) &&
              headerKey(name) !== (configured ? headerKey(configured) : null),
          )
        : [];
      roles.push({ role, column, configured, alternatives });
    }
  }
  return roles;
}

/**
 * For each role whose configured field is missing or empty in every row, read the alternative with the
 * most values instead, and say so (the data-quality page proposes the config line that settles it).
 * `candidates` is changed in place: the found field goes first.
 */
async function chooseCustomFields(
  connection: DuckDBConnection,
  rawTable: string,
  fileName: string,
  roles: CustomRole[],
  candidates: Record<string, HeaderCandidate[]>,
  header: string[],
): Promise<FieldChoice[]> {
  const byLower = new Map(header.map((name) => [name.toLowerCase(), name]));
  const choices: FieldChoice[] = [];
  for (const role of roles) {
    const alternatives = role.alternatives.map((name) => byLower.get(name.toLowerCase())).filter((n) => n !== undefined);
    if (!alternatives.length) continue;
    const configured = role.configured ? byLower.get(role.configured.toLowerCase()) : undefined;
    const counted = [...(configured ? [configured] : []), ...alternatives];
    const [counts] = await queryRows<Record<string, number>>(
      connection,
      `select ${counted.map((name, i) => `count(nullif(trim(${quoteIdentifier(name)}), ''))::integer as c${i}`).join(", ")}
       from ${quoteIdentifier(rawTable)}`,
    );
    const filled = counted.map((name, i) => ({ name, rows: counts![`c${i}`]! }));
    if (configured && filled[0]!.rows > 0) continue;
    const best = filled.filter((f) => f.name !== configured).sort((a, b) => b.rows - a.rows)[0];
    if (!best || best.rows === 0) continue;
    candidates[role.column] = [best.name, ...(candidates[role.column] ?? [])];
    choices.push({
      file: fileName,
      role: role.role,
      configured: role.configured,
      found: best.name,
      filledRows: best.rows,
      reason: role.configured ? (configured ? "empty in every row" : "not in the file") : "not set in config",
    });
  }
  return choices;
}

/** The object's candidates with its custom fields named, and without the columns its `unless` rules out for this header. */
function resolveCustomFields(declaration: Declaration, spec: DeclaredObject, config: Config, header: string[]): Record<string, HeaderCandidate[]> {
  const resolved: Record<string, HeaderCandidate[]> = {};
  const has = new Set(header.map(headerKey));
  for (const [column, candidates] of Object.entries(spec.columns)) {
    if (spec.unless?.[column]?.some((h) => has.has(headerKey(h)))) continue;
    resolved[column] = candidates.flatMap((candidate): HeaderCandidate[] => {
      if (typeof candidate !== "string" || !candidate.startsWith("custom:")) return [candidate];
      const field = declaration.customField?.(config, candidate.slice("custom:".length));
      return field ? [field] : [];
    });
  }
  return resolved;
}

/** "Opportunity.csv" → "opportunity"; Data Loader files may carry any case. */
function objectName(fileName: string): string {
  return fileName.replace(/\.csv$/i, "").toLowerCase();
}


