/**
 * HubSpot adapter: CRM exports of deals, companies and contacts (docs/hubspot.md), as a declaration over
 * the engine every declared adapter runs on (declared.ts). HubSpot names its files freely ("all-deals.csv",
 * "hubspot-crm-exports-all-deals-2024-08-27.csv"), so each file is recognised by its header, never by its
 * name. Each file we use becomes a raw table `raw_hubspot__<object>` and a `src_<entity>` view in the
 * canonical contract (entities.ts):
 *
 * - deals → `src_opportunities`; their `Date entered "<Stage> (<Pipeline>)"` columns, unpivoted by
 *   hubspot/stage-history.sql, → `src_opportunity_history` (derived rows, labelled "<file> › stage dates");
 * - companies → `src_accounts`;
 * - contacts → `src_leads` (HubSpot's funnel lives on contacts: lifecycle stage and "Became a … Date");
 * - the owner names on all three → `src_users` by hubspot/owners.sql (HubSpot exports owners by name, not
 *   id; derived rows, labelled "<file> › owners").
 *
 * Values HubSpot writes its own way (association lists, ICP tiers, closed from the won and lost flags)
 * go through the macros of hubspot/macros.sql. Column labels are matched case-insensitively, with runs of
 * spaces (non-breaking ones too) taken as one space and outer spaces ignored: HubSpot labels end in stray
 * spaces ("Contract Request Date ").
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { queryRows } from "../duckdb.ts";
import { loadDeclaredExport, looksLikeByHeader, recogniseFile, type Declaration, type LoadedObject } from "./declared.ts";
import { headerKey } from "./headers.ts";
import type { SourceFile } from "./types.ts";

export type HubSpotObject = "deals" | "companies" | "contacts";

const sqlFile = (name: string) => fileURLToPath(new URL(`./hubspot/${name}`, import.meta.url));

/** HubSpot's headers that mark a contact (contacts have a "Company Name" too) and a deal. */
const CONTACT_HEADERS = ["First Name", "Last Name", "Email"];
const DEAL_HEADERS = ["Deal Stage", "Deal Name"];
const TEAM = ["HubSpot Team"];
const SOURCE = ["Original Source", "Original Source Type"];
/** Already converted into the account's company currency: preferred (the deal's currency is then not read). */
const COMPANY_CURRENCY_AMOUNT = "Amount in company currency";

export const HUBSPOT: Declaration = {
  format: "hubspot",
  name: "HubSpot",
  macros: sqlFile("macros.sql"),
  objects: [
    {
      object: "deals",
      entity: "opportunities",
      identifiedBy: ["opportunity_id"],
      requiresOneOf: DEAL_HEADERS,
      columns: {
        opportunity_id: ["Record ID"],
        // Association columns: a semicolon-joined list of company ids; the first is taken (parse).
        account_id: [{ firstOf: ["Associated Company ID (Primary)", "Associated Company IDs", "Associated Company ID", "Company ID"] }],
        stage_name: ["Deal Stage"],
        amount: [COMPANY_CURRENCY_AMOUNT, "Amount"],
        currency: ["Currency"],
        close_date: ["Close Date"],
        created_at: ["Create Date"],
        owner_id: ["Deal owner"],
        created_by_id: ["Created by user ID"],
        lead_source: SOURCE,
        opportunity_type: ["Deal Type"],
        // HubSpot's own outcome: it wins over the stage label (a label can mean won in one pipeline only).
        // Without "Is Deal Closed?", a deal is closed when it is won or lost by the other two flags.
        is_closed: [
          "Is Deal Closed?",
          "Is Closed (numeric)",
          { apply: "hubspot_closed", to: ["Is Closed Won", "Is closed lost"] },
          { apply: "hubspot_closed", to: ["Is Closed Won (numeric)", "Is closed lost"] },
        ],
        is_won: ["Is Closed Won", "Is Closed Won (numeric)"],
        loss_reason: ["Closed Lost Reason"],
        pipeline: ["Pipeline"],
        modified_at: ["Last Modified Date"],
      },
      parse: { account_id: "hubspot_first_id" },
      // An amount in company currency is already converted: reading the deal's own currency would convert it twice.
      unless: { currency: [COMPANY_CURRENCY_AMOUNT] },
      extra: { record_id: ["Record ID"], owner: ["Deal owner"], team: TEAM },
      keepMatching: /^\s*date entered\s+"/i,
      note: (header, config) => {
        const column = header.find((name) => headerKey(name) === headerKey(COMPANY_CURRENCY_AMOUNT));
        return column ? `amounts read from "${column}", taken to be in ${config.currency} (the reporting currency)` : null;
      },
    },
    {
      object: "companies",
      entity: "accounts",
      identifiedBy: ["account_id"],
      requiresOneOf: ["Company name"],
      notWith: [...CONTACT_HEADERS, ...DEAL_HEADERS],
      columns: {
        account_id: ["Record ID"],
        account_name: ["Company name"],
        industry: ["Industry"],
        account_type: ["Type", "Company type"],
        annual_revenue: ["Annual Revenue"],
        employees: ["Number of Employees"],
        region: ["Region"],
        country: ["Country/Region", "Country"],
        tier: ["Tier", "Account Tier", "Ideal Customer Profile Tier"],
        created_at: ["Create Date"],
        owner_id: ["Company owner"],
      },
      // HubSpot's ICP tiers (tier_1 / "Tier 1" …) as A/B/C.
      parse: { tier: "hubspot_tier" },
      extra: { owner: ["Company owner"], team: TEAM },
    },
    {
      object: "contacts",
      entity: "leads",
      identifiedBy: ["lead_id"],
      requiresOneOf: CONTACT_HEADERS,
      notWith: DEAL_HEADERS,
      // Names, emails and phone numbers are never selected (nor stored: only these columns are kept).
      columns: {
        lead_id: ["Record ID"],
        company: ["Company Name"],
        account_id: [{ firstOf: ["Associated Company ID (Primary)", "Associated Company ID", "Associated Company IDs", "Company ID"] }],
        lead_source: SOURCE,
        status: ["Lifecycle Stage"],
        created_at: ["Create Date"],
        mql_at: ["Became a Marketing Qualified Lead Date"],
        sql_at: ["Became a Sales Qualified Lead Date"],
        converted_at: ["Became an Opportunity Date"],
        owner_id: ["Contact owner"],
        loss_reason: ["Disqualification Reason"],
      },
      parse: { account_id: "hubspot_first_id" },
      extra: { owner: ["Contact owner"], team: TEAM },
    },
  ],
  otherFileNote: notCsvNote,
  unusedNote: "not used: not a HubSpot deals, companies or contacts export (judged by its header)",
  derive: deriveTables,
};

/**
 * Which HubSpot object a header belongs to, or null. Deals: "Record ID" with "Deal Stage" or "Deal Name";
 * contacts: "Record ID" with "First Name", "Last Name" or "Email"; companies: "Record ID" with
 * "Company name" (and none of the contact columns: contacts have a "Company Name" too). A file recognised
 * here but lacking a column its entity requires (a contacts export without "Lifecycle Stage") stops the
 * build with the column named, rather than being skipped as unused.
 */
export function classifyHubSpotHeader(header: string[]): HubSpotObject | null {
  return (recogniseFile(HUBSPOT, "", header)?.object as HubSpotObject | undefined) ?? null;
}

/** Is this an export from HubSpot? True when any file's header is a deals, companies or contacts export. */
export function looksLikeHubSpot(headersByFile: Record<string, string[]>): boolean {
  return looksLikeByHeader(HUBSPOT, headersByFile);
}

/**
 * Load the deals, companies and contacts exports found in `dir` (one file each, recognised by header)
 * and derive stage history and users from them. Every file in the folder is listed: files not used with
 * a note saying why, derived rows as their own entries ("<file> › stage dates", "<file> › owners") so
 * that rows read = rows loaded + rows quarantined holds for each.
 */
export function loadHubSpotExport(connection: DuckDBConnection, dir: string, config: Config): Promise<SourceFile[]> {
  return loadDeclaredExport(connection, dir, config, HUBSPOT);
}

function notCsvNote(name: string): string {
  if (/\.xlsx?$/i.test(name)) return "not used: an Excel file; export from HubSpot as CSV";
  if (/\.zip$/i.test(name)) return "not used: a zip archive; unzip HubSpot's export into this folder";
  return "not used: not a CSV file";
}

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

/** The derived tables, after every file is loaded: stage history from the deals, then users from the owners. */
async function deriveTables(connection: DuckDBConnection, loaded: LoadedObject[]): Promise<SourceFile[]> {
  const deals = loaded.find((l) => l.object === "deals");
  const history = deals ? await deriveStageHistory(connection, deals) : null;
  return [...(history ? [history] : []), ...(await deriveOwners(connection, loaded))];
}

/**
 * src_opportunity_history by hubspot/stage-history.sql. The stage and pipeline of each "Date entered"
 * column are parsed here (parseStageColumn: balanced parentheses are beyond a regular expression) and
 * handed to the SQL as a table, filled through bound parameters.
 */
async function deriveStageHistory(connection: DuckDBConnection, deals: LoadedObject): Promise<SourceFile | null> {
  const stageColumns = deals.header.flatMap((column) => {
    const parsed = parseStageColumn(column);
    return parsed ? [{ column, ...parsed }] : [];
  });
  if (!stageColumns.length) return null;
  const label = `${deals.file} › stage dates`;
  await connection.run(`create or replace table raw_hubspot__deal_stage_columns (column_name varchar primary key, stage varchar, pipeline varchar)`);
  for (const { column, stage, pipeline } of stageColumns) {
    await connection.run("insert into raw_hubspot__deal_stage_columns values ($column, $stage, $pipeline)", { column, stage, pipeline });
  }
  await connection.run(readFileSync(sqlFile("stage-history.sql"), "utf8"), { label });
  await connection.run("create or replace view src_opportunity_history as select * from raw_hubspot__deal_stage_dates");
  const [count] = await queryRows<{ n: number }>(connection, "select count(*)::integer as n from raw_hubspot__deal_stage_dates");
  return {
    file: label,
    entity: "opportunity_history",
    rowsRead: count?.n ?? 0,
    note: `derived from ${stageColumns.length} "Date entered" columns (one row per deal and non-empty date)`,
  };
}

/** src_users by hubspot/owners.sql, listed once per file with an owner column, in the order it credits them. */
async function deriveOwners(connection: DuckDBConnection, loaded: LoadedObject[]): Promise<SourceFile[]> {
  const sources = (["deals", "companies", "contacts"] as const).flatMap((object) => {
    const source = loaded.find((l) => l.object === object);
    const owner = HUBSPOT.objects.find((o) => o.object === object)?.extra?.owner?.[0] as string;
    const column = source?.header.find((name) => headerKey(name) === headerKey(owner));
    return source && column ? [{ label: `${source.file} › owners`, column }] : [];
  });
  if (!sources.length) return [];
  await connection.run(readFileSync(sqlFile("owners.sql"), "utf8"));
  await connection.run("create or replace view src_users as select * from raw_hubspot__owners");
  const counts = await queryRows<{ source_file: string; n: number }>(
    connection,
    "select _source_file as source_file, count(*)::integer as n from raw_hubspot__owners group by 1",
  );
  return sources.map(({ label, column }) => ({
    file: label,
    entity: "users" as const,
    rowsRead: counts.find((c) => c.source_file === label)?.n ?? 0,
    note: `derived: distinct names in "${column}" not already found in an earlier file`,
  }));
}
