/**
 * Pipedrive adapter: the deals and organizations exports (Deals → Export, Organizations → Export, CSV), as a
 * declaration over the engine every declared adapter runs on (declared.ts). Pipedrive writes headers bare
 * ("Title", "Status") or prefixed by their object when related fields are exported ("Deal - Title"); keeps
 * the outcome as a word (Status: won, lost, open, deleted); names owners and organizations by name. The
 * headers are Pipedrive's standard deal and organization fields as its field list names them; they were not
 * checked against a real export (docs/pipedrive.md).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config.ts";
import { loadDeclaredExport, looksLikeByHeader, type Declaration } from "./declared.ts";
import type { SourceFile } from "./types.ts";

/** A Pipedrive field's header, bare and prefixed: field("Deal", "Title") → ["Deal - Title", "Title"]. */
const field = (object: string, ...names: string[]) => names.flatMap((name) => [`${object} - ${name}`, name]);

export const PIPEDRIVE: Declaration = {
  format: "pipedrive",
  name: "Pipedrive",
  objects: [
    {
      object: "Deals",
      entity: "opportunities",
      identifiedBy: ["opportunity_id", "status", "created_at"],
      // "Deal created" is Pipedrive's own; a Salesforce or HubSpot deals file has none.
      requiresOneOf: field("Deal", "Deal created"),
      columns: {
        opportunity_id: field("Deal", "ID"),
        stage_name: field("Deal", "Stage"),
        status: field("Deal", "Status"),
        pipeline: field("Deal", "Pipeline"),
        amount: field("Deal", "Value"),
        currency: field("Deal", "Currency of Value", "Currency"),
        // Closed deals: when they were won or lost; open ones: when they are expected to close.
        close_date: [{ firstOf: field("Deal", "Won time", "Lost time", "Deal closed on", "Expected close date") }],
        created_at: field("Deal", "Deal created"),
        modified_at: field("Deal", "Update time"),
        owner_id: field("Deal", "Owner"),
        created_by_id: field("Deal", "Creator"),
        account_id: field("Deal", "Organization"),
        loss_reason: field("Deal", "Lost reason"),
        lead_source: field("Deal", "Source channel", "Source origin"),
      },
    },
    {
      object: "Organizations",
      entity: "accounts",
      identifiedBy: ["account_id", "account_name"],
      requiresOneOf: field("Organization", "People", "Closed deals", "Open deals", "Address"),
      columns: {
        // Deals name their organization: the name is the key that joins them.
        account_id: field("Organization", "Name"),
        account_name: field("Organization", "Name"),
        industry: field("Organization", "Industry"),
        annual_revenue: field("Organization", "Annual revenue"),
        employees: field("Organization", "Number of employees"),
        country: field("Organization", "Address - Country", "Country"),
        created_at: field("Organization", "Organization created"),
        owner_id: field("Organization", "Owner"),
      },
    },
  ],
  // People hold names, emails and phones: never read.
  otherObjects: ["People", "Persons", "Leads", "Activities", "Products", "Notes"],
};

/** Is any header a Pipedrive deals or organizations export's? */
export function looksLikePipedrive(headersByFile: Record<string, string[]>): boolean {
  return looksLikeByHeader(PIPEDRIVE, headersByFile);
}

/** Load the Pipedrive exports of `dir`; other files are listed as unused. */
export function loadPipedriveExport(connection: DuckDBConnection, dir: string, config: Config): Promise<SourceFile[]> {
  return loadDeclaredExport(connection, dir, config, PIPEDRIVE);
}
