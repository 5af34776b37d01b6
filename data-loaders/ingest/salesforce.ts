/**
 * Salesforce adapter: a folder with one CSV per object — a Data Export or Data Loader file (field API names
 * as headers, named after the object) or a report or list-view export (field labels as headers, any file
 * name, often Windows-1252 with "$65,000.00" amounts and M/D/YYYY dates). Each file is matched to an object
 * by its name, else by its header (the declarations in salesforce-objects.ts). Each object we use becomes
 * a raw table `raw_salesforce__<object>` holding the file as it is, and a `src_<entity>` view in the
 * canonical contract (entities.ts). Custom fields (tier, loss reason, MQL and SQL dates, rep start date)
 * are named in the config, because every org names them differently; when the named field is missing or
 * empty, one whose name fits the role is read instead and the data-quality page says so.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { queryRows, quoteIdentifier } from "../duckdb.ts";
import { loadCsvFile } from "./csv.ts";
import { headerKey, keepCandidates, keepNamed, readHeaderRow, type HeaderCandidate } from "./headers.ts";
import { createSourceView } from "./source-view.ts";
import { IngestError, type FieldChoice, type SourceFile } from "./types.ts";
import { OTHER_SALESFORCE_OBJECTS, SALESFORCE_OBJECTS, type SalesforceObject } from "./salesforce-objects.ts";

export { SALESFORCE_OBJECTS };

/**
 * How orgs name the custom field of each role, for when the field config names is absent from the file
 * or empty in every row: a real org had `Loss_Reason__c` empty and `LossReason__c` filled. Custom fields
 * (`…__c`), and in a report export the labels no standard column claims ("Loss Reason").
 */
const CUSTOM_FIELD_PATTERNS: Record<string, RegExp> = {
  "Opportunity.lossReason": /(loss|lost).?reason|reason.?(for.?)?(loss|lost)|motivo.?(de.?)?p[eé]rdida/i,
  "Lead.lossReason": /(loss|lost|disqualif|unqualif).?reason|reason.?(for.?)?(loss|lost|disqualif)/i,
  "Opportunity.competitors": /competitor|competidor/i,
  "Account.tier": /tier/i,
  "Lead.mqlDate": /mql.*(date|fecha|일)|(date|fecha).*mql|became.*marketing/i,
  "Lead.sqlDate": /sql.*(date|fecha|일)|(date|fecha).*sql|became.*sales/i,
  "User.startDate": /(start|hire).?date/i,
  "Account.region": /region|territor/i,
  "User.region": /region|territor/i,
};

/** Does this folder look like a Salesforce export? (a file named like an object we read) */
export function looksLikeSalesforce(fileNames: string[]): boolean {
  return fileNames.some((name) => objectByName(name) !== undefined);
}

/** Is any of these headers a Salesforce object's (a report export, whatever its file names)? */
export function looksLikeSalesforceReports(headersByFile: Record<string, string[]>): boolean {
  return Object.values(headersByFile).some((header) => objectByHeader(header) !== undefined);
}

/**
 * The object a file holds: by its name when it is named after one (Opportunity.csv), else by its header —
 * the object whose identifying columns the header has, which no other object's marks exclude, and of
 * which it has the most columns ("Oppertuninty Table.csv" with "Opportunity ID" and "Stage" is deals).
 */
export function recogniseFile(fileName: string, header: string[]): SalesforceObject | undefined {
  if (OTHER_OBJECT_NAMES.has(objectName(fileName))) return undefined;
  return objectByName(fileName) ?? objectByHeader(header);
}

const OTHER_OBJECT_NAMES = new Set(OTHER_SALESFORCE_OBJECTS.map((o) => o.toLowerCase()));

function objectByName(fileName: string): SalesforceObject | undefined {
  return SALESFORCE_OBJECTS.find((o) => o.object.toLowerCase() === objectName(fileName));
}

function objectByHeader(header: string[]): SalesforceObject | undefined {
  const has = new Set(header.map(headerKey));
  const found = (candidate: HeaderCandidate | string) =>
    typeof candidate === "string" ? !candidate.startsWith("custom:") && has.has(headerKey(candidate)) : candidate.every((c) => has.has(headerKey(c)));
  let best: { object: SalesforceObject; score: number } | undefined;
  for (const object of SALESFORCE_OBJECTS) {
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
 * read: "Opportunity: an id ("Id" or "Opportunity ID") and a stage ("StageName" or "Stage" …)".
 */
export function describeObjectsNeeded(): string {
  return SALESFORCE_OBJECTS.filter((o) => ["Opportunity", "Lead", "Account", "User", "OpportunityHistory"].includes(o.object))
    .map((o) => `${o.object}: ${o.identifiedBy.map((c) => `${c} (${(o.columns[c] ?? []).filter((h) => typeof h === "string" && !h.startsWith("custom:")).slice(0, 3).map((h) => `"${h}"`).join(" or ")})`).join(" and ")}`)
    .join("; ");
}

/**
 * Load every Salesforce object file found in `dir`. Files we do not use (Contact.csv, FieldHistory.csv,
 * …) are listed as unused rather than skipped silently; contacts stay out of the warehouse entirely.
 */
export async function loadSalesforceExport(
  connection: DuckDBConnection,
  dir: string,
  config: Config,
): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const loadedBy = new Map<string, string>();
  const fileNames = readdirSync(dir).filter((name) => name.toLowerCase().endsWith(".csv")).sort();
  for (const fileName of fileNames) {
    const path = join(dir, fileName);
    const header = readHeaderRow(path);
    const spec = recogniseFile(fileName, header);
    if (!spec) {
      files.push({ file: fileName, entity: null, rowsRead: null, note: "not used: no metric reads this object (judged by its name and header)" });
      continue;
    }
    const earlier = loadedBy.get(spec.object);
    if (earlier) {
      throw new IngestError(`${fileName}: a second file for ${spec.object} (${earlier} is one too); keep one file per object in ${dir}`, fileName);
    }
    loadedBy.set(spec.object, fileName);
    const rawTable = `raw_salesforce__${spec.object.toLowerCase()}`;
    const candidates = resolveCustomFields(spec, config);
    const roles = customRoles(spec, config, header);
    const keepAlso = keepNamed(roles.flatMap((role) => role.alternatives));
    const loaded = await loadCsvFile(connection, rawTable, path, fileName, {
      keep: (columns) => [...new Set([...keepCandidates(candidates)(columns), ...keepAlso(columns)])],
    });
    const fields = await chooseCustomFields(connection, rawTable, fileName, roles, candidates, loaded.header);
    await createSourceView(connection, spec.entity, rawTable, fileName, candidates, loaded.header);
    const how = objectByName(fileName) ? null : `read as ${spec.object} (recognised by its header)`;
    files.push({ file: fileName, entity: spec.entity, rowsRead: loaded.rowsRead, note: [how, loaded.note].filter(Boolean).join("; ") || null, fields });
  }
  return files;
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
function customRoles(spec: SalesforceObject, config: Config, header: string[]): CustomRole[] {
  const claimed = new Set(
    Object.values(spec.columns).flat(2).filter((h) => !h.startsWith("custom:")).map(headerKey),
  );
  const roles: CustomRole[] = [];
  for (const [column, options] of Object.entries(spec.columns)) {
    for (const option of options) {
      if (typeof option !== "string" || !option.startsWith("custom:")) continue;
      const role = option.slice("custom:".length);
      const configured = config.salesforce.customFields[role] ?? null;
      const pattern = CUSTOM_FIELD_PATTERNS[role];
      const alternatives = pattern
        ? header.filter(
            (name) =>
              (/__c$/i.test(name.trim()) || !claimed.has(headerKey(name))) &&
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

function resolveCustomFields(spec: SalesforceObject, config: Config): Record<string, HeaderCandidate[]> {
  const resolved: Record<string, HeaderCandidate[]> = {};
  for (const [column, candidates] of Object.entries(spec.columns)) {
    resolved[column] = candidates.flatMap((candidate): HeaderCandidate[] => {
      if (typeof candidate !== "string" || !candidate.startsWith("custom:")) return [candidate];
      const field = config.salesforce.customFields[candidate.slice("custom:".length)];
      return field ? [field] : [];
    });
  }
  return resolved;
}

/** "Opportunity.csv" → "opportunity"; Data Loader files may carry any case. */
function objectName(fileName: string): string {
  return fileName.replace(/\.csv$/i, "").toLowerCase();
}


