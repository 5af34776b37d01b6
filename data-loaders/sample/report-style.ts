/**
 * The sample org exported the way a new user's export usually comes: Salesforce report ("Export Details")
 * files instead of a Data Export — field labels as headers, owners and creators by name, Windows-1252,
 * (UTF-8 where a file holds Korean), amounts like "$65,000.00 ", dates like "8/6/2020 15:38", files named freely ("Oppertuninty Table.csv"),
 * deleted records left out. With `quirks`, also what real orgs hold: deals whose account is not in the
 * account file, deals lost as "Duplicate opportunity", owners without a department, closed deals dated
 * years ahead, and a curly apostrophe (a Windows-1252 byte) in company names.
 *
 * It rewrites a Data Export written by the generator (same seed, same org), so the two can be compared:
 * without quirks, every metric must come out the same (test/ingest/report-style.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeDatabase, openDatabase, queryRows, quoteIdentifier } from "../duckdb.ts";

/** How a column is rewritten. */
type Kind = "text" | "date" | "datetime" | "amount" | "user" | "bool";

interface ReportFile {
  object: string;
  file: string;
  /** [API name, label, kind]; API columns not listed are left out, as a report leaves them out. */
  columns: Array<[string, string, Kind?]>;
}

export const REPORT_FILES: ReportFile[] = [
  {
    object: "User",
    file: "Users export.csv",
    columns: [
      ["Id", "User ID"], ["FirstName", "First Name"], ["LastName", "Last Name"], ["Email", "Email"], ["Title", "Title"],
      ["Department", "Department"], ["IsActive", "Active", "bool"], ["ManagerId", "Manager ID"], ["CreatedDate", "Created Date", "datetime"],
      ["Start_Date__c", "Start Date", "date"], ["Region__c", "Region"],
    ],
  },
  {
    object: "Account",
    file: "Accounts.csv",
    columns: [
      ["Id", "Account ID"], ["Name", "Account Name"], ["Type", "Type"], ["Industry", "Industry"], ["AnnualRevenue", "Annual Revenue", "amount"],
      ["NumberOfEmployees", "Employees"], ["BillingCountry", "Billing Country"], ["Region__c", "Region"], ["OwnerId", "Account Owner", "user"],
      ["CreatedDate", "Created Date", "datetime"], ["LastModifiedDate", "Last Modified Date", "datetime"], ["Tier__c", "Tier"],
    ],
  },
  {
    object: "Campaign",
    file: "Campaigns.csv",
    columns: [
      ["Id", "Campaign ID"], ["Name", "Campaign Name"], ["Type", "Type"], ["Status", "Status"], ["StartDate", "Start Date", "date"],
      ["EndDate", "End Date", "date"], ["BudgetedCost", "Budgeted Cost", "amount"], ["IsActive", "Active", "bool"],
    ],
  },
  {
    object: "Lead",
    file: "Leads Report.csv",
    columns: [
      ["Id", "Lead ID"], ["FirstName", "First Name"], ["LastName", "Last Name"], ["Title", "Title"], ["Company", "Company / Account"],
      ["Phone", "Phone"], ["Email", "Email"], ["LeadSource", "Lead Source"], ["Status", "Lead Status"], ["Industry", "Industry"],
      ["OwnerId", "Lead Owner", "user"], ["IsConverted", "Converted", "bool"], ["ConvertedDate", "Converted Date", "date"],
      ["ConvertedAccountId", "Converted Account ID"], ["ConvertedOpportunityId", "Converted Opportunity ID"],
      ["CreatedDate", "Created Date", "datetime"], ["LastModifiedDate", "Last Modified Date", "datetime"], ["Country", "Country"],
      ["MQL_Date__c", "MQL Date", "datetime"], ["SQL_Date__c", "SQL Date", "datetime"], ["Loss_Reason__c", "Loss Reason"],
    ],
  },
  {
    object: "Contact",
    file: "Contacts.csv",
    columns: [
      ["Id", "Contact ID"], ["AccountId", "Account ID"], ["FirstName", "First Name"], ["LastName", "Last Name"], ["Email", "Email"],
      ["Phone", "Phone"], ["Title", "Title"], ["OwnerId", "Contact Owner", "user"], ["CreatedDate", "Created Date", "datetime"],
    ],
  },
  {
    object: "CampaignMember",
    file: "Campaign Members.csv",
    columns: [
      ["Id", "Campaign Member ID"], ["CampaignId", "Campaign ID"], ["LeadId", "Lead ID"], ["ContactId", "Contact ID"], ["Status", "Member Status"],
      ["HasResponded", "Responded", "bool"], ["CreatedDate", "Created Date", "datetime"],
    ],
  },
  {
    object: "Opportunity",
    file: "Oppertuninty Table.csv",
    columns: [
      ["Id", "Opportunity ID"], ["AccountId", "Account ID"], ["Name", "Opportunity Name"], ["StageName", "Stage"], ["Amount", "Amount", "amount"],
      ["Probability", "Probability (%)"], ["CloseDate", "Close Date", "date"], ["Type", "Type"], ["LeadSource", "Lead Source"],
      ["IsClosed", "Closed", "bool"], ["IsWon", "Won", "bool"], ["ForecastCategoryName", "Forecast Category"], ["CurrencyIsoCode", "Opportunity Currency"],
      ["CampaignId", "Campaign ID"], ["OwnerId", "Opportunity Owner", "user"], ["CreatedById", "Created By", "user"], ["CreatedDate", "Created Date", "datetime"],
      ["LastModifiedDate", "Last Modified Date", "datetime"], ["Loss_Reason__c", "Loss Reason"], ["Competitor__c", "Competitor"],
    ],
  },
  {
    object: "OpportunityHistory",
    file: "Opportunity Stage History.csv",
    columns: [
      ["Id", "Opportunity History ID"], ["OpportunityId", "Opportunity ID"], ["FromOpportunityStageName", "From Stage"], ["StageName", "Stage Name"],
      ["Amount", "Amount", "amount"], ["CloseDate", "Close Date", "date"], ["Probability", "Probability (%)"], ["CreatedDate", "Edit Date", "datetime"],
    ],
  },
  {
    object: "OpportunityCompetitor",
    file: "Competitors on Opportunities.csv",
    columns: [["OpportunityId", "Opportunity ID"], ["CompetitorName", "Competitor Name"], ["Strengths", "Strengths"], ["Weaknesses", "Weaknesses"]],
  },
  {
    object: "Task",
    file: "Activities.csv",
    columns: [
      ["Id", "Activity ID"], ["WhoId", "Name ID"], ["WhatId", "Related To ID"], ["AccountId", "Account ID"], ["Subject", "Subject"],
      ["ActivityDate", "Due Date", "date"], ["Status", "Status"], ["OwnerId", "Assigned", "user"], ["Type", "Type"], ["CreatedDate", "Created Date", "datetime"],
    ],
  },
];

export interface ReportStyleOptions {
  /** The quirks of real orgs (module comment); without them the report export holds the same org exactly. */
  quirks?: boolean;
}

/** Rewrite the Data Export in `apiDir` as report exports in `outDir` (which must exist). */
export async function writeReportStyle(apiDir: string, outDir: string, { quirks = false }: ReportStyleOptions = {}): Promise<string[]> {
  const db = await openDatabase(":memory:");
  const written: string[] = [];
  try {
    for (const spec of REPORT_FILES) {
      await db.run(
        `create or replace table ${quoteIdentifier(spec.object)} as
         select * from read_csv($path, header = true, all_varchar = true, quote = '"', escape = '"')`,
        { path: join(apiDir, `${spec.object}.csv`) },
      );
    }
    // Owners and creators by name, as reports write them.
    await db.run(`create table user_names as select "Id" as id, "FirstName" || ' ' || "LastName" as name from "User"`);
    if (quirks) await applyQuirks(db);
    for (const spec of REPORT_FILES) {
      const selects = spec.columns.map(([api, label, kind = "text"]) => `${valueOf(quoteIdentifier(api), kind)} as ${quoteIdentifier(label)}`);
      const notDeleted = (await hasColumn(db, spec.object, "IsDeleted")) ? `where "IsDeleted" <> '1'` : "";
      const rows = await queryRows<Record<string, string | null>>(db, `select ${selects.join(", ")} from ${quoteIdentifier(spec.object)} ${notDeleted}`);
      const labels = spec.columns.map(([, label]) => label);
      const lines = [labels, ...rows.map((row) => labels.map((label) => row[label] ?? ""))].map((cells) => cells.map(quote).join(","));
      writeFileSync(join(outDir, spec.file), encodeForExport(`${lines.join("\r\n")}\r\n`));
      written.push(spec.file);
    }
  } finally {
    closeDatabase(db);
  }
  return written;
}

/**
 * What real orgs hold, on a deterministic share of the records: accounts missing from the account file,
 * deals lost as duplicates, owners without a department, closed deals dated in 2030, curly apostrophes.
 */
async function applyQuirks(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  await db.run(`
    -- Every 25th account with deals is not in the account file (deleted, or outside the report's filter).
    delete from "Account" where "Id" in (
      select "AccountId" from (select distinct "AccountId" from "Opportunity" where "AccountId" <> '') qualify row_number() over (order by "AccountId") % 25 = 0
    );
    -- Every 8th lost deal was a duplicate entry, closed as lost.
    update "Opportunity" set "Loss_Reason__c" = 'Duplicate opportunity'
    where "Id" in (select "Id" from "Opportunity" where "IsClosed" = '1' and "IsWon" = '0' qualify row_number() over (order by "Id") % 8 = 0);
    -- Every 150th closed deal has a close date typed years ahead.
    update "Opportunity" set "CloseDate" = '2030-' || strftime("CloseDate"::date, '%m-%d')
    where "Id" in (select "Id" from "Opportunity" where "IsClosed" = '1' qualify row_number() over (order by "Id") % 150 = 1);
    -- A third of the users have no department (their title still says what they do).
    update "User" set "Department" = '' where "Id" in (select "Id" from "User" qualify row_number() over (order by "Id") % 3 = 0);
    -- Names typed in Word: a curly apostrophe, byte 0x92 in Windows-1252 (the accounts file holds Korean
    -- names, so it is written as UTF-8; the campaigns file is Windows-1252).
    update "Account" set "Name" = "Name" || '’s Group' where "Id" in (select "Id" from "Account" qualify row_number() over (order by "Id") % 20 = 0);
    update "Campaign" set "Name" = "Name" || ' – Partners’ Day' where "Id" in (select "Id" from "Campaign" qualify row_number() over (order by "Id") % 5 = 0);
  `);
}

/** A value as a report writes it (column identifiers are ours, quoted; never a value spliced in). */
function valueOf(column: string, kind: Kind): string {
  switch (kind) {
    case "date":
      return `strftime(try_cast(nullif(${column}, '') as timestamp), '%-m/%-d/%Y')`;
    case "datetime":
      return `strftime(try_cast(nullif(${column}, '') as timestamp), '%-m/%-d/%Y %-H:%M')`;
    case "amount":
      return `case when try_cast(nullif(${column}, '') as double) is not null then '$' || format('{:,.2f}', ${column}::double) || ' ' end`;
    case "user":
      return `coalesce((select name from user_names where id = ${column}), nullif(${column}, ''))`;
    case "bool":
      return `nullif(${column}, '')`;
    default:
      return `nullif(${column}, '')`;
  }
}

async function hasColumn(db: Awaited<ReturnType<typeof openDatabase>>, table: string, column: string): Promise<boolean> {
  const rows = await queryRows(db, "select 1 from duckdb_columns() where table_name = $table and column_name = $column", { table, column });
  return rows.length > 0;
}

/** Every field quoted, as report exports write them. */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * Windows-1252 bytes (Latin-1 plus the printable characters it puts at 0x80–0x9F: "’" is 0x92), as an
 * English-locale report export writes them; a file with text Windows-1252 cannot hold (Korean company
 * names) is written as UTF-8 with a byte-order mark, as the export's "Unicode (UTF-8)" encoding does.
 */
function encodeForExport(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  let n = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = WINDOWS_1252.get(char) ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : undefined);
    if (byte === undefined) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    bytes[n++] = byte;
  }
  return bytes.subarray(0, n);
}

const WINDOWS_1252 = new Map<string, number>(
  [..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"].map((char, i) => [char, [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f][i]!]),
);
