/**
 * Salesforce adapter: a Data Export (or Data Loader) folder with one CSV per object, field API names as
 * headers. Each object we use becomes a raw table `raw_salesforce__<object>` holding the file as it is,
 * and a `src_<entity>` view in the canonical contract (entities.ts). Custom fields (tier, loss reason, MQL
 * and SQL dates, rep start date) are named in the config, because every org names them differently.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { queryRows, quoteIdentifier } from "../duckdb.ts";
import { createSourceView, keepCandidates, keepNamed, loadCsvFile, readHeaderRow, type HeaderCandidate } from "./csv.ts";
import type { EntityName } from "./entities.ts";
import type { FieldChoice, SourceFile } from "./sources.ts";

interface SalesforceObject {
  object: string;
  entity: EntityName;
  /** canonical column → candidate headers; `custom:<Object.key>` refers to config.salesforce.customFields. */
  columns: Record<string, Array<HeaderCandidate | `custom:${string}`>>;
}

export const SALESFORCE_OBJECTS: SalesforceObject[] = [
  {
    object: "User",
    entity: "users",
    columns: {
      user_id: ["Id"],
      user_name: ["Name", ["FirstName", "LastName"], "LastName"],
      department: ["Department"],
      title: ["Title"],
      start_date: ["custom:User.startDate", "CreatedDate"],
      is_active: ["IsActive"],
      region: ["custom:User.region"],
      manager_id: ["ManagerId"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "Account",
    entity: "accounts",
    columns: {
      account_id: ["Id"],
      account_name: ["Name"],
      industry: ["Industry"],
      annual_revenue: ["AnnualRevenue"],
      employees: ["NumberOfEmployees"],
      region: ["custom:Account.region"],
      country: ["BillingCountry"],
      tier: ["custom:Account.tier"],
      created_at: ["CreatedDate"],
      owner_id: ["OwnerId"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "Campaign",
    entity: "campaigns",
    columns: {
      campaign_id: ["Id"],
      campaign_name: ["Name"],
      campaign_type: ["Type"],
      start_date: ["StartDate"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "Lead",
    entity: "leads",
    columns: {
      lead_id: ["Id"],
      company: ["Company"],
      account_id: ["ConvertedAccountId"],
      lead_source: ["LeadSource"],
      status: ["Status"],
      created_at: ["CreatedDate"],
      mql_at: ["custom:Lead.mqlDate"],
      sql_at: ["custom:Lead.sqlDate"],
      converted_at: ["ConvertedDate"],
      is_converted: ["IsConverted"],
      converted_opportunity_id: ["ConvertedOpportunityId"],
      owner_id: ["OwnerId"],
      loss_reason: ["custom:Lead.lossReason"],
      modified_at: ["LastModifiedDate"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "Opportunity",
    entity: "opportunities",
    columns: {
      opportunity_id: ["Id"],
      account_id: ["AccountId"],
      stage_name: ["StageName"],
      amount: ["Amount"],
      currency: ["CurrencyIsoCode"],
      close_date: ["CloseDate"],
      created_at: ["CreatedDate"],
      owner_id: ["OwnerId"],
      created_by_id: ["CreatedById"],
      lead_source: ["LeadSource"],
      opportunity_type: ["Type"],
      is_closed: ["IsClosed"],
      is_won: ["IsWon"],
      loss_reason: ["custom:Opportunity.lossReason"],
      campaign_id: ["CampaignId"],
      competitors: ["custom:Opportunity.competitors"],
      modified_at: ["LastModifiedDate", "LastStageChangeDate"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "OpportunityHistory",
    entity: "opportunity_history",
    columns: {
      history_id: ["Id"],
      opportunity_id: ["OpportunityId"],
      stage_name: ["StageName"],
      entered_at: ["CreatedDate"],
      amount: ["Amount"],
      close_date: ["CloseDate"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    // A multi-currency org's rates (Setup → Manage Currencies), in Salesforce's direction: units per one
    // unit of the corporate currency.
    object: "CurrencyType",
    entity: "currency_rates",
    columns: {
      currency: ["IsoCode"],
      rate: ["ConversionRate"],
      is_corporate: ["IsCorporate"],
      is_active: ["IsActive"],
    },
  },
  {
    object: "DatedConversionRate",
    entity: "dated_currency_rates",
    columns: {
      currency: ["IsoCode"],
      rate: ["ConversionRate"],
      start_date: ["StartDate"],
      next_start_date: ["NextStartDate"],
    },
  },
  {
    object: "OpportunityCompetitor",
    entity: "opportunity_competitors",
    columns: {
      opportunity_id: ["OpportunityId"],
      competitor: ["CompetitorName"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "CampaignMember",
    entity: "campaign_members",
    columns: {
      campaign_id: ["CampaignId"],
      lead_id: ["LeadId"],
      created_at: ["CreatedDate"],
      is_deleted: ["IsDeleted"],
    },
  },
  {
    object: "Task",
    entity: "tasks",
    columns: {
      task_id: ["Id"],
      lead_id: ["WhoId"],
      opportunity_id: ["WhatId"],
      account_id: ["AccountId"],
      activity_date: ["ActivityDate", "CreatedDate"],
      task_type: ["Type", "TaskSubtype"],
      owner_id: ["OwnerId"],
      is_deleted: ["IsDeleted"],
    },
  },
];

/**
 * How orgs name the custom field of each role, for when the field config names is absent from the file
 * or empty in every row: a real org had `Loss_Reason__c` empty and `LossReason__c` filled. Only custom
 * fields (`…__c`) are considered.
 */
const CUSTOM_FIELD_PATTERNS: Record<string, RegExp> = {
  "Opportunity.lossReason": /(loss|lost).?reason|reason.?(for.?)?(loss|lost)|motivo.?(de.?)?p[eé]rdida/i,
  "Lead.lossReason": /(loss|lost|disqualif|unqualif).?reason|reason.?(for.?)?(loss|lost|disqualif)/i,
  "Opportunity.competitors": /competitor|competidor/i,
  "Account.tier": /tier/i,
  "Lead.mqlDate": /mql/i,
  "Lead.sqlDate": /sql/i,
  "User.startDate": /(start|hire).?date/i,
  "Account.region": /region|territor/i,
  "User.region": /region|territor/i,
};

/** Does this folder look like a Salesforce export? (any file named like an object we read) */
export function looksLikeSalesforce(fileNames: string[]): boolean {
  const objects = new Set(SALESFORCE_OBJECTS.map((o) => o.object.toLowerCase()));
  return fileNames.some((name) => objects.has(objectName(name)));
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
  const fileNames = readdirSync(dir).filter((name) => name.toLowerCase().endsWith(".csv")).sort();
  for (const fileName of fileNames) {
    const spec = SALESFORCE_OBJECTS.find((o) => o.object.toLowerCase() === objectName(fileName));
    if (!spec) {
      files.push({ file: fileName, entity: null, rowsRead: null, note: "not used: no metric reads this object" });
      continue;
    }
    if (files.some((f) => f.entity === spec.entity)) {
      throw new Error(`${fileName}: a second file for ${spec.object}; keep one file per object in ${dir}`);
    }
    const path = join(dir, fileName);
    const rawTable = `raw_salesforce__${spec.object.toLowerCase()}`;
    const candidates = resolveCustomFields(spec, config);
    const roles = customRoles(spec, config, readHeaderRow(path));
    const keepAlso = keepNamed(roles.flatMap((role) => role.alternatives));
    const { header, rowsRead, note } = await loadCsvFile(connection, rawTable, path, fileName, {
      keep: (columns) => [...new Set([...keepCandidates(candidates)(columns), ...keepAlso(columns)])],
    });
    const fields = await chooseCustomFields(connection, rawTable, fileName, roles, candidates, header);
    await createSourceView(connection, spec.entity, rawTable, fileName, candidates, header);
    files.push({ file: fileName, entity: spec.entity, rowsRead, note, fields });
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
  const roles: CustomRole[] = [];
  for (const [column, options] of Object.entries(spec.columns)) {
    for (const option of options) {
      if (typeof option !== "string" || !option.startsWith("custom:")) continue;
      const role = option.slice("custom:".length);
      const configured = config.salesforce.customFields[role] ?? null;
      const pattern = CUSTOM_FIELD_PATTERNS[role];
      const alternatives = pattern
        ? header.filter((name) => /__c$/i.test(name.trim()) && pattern.test(name) && name.trim().toLowerCase() !== configured?.toLowerCase())
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
