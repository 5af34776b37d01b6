/**
 * A starter mapping (docs/mapping.md) for an export in no format we know, filled in from its headers:
 * each CSV file given the entity whose columns its header fits best, each canonical column the header
 * that names it, and the headers nothing claimed listed so the user sees what is left. A guess to edit,
 * never applied by itself: `npm run warehouse -- --exports DIR --suggest-mapping > mapping.json`.
 */
import { readCsvHeaders } from "./headers.ts";
import { ENTITIES, type EntityName } from "./entities.ts";

/** Words that name a canonical column in exports we have seen (beyond the column's own name). */
const SYNONYMS: Record<string, string[]> = {
  opportunity_id: ["opportunity id", "deal id", "opportunity", "deal"],
  account_id: ["account id", "company id", "account", "company", "customer id", "client id"],
  account_name: ["account name", "company name", "account", "company", "customer", "client"],
  stage_name: ["stage", "deal stage", "status", "phase", "pipeline stage"],
  amount: ["amount", "value", "deal value", "close value", "revenue", "price"],
  currency: ["currency", "currency code"],
  close_date: ["close date", "closed date", "closing date", "expected close"],
  created_at: ["created", "create date", "created date", "created at", "engage date", "open date", "date created"],
  owner_id: ["owner", "sales agent", "agent", "rep", "salesperson", "sales rep", "assigned to", "deal owner", "account owner"],
  lead_source: ["lead source", "source", "channel", "original source", "route to market"],
  opportunity_type: ["type", "deal type", "opportunity type"],
  is_won: ["won", "is won", "win"],
  is_closed: ["closed", "is closed"],
  loss_reason: ["loss reason", "lost reason", "reason lost", "closed lost reason"],
  competitors: ["competitor", "competitors", "competitor type"],
  segment: ["segment", "product", "product line", "series"],
  region: ["region", "territory", "office", "regional office"],
  pipeline: ["pipeline"],
  user_id: ["user id", "sales agent", "agent", "rep", "owner", "employee"],
  user_name: ["name", "full name", "sales agent", "agent", "rep"],
  department: ["department", "team"],
  manager_id: ["manager", "manager id", "reports to"],
  industry: ["industry", "sector"],
  account_type: ["account type", "company type", "type"],
  annual_revenue: ["annual revenue", "revenue"],
  employees: ["employees", "number of employees", "headcount", "size"],
  country: ["country", "office location", "billing country"],
  lead_id: ["lead id", "lead", "contact id"],
  status: ["status", "lead status", "lifecycle stage"],
  company: ["company", "company name", "organization"],
  history_id: ["history id"],
  entered_at: ["entered", "date entered", "changed", "edit date", "stage date"],
  competitor: ["competitor", "competitor name"],
};

export interface SuggestedMapping {
  name: string;
  description: string;
  dates: "iso" | "mdy";
  files: Array<{ file: string; entity: EntityName; columns: Record<string, string>; $unmatched: string[] }>;
  $notUsed: string[];
}

/** The starter mapping for the CSV files of `dir`. */
export function suggestMapping(dir: string): SuggestedMapping {
  const files: SuggestedMapping["files"] = [];
  const notUsed: string[] = [];
  const taken = new Set<EntityName>();
  const scored = Object.entries(readCsvHeaders(dir))
    .map(([file, header]) => ({ file, header, best: bestEntity(header) }))
    .sort((a, b) => (b.best?.score ?? 0) - (a.best?.score ?? 0));
  for (const { file, header, best } of scored) {
    // One file per entity: the file that fits it best keeps it.
    const choice = best && !taken.has(best.entity) ? best : null;
    if (!choice) {
      notUsed.push(file);
      continue;
    }
    taken.add(choice.entity);
    const used = new Set(Object.values(choice.columns));
    files.push({ file, entity: choice.entity, columns: choice.columns, $unmatched: header.filter((h) => !used.has(h)) });
  }
  return {
    name: `Mapping suggested from the headers of ${dir}`,
    description:
      "A guess from the column names: check each entity and column, remove what is wrong, add what is missing (docs/mapping.md). " +
      "$unmatched lists each file's columns nothing claimed; $notUsed the files no entity fits. Keys starting with $ are ignored.",
    dates: "iso",
    files: files.sort((a, b) => a.file.localeCompare(b.file)),
    $notUsed: notUsed.sort(),
  };
}

/** The entity a header fits best: every required column found, the most columns found. */
function bestEntity(header: string[]): { entity: EntityName; score: number; columns: Record<string, string> } | null {
  let best: { entity: EntityName; score: number; columns: Record<string, string> } | null = null;
  for (const entity of ENTITIES) {
    if (entity.name === "opportunity_snapshots") continue;
    const columns: Record<string, string> = {};
    const used = new Set<string>();
    for (const column of entity.columns) {
      // A name may be the id too (Maven's accounts are keyed by their name): a *_name column may reuse a header.
      const match = headerFor(column.name, header, column.name.endsWith("_name") ? new Set() : used);
      if (match) {
        columns[column.name] = match;
        used.add(match);
      }
    }
    if (!entity.columns.filter((c) => c.required).every((c) => columns[c.name])) continue;
    const score = Object.keys(columns).length;
    if (!best || score > best.score) best = { entity: entity.name, score, columns };
  }
  return best;
}

/** The header that names a canonical column: its own name, then its synonyms, ignoring case and separators. */
function headerFor(column: string, header: string[], used: Set<string>): string | undefined {
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  const wanted = [column.replaceAll("_", " "), ...(SYNONYMS[column] ?? [])];
  for (const name of wanted) {
    const found = header.find((h) => !used.has(h) && words(h) === name);
    if (found) return found;
  }
  return undefined;
}
