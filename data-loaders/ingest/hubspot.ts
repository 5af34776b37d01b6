/**
 * HubSpot adapter: CRM exports of deals, companies and contacts (docs/hubspot.md). HubSpot names its
 * files freely ("all-deals.csv", "hubspot-crm-exports-all-deals-2024-08-27.csv"), so each file is
 * recognised by its header, never by its name. Each file we use becomes a raw table
 * `raw_hubspot__<object>` holding it as it is, and a `src_<entity>` view in the canonical contract
 * (entities.ts):
 *
 * - deals → `src_opportunities`; their `Date entered "<Stage> (<Pipeline>)"` columns, unpivoted in SQL,
 *   → `src_opportunity_history` (derived rows, labelled "<file> › stage dates");
 * - companies → `src_accounts`;
 * - contacts → `src_leads` (HubSpot's funnel lives on contacts: lifecycle stage and "Became a … Date");
 * - the owner names on all three → `src_users` (HubSpot exports owners by name, not id; derived rows,
 *   labelled "<file> › owners").
 *
 * Column labels are matched case-insensitively, with runs of spaces (non-breaking ones too) taken as
 * one space and outer spaces ignored: HubSpot labels end in stray spaces ("Contract Request Date ").
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { queryRows, quoteIdentifier } from "../duckdb.ts";
import { loadCsvFile } from "./csv.ts";
import { readHeaderRow, type HeaderCandidate } from "./headers.ts";
import { createSourceView } from "./source-view.ts";
import { entity, type EntityName } from "./entities.ts";
import { IngestError, type SourceFile } from "./types.ts";

export type HubSpotObject = "deals" | "companies" | "contacts";

/** Where a HubSpot label comes from, as candidates in order of preference. */
const DEALS = {
  recordId: ["Record ID"],
  stage: ["Deal Stage"],
  // Already converted into the account's company currency: preferred (the currency column is then not read).
  companyCurrencyAmount: ["Amount in company currency"],
  amount: ["Amount"],
  currency: ["Currency"],
  // Association columns: a semicolon-joined list of company ids; the first is taken.
  company: ["Associated Company ID (Primary)", "Associated Company IDs", "Associated Company ID", "Company ID"],
  owner: ["Deal owner"],
  team: ["HubSpot Team"],
  pipeline: ["Pipeline"],
  // HubSpot's own outcome: it wins over the stage label (a label can mean won in one pipeline only).
  isClosed: ["Is Deal Closed?", "Is Closed (numeric)"],
  isWon: ["Is Closed Won", "Is Closed Won (numeric)"],
  isLost: ["Is closed lost"],
};
const COMPANIES = {
  tier: ["Tier", "Account Tier", "Ideal Customer Profile Tier"],
  owner: ["Company owner"],
  team: ["HubSpot Team"],
};
const CONTACTS = {
  company: ["Associated Company ID (Primary)", "Associated Company ID", "Associated Company IDs", "Company ID"],
  owner: ["Contact owner"],
  team: ["HubSpot Team"],
};

/** Names of the columns this adapter computes in a `…_prepared` view (never HubSpot labels). */
const DERIVED_ACCOUNT_ID = "(derived) first associated company id";
const DERIVED_TIER = "(derived) tier A/B/C";
const DERIVED_IS_CLOSED = "(derived) closed: won or lost";

interface LoadedObject {
  object: HubSpotObject;
  file: string;
  table: string;
  header: string[];
}

// ─── Recognising the files ────────────────────────────────────────────────────────────────────────

/** A label as compared: lower case, any run of whitespace (newlines, non-breaking spaces) one space, trimmed. */
function labelKey(label: string): string {
  return label.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Which HubSpot object a header belongs to, or null. Deals: "Record ID" with "Deal Stage" or "Deal Name";
 * contacts: "Record ID" with "First Name", "Last Name" or "Email"; companies: "Record ID" with
 * "Company name" (and none of the contact columns: contacts have a "Company Name" too). A file recognised
 * here but lacking a column its entity requires (a contacts export without "Lifecycle Stage") stops the
 * build with the column named, rather than being skipped as unused.
 */
export function classifyHubSpotHeader(header: string[]): HubSpotObject | null {
  const has = new Set(header.map(labelKey));
  if (!has.has("record id")) return null;
  if (has.has("deal stage") || has.has("deal name")) return "deals";
  if (has.has("first name") || has.has("last name") || has.has("email")) return "contacts";
  if (has.has("company name")) return "companies";
  return null;
}

/** Is this an export from HubSpot? True when any file's header is a deals, companies or contacts export. */
export function looksLikeHubSpot(headersByFile: Record<string, string[]>): boolean {
  return Object.values(headersByFile).some((header) => classifyHubSpotHeader(header) !== null);
}

// ─── Stage history columns ────────────────────────────────────────────────────────────────────────

/**
 * Parse a deals column `Date entered "<Stage label> (<Pipeline name>)"`: the label is the text inside
 * the outer quotes; the pipeline is the LAST balanced parenthesised group at its end (pipeline names hold
 * parentheses and commas themselves: "Appalachia (TN, OH, KY, WV, PA) "); the stage is what precedes it.
 * Both are trimmed, inner runs of whitespace made one space. A label with no parenthesised group at its
 * end is all stage (pipeline null). Any other column ("Date exited …", "Cumulative time in …") is null.
 */
export function parseStageColumn(header: string): { stage: string; pipeline: string | null } | null {
  const match = /^\s*Date entered\s+"([\s\S]*)"\s*$/i.exec(header);
  if (!match) return null;
  const label = match[1]!.replace(/\s+$/, "");
  const tidy = (text: string) => text.replace(/\s+/g, " ").trim();
  let stage = label;
  let pipeline: string | null = null;
  if (label.endsWith(")")) {
    let depth = 0;
    for (let i = label.length - 1; i >= 0; i--) {
      if (label[i] === ")") depth++;
      else if (label[i] === "(" && --depth === 0) {
        stage = label.slice(0, i);
        pipeline = tidy(label.slice(i + 1, -1)) || null;
        break;
      }
    }
  }
  return tidy(stage) ? { stage: tidy(stage), pipeline } : null;
}

// ─── Loading ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Load the deals, companies and contacts exports found in `dir` (one file each, recognised by header)
 * and derive stage history and users from them. Every file in the folder is listed: files not used with
 * a note saying why, derived rows as their own entries ("<file> › stage dates", "<file> › owners") so
 * that rows read = rows loaded + rows quarantined holds for each.
 */
export async function loadHubSpotExport(connection: DuckDBConnection, dir: string, config: Config): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const loaded: Partial<Record<HubSpotObject, LoadedObject>> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    if (!name.toLowerCase().endsWith(".csv")) {
      files.push({ file: name, entity: null, rowsRead: null, note: notCsvNote(name) });
      continue;
    }
    const object = classifyHubSpotHeader(readHeaderRow(path));
    if (!object) {
      files.push({
        file: name,
        entity: null,
        rowsRead: null,
        note: "not used: not a HubSpot deals, companies or contacts export (judged by its header)",
      });
      continue;
    }
    const earlier = loaded[object];
    if (earlier) {
      throw new IngestError(
        `${name}: a second HubSpot ${object} export (${earlier.file} is one too); keep one file per object in ${dir}`,
        name,
      );
    }
    const table = `raw_hubspot__${object}`;
    const csv = await loadCsvFile(connection, table, path, name);
    const current: LoadedObject = { object, file: name, table, header: csv.header };
    loaded[object] = current;
    const notes = [csv.note];
    if (object === "deals") notes.push(await createOpportunitiesView(connection, current, config));
    else if (object === "companies") await createAccountsView(connection, current);
    else await createLeadsView(connection, current);
    const note = notes.filter((n) => n !== null).join("; ") || null;
    files.push({ file: name, entity: OBJECT_ENTITY[object], rowsRead: csv.rowsRead, note });
  }
  if (loaded.deals) {
    const history = await deriveStageHistory(connection, loaded.deals);
    if (history) files.push(history);
  }
  files.push(...(await deriveUsers(connection, loaded)));
  return files;
}

const OBJECT_ENTITY: Record<HubSpotObject, EntityName> = {
  deals: "opportunities",
  companies: "accounts",
  contacts: "leads",
};

function notCsvNote(name: string): string {
  if (/\.xlsx?$/i.test(name)) return "not used: an Excel file; export from HubSpot as CSV";
  if (/\.zip$/i.test(name)) return "not used: a zip archive; unzip HubSpot's export into this folder";
  return "not used: not a CSV file";
}

/** The file's own column labels matching any of `labels`, in the order of `labels` (DuckDB's `_1` suffixes of repeated labels included). */
function findColumns(header: string[], labels: string[]): string[] {
  const found: string[] = [];
  for (const label of labels) {
    const key = labelKey(label);
    for (const column of header) {
      const columnKey = labelKey(column);
      if ((columnKey === key || columnKey.replace(/_\d+$/, "") === key) && !found.includes(column)) found.push(column);
    }
  }
  return found;
}

/**
 * Candidate headers for createSourceView: the file's own labels when it has any of `labels`, otherwise
 * the labels themselves, so that a missing required column is reported under the name HubSpot gives it.
 */
function candidates(header: string[], labels: string[]): HeaderCandidate[] {
  const found = findColumns(header, labels);
  return found.length ? found : labels;
}

/** A trimmed, empty-as-null text of a column, for SQL we build (identifiers quoted, never values). */
function cell(column: string): string {
  return `nullif(trim(${quoteIdentifier(column)}), '')`;
}

/** The first id of the first non-empty association column ("123;456" → "123"), or null. */
function firstIdExpression(columns: string[]): string {
  const value = columns.length === 1 ? cell(columns[0]!) : `coalesce(${columns.map(cell).join(", ")})`;
  return `nullif(trim(regexp_extract(${value}, '^[^;,]*')), '')`;
}

/**
 * A view over the raw table with the columns this adapter computes (first associated company id, tier
 * letter) added, or the raw table itself when none is needed. Returns the relation and its column names.
 */
async function prepare(
  connection: DuckDBConnection,
  loaded: LoadedObject,
  computed: Array<[name: string, expression: string]>,
): Promise<{ relation: string; columns: string[] }> {
  if (!computed.length) return { relation: loaded.table, columns: loaded.header };
  const relation = `${loaded.table}_prepared`;
  const selects = computed.map(([name, expression]) => `${expression} as ${quoteIdentifier(name)}`);
  await connection.run(
    `create or replace view ${quoteIdentifier(relation)} as select *, ${selects.join(", ")} from ${quoteIdentifier(loaded.table)}`,
  );
  return { relation, columns: [...loaded.header, ...computed.map(([name]) => name)] };
}

/** deals → src_opportunities. Returns a note when amounts come from "Amount in company currency". */
async function createOpportunitiesView(connection: DuckDBConnection, deals: LoadedObject, config: Config): Promise<string | null> {
  const h = deals.header;
  const companyColumns = findColumns(h, DEALS.company);
  const closedColumns = findColumns(h, DEALS.isClosed);
  const [wonColumn] = findColumns(h, DEALS.isWon);
  const [lostColumn] = findColumns(h, DEALS.isLost);
  // Without "Is Deal Closed?", a deal is closed when it is won or lost by HubSpot's other two flags.
  const derivedClosed: Array<[string, string]> =
    !closedColumns.length && wonColumn && lostColumn
      ? [[DERIVED_IS_CLOSED, `case when parse_bool(${cell(wonColumn)}) or parse_bool(${cell(lostColumn)}) then 'true'
           when parse_bool(${cell(wonColumn)}) = false and parse_bool(${cell(lostColumn)}) = false then 'false' end`]]
      : [];
  const { relation, columns } = await prepare(connection, deals, [
    ...(companyColumns.length ? [[DERIVED_ACCOUNT_ID, firstIdExpression(companyColumns)] as [string, string]] : []),
    ...derivedClosed,
  ]);
  const companyCurrency = findColumns(h, DEALS.companyCurrencyAmount);
  await createSourceView(
    connection,
    "opportunities",
    relation,
    deals.file,
    {
      opportunity_id: candidates(h, DEALS.recordId),
      account_id: companyColumns.length ? [DERIVED_ACCOUNT_ID] : [],
      stage_name: candidates(h, DEALS.stage),
      amount: companyCurrency.length ? companyCurrency : findColumns(h, DEALS.amount),
      // An amount in company currency is already converted: reading the deal's own currency would convert it twice.
      currency: companyCurrency.length ? [] : findColumns(h, DEALS.currency),
      close_date: findColumns(h, ["Close Date"]),
      created_at: findColumns(h, ["Create Date"]),
      owner_id: findColumns(h, DEALS.owner),
      created_by_id: findColumns(h, ["Created by user ID"]),
      lead_source: findColumns(h, ["Original Source", "Original Source Type"]),
      opportunity_type: findColumns(h, ["Deal Type"]),
      is_closed: derivedClosed.length ? [DERIVED_IS_CLOSED] : closedColumns,
      is_won: findColumns(h, DEALS.isWon),
      loss_reason: findColumns(h, ["Closed Lost Reason"]),
      pipeline: findColumns(h, DEALS.pipeline),
      modified_at: findColumns(h, ["Last Modified Date"]),
    },
    columns,
  );
  return companyCurrency.length
    ? `amounts read from "${companyCurrency[0]}", taken to be in ${config.currency} (the reporting currency)`
    : null;
}

/** companies → src_accounts, with HubSpot's ICP tiers (tier_1 / "Tier 1" …) as A/B/C. */
async function createAccountsView(connection: DuckDBConnection, companies: LoadedObject): Promise<void> {
  const h = companies.header;
  const [tierColumn] = findColumns(h, COMPANIES.tier);
  const tierLetter = (column: string) =>
    `case regexp_replace(lower(trim(${quoteIdentifier(column)})), '[\\s_-]+', '_', 'g')
       when 'tier_1' then 'A' when 'tier_2' then 'B' when 'tier_3' then 'C'
       else ${cell(column)} end`;
  const { relation, columns } = await prepare(connection, companies, tierColumn ? [[DERIVED_TIER, tierLetter(tierColumn)]] : []);
  await createSourceView(
    connection,
    "accounts",
    relation,
    companies.file,
    {
      account_id: candidates(h, ["Record ID"]),
      account_name: candidates(h, ["Company name"]),
      industry: findColumns(h, ["Industry"]),
      account_type: findColumns(h, ["Type", "Company type"]),
      annual_revenue: findColumns(h, ["Annual Revenue"]),
      employees: findColumns(h, ["Number of Employees"]),
      region: findColumns(h, ["Region"]),
      country: findColumns(h, ["Country/Region", "Country"]),
      tier: tierColumn ? [DERIVED_TIER] : [],
      created_at: findColumns(h, ["Create Date"]),
      owner_id: findColumns(h, COMPANIES.owner),
    },
    columns,
  );
}

/** contacts → src_leads. Names, emails and phone numbers are never selected. */
async function createLeadsView(connection: DuckDBConnection, contacts: LoadedObject): Promise<void> {
  const h = contacts.header;
  const companyColumns = findColumns(h, CONTACTS.company);
  const { relation, columns } = await prepare(
    connection,
    contacts,
    companyColumns.length ? [[DERIVED_ACCOUNT_ID, firstIdExpression(companyColumns)]] : [],
  );
  await createSourceView(
    connection,
    "leads",
    relation,
    contacts.file,
    {
      lead_id: candidates(h, ["Record ID"]),
      company: findColumns(h, ["Company Name"]),
      account_id: companyColumns.length ? [DERIVED_ACCOUNT_ID] : [],
      lead_source: findColumns(h, ["Original Source", "Original Source Type"]),
      status: candidates(h, ["Lifecycle Stage"]),
      created_at: candidates(h, ["Create Date"]),
      mql_at: findColumns(h, ["Became a Marketing Qualified Lead Date"]),
      sql_at: findColumns(h, ["Became a Sales Qualified Lead Date"]),
      converted_at: findColumns(h, ["Became an Opportunity Date"]),
      owner_id: findColumns(h, CONTACTS.owner),
      loss_reason: findColumns(h, ["Disqualification Reason"]),
    },
    columns,
  );
}

/** Every canonical column of `entityName`, from `expressions` (SQL we wrote) or null, as text. */
function canonicalSelect(entityName: EntityName, expressions: Record<string, string>): string {
  return entity(entityName)
    .columns.map((column) => `(${expressions[column.name] ?? "null"})::varchar as ${column.name}`)
    .join(", ");
}

/**
 * src_opportunity_history from the deals' `Date entered "<Stage> (<Pipeline>)"` columns: one row per
 * deal per non-empty cell, unpivoted in SQL. Only the first row of each Record ID is read (a repeated
 * row is quarantined as a duplicate deal, and its dates must not slip in as history). The rows keep the
 * deal's `_source_row`, so a quarantined history row points at its deal's row in the file. "Date exited"
 * columns are not read: the next stage's "Date entered" says the same.
 */
async function deriveStageHistory(connection: DuckDBConnection, deals: LoadedObject): Promise<SourceFile | null> {
  const stageColumns = deals.header
    .map((column) => ({ column, parsed: parseStageColumn(column) }))
    .filter((c): c is { column: string; parsed: NonNullable<ReturnType<typeof parseStageColumn>> } => c.parsed !== null);
  if (!stageColumns.length) return null;
  const [recordId] = findColumns(deals.header, DEALS.recordId);
  if (!recordId) return null; // not reached: deals are recognised by "Record ID"
  const label = `${deals.file} › stage dates`;
  await connection.run(
    `create or replace table raw_hubspot__deal_stage_columns (column_name varchar primary key, stage varchar, pipeline varchar)`,
  );
  for (const { column, parsed } of stageColumns) {
    await connection.run("insert into raw_hubspot__deal_stage_columns values ($column, $stage, $pipeline)", {
      column,
      stage: parsed.stage,
      pipeline: parsed.pipeline,
    });
  }
  const dateColumns = stageColumns.map((c) => quoteIdentifier(c.column)).join(", ");
  const table = "raw_hubspot__deal_stage_dates";
  await connection.run(
    `create or replace table ${table} as
     with deals as (
       select _source_row, ${cell(recordId)} as opportunity_id, ${dateColumns}
       from ${quoteIdentifier(deals.table)}
       qualify ${cell(recordId)} is null
         or row_number() over (partition by ${cell(recordId)} order by _source_row) = 1
     ),
     cells as (
       select * from (unpivot deals on ${dateColumns} into name column_name value entered_at)
       where nullif(trim(entered_at), '') is not null
     )
     select
       $label as _source_file,
       cells._source_row,
       hash(cells.opportunity_id, cells.column_name, cells.entered_at) as _row_hash,
       ${canonicalSelect("opportunity_history", {
         history_id: "cells.opportunity_id || ' › ' || stage_columns.stage || coalesce(' (' || stage_columns.pipeline || ')', '')",
         opportunity_id: "cells.opportunity_id",
         stage_name: "stage_columns.stage",
         pipeline: "stage_columns.pipeline",
         entered_at: "trim(cells.entered_at)",
       })}
     from cells
     join raw_hubspot__deal_stage_columns as stage_columns using (column_name)
     order by cells._source_row, cells.column_name`,
    { label },
  );
  await connection.run(`create or replace view src_opportunity_history as select * from ${table}`);
  const [count] = await queryRows<{ n: number }>(connection, `select count(*)::integer as n from ${table}`);
  return {
    file: label,
    entity: "opportunity_history",
    rowsRead: count?.n ?? 0,
    note: `derived from ${stageColumns.length} "Date entered" columns (one row per deal and non-empty date)`,
  };
}

/**
 * src_users from the owner names on deals, companies and contacts: HubSpot exports owners by name, so a
 * user's id is their name. Each name is credited to the first file it appears in (deals, then companies,
 * then contacts) at the row it first appears on. Department: the owner's most frequent "HubSpot Team"
 * on the records they own (the team HubSpot records is the owner's primary team), else none.
 */
async function deriveUsers(
  connection: DuckDBConnection,
  loaded: Partial<Record<HubSpotObject, LoadedObject>>,
): Promise<SourceFile[]> {
  const sources = (["deals", "companies", "contacts"] as const)
    .map((object) => loaded[object])
    .filter((source): source is LoadedObject => source !== undefined)
    .map((source) => {
      const spec = source.object === "deals" ? DEALS : source.object === "companies" ? COMPANIES : CONTACTS;
      return { source, owner: findColumns(source.header, spec.owner)[0], team: findColumns(source.header, spec.team)[0] };
    })
    .filter((s): s is typeof s & { owner: string } => s.owner !== undefined);
  if (!sources.length) return [];
  const params: Record<string, string> = {};
  const mentions = sources.map(({ source, owner, team }, i) => {
    params[`label${i}`] = `${source.file} › owners`;
    return `select ${i} as file_order, $label${i} as _source_file, _source_row, ${cell(owner)} as owner,
              ${team ? cell(team) : "null::varchar"} as team
            from ${quoteIdentifier(source.table)}`;
  });
  const table = "raw_hubspot__owners";
  await connection.run(
    `create or replace table ${table} as
     with mentions as (
       select * from (${mentions.join(" union all ")}) where owner is not null
     ),
     team_counts as (
       select owner, team, count(*) as n from mentions where team is not null group by owner, team
     ),
     teams as (
       select owner, first(team order by n desc, team) as team from team_counts group by owner
     ),
     first_seen as (
       select owner, file_order, _source_file, _source_row from mentions
       qualify row_number() over (partition by owner order by file_order, _source_row) = 1
     )
     select
       first_seen._source_file,
       first_seen._source_row,
       hash(first_seen.owner, teams.team) as _row_hash,
       ${canonicalSelect("users", { user_id: "first_seen.owner", user_name: "first_seen.owner", department: "teams.team" })}
     from first_seen
     left join teams using (owner)
     order by first_seen.file_order, first_seen._source_row`,
    params,
  );
  await connection.run(`create or replace view src_users as select * from ${table}`);
  const counts = await queryRows<{ source_file: string; n: number }>(
    connection,
    `select _source_file as source_file, count(*)::integer as n from ${table} group by 1`,
  );
  return sources.map(({ source, owner }, i) => ({
    file: params[`label${i}`]!,
    entity: "users" as const,
    rowsRead: counts.find((c) => c.source_file === params[`label${i}`])?.n ?? 0,
    note: `derived: distinct names in "${owner}" not already found in an earlier file`,
  }));
}
