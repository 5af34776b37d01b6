/**
 * The canonical source contract: what every adapter (Salesforce, HubSpot, canonical CSV, mapping file)
 * must hand to the staging models. Each entity becomes a view `src_<entity>` whose columns are all text,
 * named as below, plus `_source_file` and `_source_row` so a bad row can be traced to its file and row.
 * Staging models (models/staging/stg_<entity>.sql) parse, validate and quarantine from there, the same
 * way for every adapter.
 */

export interface EntityColumn {
  /** Canonical column name in `src_<entity>`. */
  name: string;
  /** A file without this column cannot be used: the build stops and names it. */
  required?: boolean;
  /** What the column holds, for error messages and docs/canonical-format.md. */
  description: string;
  /** How staging parses it: adapters that reformat values (mapping files) need to know. */
  kind: ColumnKind;
}

export type ColumnKind = "id" | "text" | "date" | "amount" | "number" | "boolean";

export interface Entity {
  name: EntityName;
  /** What one row is. */
  grain: string;
  columns: EntityColumn[];
}

export type EntityName =
  | "users"
  | "accounts"
  | "campaigns"
  | "leads"
  | "opportunities"
  | "opportunity_history"
  | "opportunity_snapshots"
  | "opportunity_competitors"
  | "campaign_members"
  | "tasks"
  | "currency_rates"
  | "dated_currency_rates";

const col = (name: string, description: string, required = false): EntityColumn => ({
  name,
  description,
  required,
  kind: kindOf(name),
});

/** Column kinds follow from the naming convention: *_id, *_at / *_date, amount, is_*. */
function kindOf(name: string): ColumnKind {
  if (name.endsWith("_id")) return "id";
  if (name.endsWith("_at") || name.endsWith("_date")) return "date";
  if (name === "amount" || name === "annual_revenue") return "amount";
  if (name === "employees" || name === "rate") return "number";
  if (name.startsWith("is_")) return "boolean";
  return "text";
}

export const ENTITIES: Entity[] = [
  {
    name: "users",
    grain: "a CRM user: a rep, manager or other member of a team",
    columns: [
      col("user_id", "unique id of the user", true),
      col("user_name", "display name (employees are shown by name on the site)"),
      col("department", "team name as the CRM has it, mapped by config `teams`"),
      col("title", "job title"),
      col("role", "role in the CRM's role hierarchy (a team when the department is empty, by config `teamPatterns`)"),
      col("profile", "the CRM profile (a team when department and role say nothing)"),
      col("start_date", "date the rep started (for ramp curves)"),
      col("is_active", "still active (boolean)"),
      col("region", "sales region"),
      col("manager_id", "user id of the manager"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "accounts",
    grain: "a company: a prospect or a customer",
    columns: [
      col("account_id", "unique id of the account", true),
      col("account_name", "company name", true),
      col("industry", "industry"),
      col("account_type", "the CRM's type of account (customer, partner, competitor, test …)"),
      col("annual_revenue", "annual revenue (amount)"),
      col("employees", "number of employees"),
      col("region", "sales region"),
      col("country", "billing country"),
      col("tier", "A/B/C tier from the CRM, if it keeps one"),
      col("created_at", "date the account was created"),
      col("owner_id", "user id of the account owner"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "campaigns",
    grain: "a marketing campaign",
    columns: [
      col("campaign_id", "unique id of the campaign", true),
      col("campaign_name", "campaign name"),
      col("campaign_type", "webinar, event, content, …"),
      col("start_date", "start date"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "leads",
    grain: "a lead: a person at a company who showed interest or was prospected",
    columns: [
      col("lead_id", "unique id of the lead", true),
      col("company", "company name, used to match the lead to an account"),
      col("account_id", "account the lead was converted into"),
      col("lead_source", "lead source, mapped to inbound/outbound by config `channels`"),
      col("status", "lead status, mapped to a funnel step by config `funnel.leadStatuses`", true),
      col("created_at", "date the lead was created", true),
      col("mql_at", "date the lead became a marketing qualified lead"),
      col("sql_at", "date the lead became a sales qualified lead"),
      col("converted_at", "date the lead was converted into an opportunity"),
      col("is_converted", "converted (boolean)"),
      col("converted_opportunity_id", "opportunity the lead was converted into"),
      col("owner_id", "user id of the lead owner"),
      col("loss_reason", "why the lead was disqualified"),
      col("modified_at", "when the lead was last changed (for a closed lead, usually when it was closed)"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "opportunities",
    grain: "an opportunity (deal): new business, renewal or expansion",
    columns: [
      col("opportunity_id", "unique id of the opportunity", true),
      col("account_id", "account of the deal"),
      col("stage_name", "current stage, mapped to a funnel step by config `funnel.opportunityStages`", true),
      col("amount", "deal amount"),
      col("currency", "ISO currency code of the amount"),
      col("close_date", "expected or actual close date"),
      col("created_at", "date the opportunity was created (some exports have none: the deal then has no cohort)"),
      col("owner_id", "user id of the owner (the rep at close)"),
      col("created_by_id", "user id of who created it (inside sales' handoff)"),
      col("lead_source", "lead source"),
      col("opportunity_type", "new business / renewal / upsell, mapped by config `opportunityTypes`"),
      col("is_closed", "closed (boolean): with is_won, the CRM's own outcome, which wins over the stage"),
      col("is_won", "won (boolean)"),
      col("status", "the CRM's own outcome as a word where it keeps one instead of flags: won, lost, open (or deleted), as Pipedrive's Status"),
      col("loss_reason", "why the deal was lost"),
      col("pipeline", "the sales pipeline the deal is in (HubSpot, or Salesforce record types), for stage mapping and cuts by pipeline"),
      col("campaign_id", "primary campaign"),
      col("competitors", "competitors as one comma-joined field, where the CRM keeps them so"),
      col("segment", "product line or segment, for win rate by segment"),
      col("region", "sales region of the deal, where the CRM keeps it on the deal"),
      col("modified_at", "when the deal was last changed (the export's own \"now\" is its latest change)"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "opportunity_history",
    grain: "a change of an opportunity's stage, amount or close date",
    columns: [
      col("history_id", "unique id of the history row"),
      col("opportunity_id", "the opportunity", true),
      col("stage_name", "stage after the change", true),
      col("pipeline", "pipeline of that stage, where the export says"),
      col("entered_at", "when the change happened", true),
      col("amount", "amount after the change"),
      col("close_date", "close date after the change"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "opportunity_snapshots",
    grain: "an opportunity as it stood in one dated export (weekly snapshots in dated folders: 2026-11-02/, 2026-11-09/, …)",
    columns: [
      col("snapshot_date", "the date of the snapshot", true),
      col("opportunity_id", "the opportunity", true),
      col("stage_name", "stage at the snapshot", true),
      col("amount", "amount at the snapshot"),
      col("currency", "ISO currency of the amount"),
      col("close_date", "expected or actual close date at the snapshot"),
      col("is_closed", "closed (boolean)"),
      col("is_won", "won (boolean)"),
      col("opportunity_type", "new business / renewal / upsell"),
      col("pipeline", "pipeline at the snapshot"),
      col("owner_id", "owner at the snapshot"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "opportunity_competitors",
    grain: "a competitor named on an opportunity",
    columns: [
      col("opportunity_id", "the opportunity", true),
      col("competitor", "competitor name", true),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "campaign_members",
    grain: "a lead's membership of a campaign",
    columns: [
      col("campaign_id", "the campaign", true),
      col("lead_id", "the lead"),
      col("created_at", "when the lead joined the campaign"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "tasks",
    grain: "an activity: a call, email or meeting",
    columns: [
      col("task_id", "unique id of the activity", true),
      col("lead_id", "lead it concerns"),
      col("opportunity_id", "opportunity it concerns"),
      col("account_id", "account it concerns"),
      col("activity_date", "date of the activity"),
      col("task_type", "call, email, meeting, …"),
      col("owner_id", "user id of who did it"),
      col("is_deleted", "deleted in the CRM (boolean)"),
    ],
  },
  {
    name: "currency_rates",
    grain: "a currency of a multi-currency org and its rate (Salesforce CurrencyType: units per one unit of the corporate currency)",
    columns: [
      col("currency", "ISO currency code", true),
      col("rate", "units of this currency per one unit of the org's corporate currency (Salesforce's ConversionRate)", true),
      col("is_corporate", "the org's corporate currency (boolean)"),
      col("is_active", "still in use (boolean)"),
    ],
  },
  {
    name: "dated_currency_rates",
    grain: "a currency's rate over a date range (Salesforce DatedConversionRate, advanced currency management)",
    columns: [
      col("currency", "ISO currency code", true),
      col("rate", "units of this currency per one unit of the corporate currency over the range", true),
      col("start_date", "first day the rate applies", true),
      col("next_start_date", "first day of the next rate (open-ended when empty)"),
    ],
  },
];

export function entity(name: EntityName): Entity {
  const found = ENTITIES.find((e) => e.name === name);
  if (!found) throw new Error(`unknown entity ${name}`);
  return found;
}
