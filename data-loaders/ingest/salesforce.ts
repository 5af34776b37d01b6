/**
 * Salesforce adapter: a folder with one CSV per object — a Data Export or Data Loader file (field API names
 * as headers, named after the object) or a report or list-view export (field labels as headers, any file
 * name, often Windows-1252 with "$65,000.00" amounts and M/D/YYYY dates). Its objects are declared in
 * salesforce-objects.ts; the engine that reads them is declared.ts. Custom fields (tier, loss reason, MQL
 * and SQL dates, rep start date) are named in config `salesforce.customFields`, because every org names
 * them differently; when the named field is missing or empty, one whose name fits the role is read.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { describeObjectsNeeded, loadDeclaredExport, looksLikeByHeader, looksLikeByName, type Declaration } from "./declared.ts";
import { OTHER_SALESFORCE_OBJECTS, SALESFORCE_OBJECTS } from "./salesforce-objects.ts";
import type { SourceFile } from "./types.ts";

export { SALESFORCE_OBJECTS };

export const SALESFORCE: Declaration = {
  format: "salesforce",
  name: "Salesforce",
  objects: SALESFORCE_OBJECTS,
  namedFiles: true,
  otherObjects: OTHER_SALESFORCE_OBJECTS,
  customField: (config, role) => config.salesforce.customFields[role],
  customSuffix: /__c$/i,
  // How orgs name the field of each role: a real org had `Loss_Reason__c` empty and `LossReason__c`
  // filled; a report writes the label ("Loss Reason").
  customPatterns: {
    "Opportunity.lossReason": /(loss|lost).?reason|reason.?(for.?)?(loss|lost)|motivo.?(de.?)?p[eé]rdida/i,
    "Lead.lossReason": /(loss|lost|disqualif|unqualif).?reason|reason.?(for.?)?(loss|lost|disqualif)/i,
    "Opportunity.competitors": /competitor|competidor/i,
    "Account.tier": /tier/i,
    "Lead.mqlDate": /mql.*(date|fecha|일)|(date|fecha).*mql|became.*marketing/i,
    "Lead.sqlDate": /sql.*(date|fecha|일)|(date|fecha).*sql|became.*sales/i,
    "User.startDate": /(start|hire).?date/i,
    "Account.region": /region|territor/i,
    "User.region": /region|territor/i,
  },
};

/** Is a file named like a Salesforce object (a Data Export)? */
export function looksLikeSalesforce(fileNames: string[]): boolean {
  return looksLikeByName(SALESFORCE, fileNames);
}

/** Is any header a Salesforce object's (a report export, whatever its file names)? */
export function looksLikeSalesforceReports(headersByFile: Record<string, string[]>): boolean {
  return looksLikeByHeader(SALESFORCE, headersByFile);
}

/** What each main object needs, for the message when a folder holds nothing we can read. */
export function describeSalesforceObjects(): string {
  return describeObjectsNeeded(SALESFORCE, ["Opportunity", "Lead", "Account", "User", "OpportunityHistory"]);
}

/** Load every Salesforce object file of `dir`; files no metric reads are listed as unused. */
export function loadSalesforceExport(connection: DuckDBConnection, dir: string, config: Config): Promise<SourceFile[]> {
  return loadDeclaredExport(connection, dir, config, SALESFORCE);
}
