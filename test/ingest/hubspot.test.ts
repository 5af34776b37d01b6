// The HubSpot adapter: the hand-made export in test/fixtures/hubspot (numbers worked out in its
// README.md), the real 586-column deals header of ../shared/real-data, and the stage-column parser.
// sources.ts does not dispatch to HubSpot yet, so the warehouse is built here step by step exactly as
// data-loaders/warehouse/build.ts builds it, with loadHubSpotExport in place of loadExports.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, validateConfig, writeConfigTables, type Config } from "../../data-loaders/config.ts";
import { openDatabase, queryRows, type Row } from "../../data-loaders/duckdb.ts";
import { createEmptySourceView } from "../../data-loaders/ingest/source-view.ts";
import { IngestError } from "../../data-loaders/ingest/types.ts";
import { entity, ENTITIES } from "../../data-loaders/ingest/entities.ts";
import {
  classifyHubSpotHeader,
  loadHubSpotExport,
  looksLikeHubSpot,
  parseStageColumn,
} from "../../data-loaders/ingest/hubspot.ts";
import { readCsvHeaders, readHeaderRow } from "../../data-loaders/ingest/headers.ts";
import type { SourceFile } from "../../data-loaders/ingest/types.ts";
import { createMacros, listModels, runModels } from "../../data-loaders/warehouse/models.ts";
import { writeSourceFiles } from "../../data-loaders/warehouse/build.ts";
import { FIXTURES, realData, SKIP_REAL_DATA, tempDir } from "../helpers.ts";

const FIXTURE = join(FIXTURES, "hubspot");
const DEALS = "hubspot-crm-exports-all-deals-2026-03-01.csv";

/** The entries data/config.json needs for HubSpot's defaults (the same JSON as proposed for it). */
const HUBSPOT_CONFIG = {
  funnel: {
    opportunityStages: {
      "Appointment scheduled": "opportunity",
      "Qualified to buy": "discovery",
      "Presentation scheduled": "proposal",
      "Decision maker bought-in": "proposal",
      "Contract sent": "negotiation",
      appointmentscheduled: "opportunity",
      qualifiedtobuy: "discovery",
      presentationscheduled: "proposal",
      decisionmakerboughtin: "proposal",
      contractsent: "negotiation",
      closedwon: "won",
      closedlost: "lost",
    },
    leadStatuses: {
      subscriber: "lead",
      lead: "lead",
      other: "lead",
      marketingqualifiedlead: "mql",
      "Marketing Qualified Lead": "mql",
      salesqualifiedlead: "sql",
      "Sales Qualified Lead": "sql",
      opportunity: "opportunity",
      customer: "opportunity",
      evangelist: "opportunity",
    },
  },
  channels: {
    "Organic Search": "inbound",
    "Paid Search": "inbound",
    "Email Marketing": "inbound",
    "Social Media": "inbound",
    "Organic Social": "inbound",
    "Paid Social": "inbound",
    Referrals: "inbound",
    "Other Campaigns": "inbound",
    "Direct Traffic": "inbound",
    "AI Referrals": "inbound",
    "Offline Sources": "unknown",
    ORGANIC_SEARCH: "inbound",
    PAID_SEARCH: "inbound",
    EMAIL_MARKETING: "inbound",
    SOCIAL_MEDIA: "inbound",
    PAID_SOCIAL: "inbound",
    REFERRALS: "inbound",
    OTHER_CAMPAIGNS: "inbound",
    DIRECT_TRAFFIC: "inbound",
    AI_REFERRALS: "inbound",
    OFFLINE: "unknown",
  },
  opportunityTypes: {
    newbusiness: "new_business",
    existingbusiness: "expansion",
    "Existing Business": "expansion",
  },
};

/** data/config.json with the HubSpot entries merged in (and any extra stages a test needs). */
function hubspotConfig(extraStages: Record<string, string> = {}): Config {
  const base = loadConfig("data/config.json");
  return validateConfig({
    ...base,
    funnel: {
      ...base.funnel,
      opportunityStages: { ...base.funnel.opportunityStages, ...HUBSPOT_CONFIG.funnel.opportunityStages, ...extraStages },
      leadStatuses: { ...base.funnel.leadStatuses, ...HUBSPOT_CONFIG.funnel.leadStatuses },
    },
    channels: { ...base.channels, ...HUBSPOT_CONFIG.channels },
    opportunityTypes: { ...base.opportunityTypes, ...HUBSPOT_CONFIG.opportunityTypes },
  });
}

/** Build a warehouse from a HubSpot export folder as build.ts does: config, macros, sources, dq tables, models. */
async function buildHubSpotWarehouse(dir: string, config: Config): Promise<{ db: DuckDBConnection; files: SourceFile[] }> {
  const db = await openDatabase(":memory:");
  await writeConfigTables(db, config);
  await createMacros(db);
  const files = await loadHubSpotExport(db, dir, config);
  const present = new Set(files.map((f) => f.entity));
  for (const { name } of ENTITIES) if (!present.has(name)) await createEmptySourceView(db, name);
  await writeSourceFiles(db, files);
  await db.run(`create table dq_quarantine (model varchar, source_file varchar, source_row bigint, record_id varchar, reason varchar)`);
  await runModels(db, listModels());
  return { db, files };
}

const requireRealHeaders = (): string => realData("export-headers/hubspot-export-realportal-2024");

/** Columns of a relation, in order. */
async function columnsOf(db: DuckDBConnection, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(
    db,
    "select column_name from duckdb_columns() where table_name = $table order by column_index",
    { table },
  );
  return rows.map((r) => r.column_name);
}

describe("parseStageColumn", () => {
  it("takes the last balanced parenthesised group as the pipeline and the rest as the stage", () => {
    expect(parseStageColumn('Date entered "Closed won (Sales Pipeline)"')).toEqual({ stage: "Closed won", pipeline: "Sales Pipeline" });
    expect(parseStageColumn('Date entered " Paid (Appalachia (TN, OH, KY, WV, PA) )"')).toEqual({
      stage: "Paid",
      pipeline: "Appalachia (TN, OH, KY, WV, PA)",
    });
    expect(parseStageColumn('Date entered "Demo (online) (EMEA (UK, DE))"')).toEqual({ stage: "Demo (online)", pipeline: "EMEA (UK, DE)" });
    expect(parseStageColumn('Date entered "Signed   (SPED State Level )"')).toEqual({ stage: "Signed", pipeline: "SPED State Level" });
    // Newlines and non-breaking spaces inside a header cell are whitespace like any other.
    expect(parseStageColumn('Date entered "Closed\nwon\u00a0 (Sales (EU))"')).toEqual({ stage: "Closed won", pipeline: "Sales (EU)" });
    expect(parseStageColumn('date entered "Qualified to buy"')).toEqual({ stage: "Qualified to buy", pipeline: null });
  });

  it("ignores every other column", () => {
    for (const header of [
      'Date exited "Closed won (Sales Pipeline)"',
      'Cumulative time in "Closed won (Sales Pipeline)" (HH:mm:ss)',
      'Latest time in "Closed won (Sales Pipeline)" (HH:mm:ss)',
      "Close Date",
      "Date entered",
      'Date entered "  (Sales Pipeline)"',
    ]) {
      expect(parseStageColumn(header), header).toBeNull();
    }
  });

  it.skipIf(SKIP_REAL_DATA)("parses every Date entered column of a real 586-column deals export", () => {
    const header = readHeaderRow(join(requireRealHeaders(), "all-deals.header.csv"));
    expect(header).toHaveLength(586);
    const entered = header.filter((h) => h.startsWith("Date entered"));
    expect(entered).toHaveLength(106);
    const parsed = entered.map((h) => parseStageColumn(h));
    expect(parsed.filter((p) => p === null)).toEqual([]);
    const stages = new Set(parsed.map((p) => p!.stage));
    const pipelines = new Set(parsed.map((p) => p!.pipeline));
    expect(stages.size).toBe(22); // 21 ignoring case: "Closed Lost" and "Closed lost" are both used
    expect(new Set([...stages].map((s) => s.toLowerCase())).size).toBe(21);
    expect(pipelines.size).toBe(15);
    expect(pipelines.has(null)).toBe(false);
    expect(new Set(parsed.map((p) => `${p!.stage} | ${p!.pipeline}`)).size).toBe(106);
    expect([...pipelines].sort()).toEqual([
      "Appalachia (TN, OH, KY, WV, PA)",
      "Mid Atlantic (MD, DE, DC)",
      "Midwest (ND, SD, NE, MN, IA, MO, IL, IN, MI)",
      "NYC Schools",
      "National/ International",
      "Northeast (NJ, RI, MA, NH, ME, VT, CT)",
      "Pacific (CA, OR, WA)",
      "Renewals",
      "Rocky Mountain (CO, UT, NV, ID, WY, MT)",
      "SPED State Level",
      "South (LA, AR, AL, MS)",
      "South East (NC, SC, TN, MS, AL, GA, FL)",
      "South West (NM, AZ, OK, KS)",
      "Texas",
      "VA",
    ]);
    const byHeader = new Map(entered.map((h, i) => [h, parsed[i]]));
    expect(byHeader.get('Date entered "Closed Lost  (Midwest (ND, SD, NE, MN, IA, MO, IL, IN, MI))"')).toEqual({
      stage: "Closed Lost",
      pipeline: "Midwest (ND, SD, NE, MN, IA, MO, IL, IN, MI)",
    });
    expect(byHeader.get('Date entered "Due in 1.5+ years  (Renewals )"')).toEqual({ stage: "Due in 1.5+ years", pipeline: "Renewals" });
    expect(byHeader.get('Date entered "Contract sent (National/ International )"')).toEqual({
      stage: "Contract sent",
      pipeline: "National/ International",
    });
    // The Renewals pipeline has 11 stages, National/ International 4, every other pipeline 7.
    const perPipeline = new Map<string, number>();
    for (const p of parsed) perPipeline.set(p!.pipeline!, (perPipeline.get(p!.pipeline!) ?? 0) + 1);
    expect(perPipeline.get("Renewals")).toBe(11);
    expect(perPipeline.get("National/ International")).toBe(4);
    expect([...perPipeline.values()].filter((n) => n === 7)).toHaveLength(13);
    // No other column of the real export parses as a stage column.
    expect(header.filter((h) => !h.startsWith("Date entered") && parseStageColumn(h) !== null)).toEqual([]);
  });
});

describe("recognising HubSpot exports by their header", () => {
  it.skipIf(SKIP_REAL_DATA)("reads header rows as HubSpot writes them: quoted, with \"\" quotes, trailing and non-breaking spaces", () => {
    const header = readHeaderRow(join(requireRealHeaders(), "all-deals.header.csv"));
    expect(header[0]).toBe("Record ID");
    expect(header).toContain("Contract Request Date ");
    expect(header).toContain("Main contact's name\u00a0");
    expect(header).toContain('Date entered " Paid (Appalachia (TN, OH, KY, WV, PA) )"');
    expect(header.filter((h) => h === "Associated Company IDs")).toHaveLength(2);
  });

  it("tells deals, companies and contacts apart, and nothing else passes", () => {
    const fixture = readCsvHeaders(FIXTURE);
    expect(Object.fromEntries(Object.entries(fixture).map(([file, header]) => [file, classifyHubSpotHeader(header)]))).toEqual({
      "all-companies.csv": "companies",
      "all-contacts.csv": "contacts",
      "all-forms.csv": null,
      [DEALS]: "deals",
    });
    expect(looksLikeHubSpot(fixture)).toBe(true);
    expect(looksLikeHubSpot(readCsvHeaders(join(FIXTURES, "salesforce-funnel")))).toBe(false);
    expect(looksLikeHubSpot({ "all-forms.csv": readHeaderRow(join(FIXTURE, "all-forms.csv")) })).toBe(false);
  });

  it.skipIf(SKIP_REAL_DATA)("tells a real portal's deals and companies apart, and a real Salesforce export is not HubSpot", () => {
    const real = readCsvHeaders(requireRealHeaders());
    expect(Object.fromEntries(Object.entries(real).map(([file, header]) => [file, classifyHubSpotHeader(header)]))).toEqual({
      "all-campaigns.header.csv": null,
      "all-companies.header.csv": "companies",
      "all-deals.header.csv": "deals",
      "all-forms.header.csv": null,
    });
    expect(looksLikeHubSpot(real)).toBe(true);
    expect(looksLikeHubSpot(readCsvHeaders(realData("export-headers/salesforce-data-export-realorg-2023")))).toBe(false);
  });
});

describe("HubSpot fixture, through the warehouse", () => {
  let db: DuckDBConnection;
  let files: SourceFile[];
  const rows = <T extends Row = Row>(sql: string) => queryRows<T>(db, sql);

  beforeAll(async () => {
    ({ db, files } = await buildHubSpotWarehouse(FIXTURE, hubspotConfig()));
  });
  afterAll(() => db?.closeSync());

  it("lists every file in the folder, and the rows it derives as their own entries", () => {
    expect(files.map((f) => [f.file, f.entity, f.rowsRead])).toEqual([
      ["README.md", null, null],
      ["all-companies.csv", "accounts", 4],
      ["all-contacts.csv", "leads", 6],
      ["all-forms.csv", null, null],
      [DEALS, "opportunities", 7],
      [`${DEALS} › stage dates`, "opportunity_history", 14],
      [`${DEALS} › owners`, "users", 2],
      ["all-companies.csv › owners", "users", 1],
      ["all-contacts.csv › owners", "users", 2],
    ]);
    expect(files.find((f) => f.file === DEALS)?.note).toBe(
      'amounts read from "Amount in company currency", taken to be in USD (the reporting currency)',
    );
    expect(files.find((f) => f.file === "all-forms.csv")?.note).toMatch(/^not used: /);
  });

  it("exposes src views with exactly the canonical columns", async () => {
    for (const name of ["opportunities", "opportunity_history", "accounts", "leads", "users"] as const) {
      expect(await columnsOf(db, `src_${name}`), name).toEqual([
        "_source_file",
        "_source_row",
        "_row_hash",
        ...entity(name).columns.map((c) => c.name),
      ]);
    }
  });

  it("stages deals with their outcome, account, amount in the reporting currency and motion", async () => {
    expect(
      await rows(
        `select opportunity_id, account_id, stage_name, stage_step, outcome, amount, currency, owner_id, motion, channel, loss_reason
         from stg_opportunities order by opportunity_id`,
      ),
    ).toEqual([
      { opportunity_id: "101", account_id: "201", stage_name: "Closed won", stage_step: "won", outcome: "won", amount: 50000, currency: "USD", owner_id: "Ava Lee", motion: "new_business", channel: "inbound", loss_reason: null },
      { opportunity_id: "102", account_id: "202", stage_name: "Closed lost", stage_step: "lost", outcome: "lost", amount: 30000, currency: "USD", owner_id: "Ava Lee", motion: "new_business", channel: "inbound", loss_reason: "Lost to competitor" },
      { opportunity_id: "103", account_id: "203", stage_name: "Presentation scheduled", stage_step: "proposal", outcome: "open", amount: 10800, currency: "USD", owner_id: "Sam Ortiz", motion: "new_business", channel: "inbound", loss_reason: null },
      { opportunity_id: "104", account_id: null, stage_name: "Appointment scheduled", stage_step: "opportunity", outcome: "open", amount: null, currency: "USD", owner_id: "Sam Ortiz", motion: "new_business", channel: "unknown", loss_reason: null },
      { opportunity_id: "105", account_id: "201", stage_name: "Closed won", stage_step: "won", outcome: "won", amount: 20000, currency: "USD", owner_id: "Ava Lee", motion: "expansion", channel: "unknown", loss_reason: null },
      { opportunity_id: "106", account_id: "202", stage_name: "On hold", stage_step: null, outcome: "open", amount: 15000, currency: "USD", owner_id: "Ava Lee", motion: "new_business", channel: "inbound", loss_reason: null },
    ]);
  });

  it("derives stage history from the Date entered columns: stage names parsed, rows per deal", async () => {
    expect(
      await rows(
        `select opportunity_id, count(*)::integer as n, string_agg(stage_name, ' → ' order by entered_at) as stages
         from stg_opportunity_history group by 1 order by 1`,
      ),
    ).toEqual([
      { opportunity_id: "101", n: 5, stages: "Appointment scheduled → Qualified to buy → Presentation scheduled → Contract sent → Closed won" },
      { opportunity_id: "102", n: 3, stages: "Appointment scheduled → Qualified to buy → Closed lost" },
      { opportunity_id: "103", n: 2, stages: "Appointment scheduled → Presentation scheduled" },
      { opportunity_id: "105", n: 2, stages: "Contract sent → Closed won" },
      { opportunity_id: "106", n: 2, stages: "Appointment scheduled → On hold" },
    ]);
    const [first] = await rows(
      `select history_id, strftime(entered_at, '%Y-%m-%d %H:%M') as entered_at, stage_step, _source_row
       from stg_opportunity_history where opportunity_id = '103' order by entered_at limit 1`,
    );
    expect(first).toEqual({
      history_id: "103 › Appointment scheduled (Americas (US, CA))",
      entered_at: "2026-02-02 09:00",
      stage_step: "opportunity",
      _source_row: 3,
    });
    // The duplicate row of deal 102 (Contract sent on 2026-02-03) is not read as history.
    expect(await rows(`select * from stg_opportunity_history where opportunity_id = '102' and stage_name = 'Contract sent'`)).toEqual([]);
  });

  it("quarantines the duplicate Record ID; keeps the deal in an unmapped stage and its history, and lists the stage per pipeline", async () => {
    expect(await rows("select model, source_file, source_row, record_id, reason from dq_quarantine order by model, source_row, record_id")).toEqual([
      { model: "stg_opportunities", source_file: DEALS, source_row: 7, record_id: "102", reason: "duplicate id (an earlier row has this id)" },
    ]);
    expect(await rows("select kind, pipeline, value, records, history_rows, config_line from mart_unmapped_values where kind = 'opportunity_stage'")).toEqual([
      {
        kind: "opportunity_stage",
        pipeline: "EMEA (UK, DE, FR)",
        value: "On hold",
        records: 1,
        history_rows: 1,
        config_line: '"pipelines": {"EMEA (UK, DE, FR)": {"stages": {"On hold": "?"}}}',
      },
    ]);
  });

  it("stages companies with ICP tiers as A/B/C, and contacts as leads through their lifecycle stage", async () => {
    expect(await rows("select account_id, account_name, export_tier, country, owner_id from stg_accounts order by 1")).toEqual([
      { account_id: "201", account_name: "Alpha GmbH", export_tier: "A", country: "Germany", owner_id: "Ava Lee" },
      { account_id: "202", account_name: "Beta Ltd", export_tier: "B", country: "United Kingdom", owner_id: "Sam Ortiz" },
      { account_id: "203", account_name: "Gamma Inc", export_tier: "C", country: "United States", owner_id: "Chris Novak" },
      { account_id: "204", account_name: "Delta SA", export_tier: null, country: "France", owner_id: null },
    ]);
    expect(
      await rows(
        `select lead_id, status, status_step, converted_account_id, channel, is_converted,
                strftime(mql_at, '%m-%d') as mql, strftime(sql_at, '%m-%d') as sql, strftime(converted_at, '%m-%d') as converted
         from stg_leads order by 1`,
      ),
    ).toEqual([
      { lead_id: "301", status: "customer", status_step: "opportunity", converted_account_id: "201", channel: "inbound", is_converted: true, mql: "01-03", sql: "01-04", converted: "01-05" },
      { lead_id: "302", status: "salesqualifiedlead", status_step: "sql", converted_account_id: "202", channel: "inbound", is_converted: false, mql: "01-10", sql: "01-11", converted: null },
      { lead_id: "303", status: "marketingqualifiedlead", status_step: "mql", converted_account_id: "203", channel: "inbound", is_converted: false, mql: "01-22", sql: null, converted: null },
      { lead_id: "304", status: "Lead", status_step: "lead", converted_account_id: "204", channel: "inbound", is_converted: false, mql: null, sql: null, converted: null },
      { lead_id: "305", status: "subscriber", status_step: "lead", converted_account_id: null, channel: "inbound", is_converted: false, mql: null, sql: null, converted: null },
      { lead_id: "306", status: "Marketing Qualified Lead", status_step: "mql", converted_account_id: null, channel: "unknown", is_converted: false, mql: "02-10", sql: null, converted: null },
    ]);
  });

  it("derives users from owner names, with the team from HubSpot Team", async () => {
    expect(await rows("select user_id, user_name, department, team, _source_file from stg_users order by user_id")).toEqual([
      { user_id: "Ava Lee", user_name: "Ava Lee", department: "Field Sales", team: "field_sales", _source_file: `${DEALS} › owners` },
      { user_id: "Chris Novak", user_name: "Chris Novak", department: null, team: "unknown", _source_file: "all-companies.csv › owners" },
      { user_id: "Joon Kim", user_name: "Joon Kim", department: "Inside Sales", team: "inside_sales", _source_file: "all-contacts.csv › owners" },
      { user_id: "Mina Park", user_name: "Mina Park", department: "Marketing", team: "marketing", _source_file: "all-contacts.csv › owners" },
      { user_id: "Sam Ortiz", user_name: "Sam Ortiz", department: "Field Sales", team: "field_sales", _source_file: `${DEALS} › owners` },
    ]);
    expect(await rows("select owner_name, owner_team from int_opportunities where opportunity_id = '103'")).toEqual([
      { owner_name: "Sam Ortiz", owner_team: "field_sales" },
    ]);
  });

  it("counts the funnel worked out by hand in the fixture's README", async () => {
    expect(
      await rows(`select step, sum(reached)::integer as reached, sum(advanced)::integer as advanced from mart_funnel group by step order by min(step_order)`),
    ).toEqual([
      { step: "lead", reached: 6, advanced: 4 },
      { step: "mql", reached: 4, advanced: 2 },
      { step: "sql", reached: 2, advanced: 1 },
      { step: "opportunity", reached: 6, advanced: 3 },
      { step: "discovery", reached: 3, advanced: 2 },
      { step: "proposal", reached: 2, advanced: 1 },
      { step: "negotiation", reached: 1, advanced: 1 },
      { step: "won", reached: 1, advanced: null },
    ]);
    expect(await rows(`select step, sum(entered)::integer as entered from mart_funnel where entered > 0 group by step order by step`)).toEqual([
      { step: "lead", entered: 6 },
      { step: "opportunity", entered: 5 },
    ]);
    // Tiers: leads 301 and 306 (by company name) → Alpha (A); 302 → B; 303 → C; 304 (Delta, no size) and 305 → unknown.
    expect(await rows(`select tier, sum(reached)::integer as reached from mart_funnel where step = 'lead' group by all order by tier`)).toEqual([
      { tier: "A", reached: 2 },
      { tier: "B", reached: 1 },
      { tier: "C", reached: 1 },
      { tier: "unknown", reached: 2 },
    ]);
    expect(
      await rows(`select channel, sum(reached)::integer as reached from mart_funnel where step = 'opportunity' group by all order by channel`),
    ).toEqual([
      { channel: "inbound", reached: 5 },
      { channel: "unknown", reached: 1 },
    ]);
  });

  it("reconciles every file: read = loaded + quarantined", async () => {
    const quality = await rows<{ source_file: string; rows_read: number | null; rows_loaded: number; rows_quarantined: number }>(
      "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality",
    );
    expect(quality).toEqual([
      { source_file: "README.md", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: "all-companies.csv", rows_read: 4, rows_loaded: 4, rows_quarantined: 0 },
      { source_file: "all-companies.csv › owners", rows_read: 1, rows_loaded: 1, rows_quarantined: 0 },
      { source_file: "all-contacts.csv", rows_read: 6, rows_loaded: 6, rows_quarantined: 0 },
      { source_file: "all-contacts.csv › owners", rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
      { source_file: "all-forms.csv", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: DEALS, rows_read: 7, rows_loaded: 6, rows_quarantined: 1 },
      { source_file: `${DEALS} › owners`, rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
      { source_file: `${DEALS} › stage dates`, rows_read: 14, rows_loaded: 14, rows_quarantined: 0 },
    ]);
    for (const f of quality.filter((q) => q.rows_read !== null)) expect(f.rows_read, f.source_file).toBe(f.rows_loaded + f.rows_quarantined);
  });

  it("keeps names, emails and phone numbers out of src_leads and every staging table and mart", async () => {
    expect((await columnsOf(db, "src_leads")).filter((c) => /name|email|phone/i.test(c))).toEqual([]);
    const personal = await rows(
      `select table_name, column_name from duckdb_columns()
       where regexp_matches(table_name, '^(stg|int|mart)_') and regexp_matches(column_name, '(?i)email|phone|first_?name|last_?name')`,
    );
    expect(personal).toEqual([]);
    const [leaked] = await rows<{ n: number }>(
      `select count(*)::integer as n from stg_leads where list_contains(['Hana', 'Cho', 'hana.cho@alpha.example'], company)`,
    );
    expect(leaked).toEqual({ n: 0 });
  });
});

describe.skipIf(SKIP_REAL_DATA)("a real 586-column HubSpot deals header with two synthetic rows", () => {
  let db: DuckDBConnection;
  let files: SourceFile[];
  const rows = <T extends Row = Row>(sql: string) => queryRows<T>(db, sql);
  const FILE = "hubspot-crm-exports-all-deals-2024-08-27.csv";
  // Date entered cells filled in: 3 for the first deal, 2 for the second (5 history rows).
  const DATES: Array<Record<string, string>> = [
    {
      'Date entered "Circle Back  (Texas)"': "2024-02-01 10:00",
      'Date entered "Demo (Texas)"': "2024-03-01 10:00",
      'Date entered "Late Stage Meeting (Texas)"': "2024-03-15 10:00",
    },
    {
      'Date entered "Demo (Appalachia (TN, OH, KY, WV, PA) )"': "2024-01-10 10:00",
      'Date entered "Closed Lost  (Appalachia (TN, OH, KY, WV, PA) )"': "2024-02-20 10:00",
    },
  ];

  beforeAll(async () => {
    const real = requireRealHeaders();
    const header = readHeaderRow(join(real, "all-deals.header.csv"));
    const companyIds = header.flatMap((h, i) => (h === "Associated Company IDs" ? [i] : []));
    const deal = (values: Record<string, string>, firstCompanyIds: string): string[] =>
      header.map((h, i) => (i === companyIds[0] ? firstCompanyIds : (values[h] ?? "")));
    const dealRows = [
      deal(
        {
          "Record ID": "9001",
          "Deal Name": "District A - licences",
          "Deal Stage": "Late Stage Meeting",
          Pipeline: "Texas",
          Amount: "12000",
          "Amount in company currency": "12000",
          "Close Date": "2024-09-30",
          "Create Date": "2024-01-20 10:00",
          "Deal owner": "Rep One",
          "HubSpot Team": "Field Sales",
          "Deal Type": "newbusiness",
          "Is Deal Closed?": "false",
          "Is Closed Won": "false",
          "Original Source": "Organic Search",
          "Main contact's name\u00a0": "Pat Example",
          'Date exited "Demo (Texas)"': "2024-03-15 10:00",
          'Cumulative time in "Demo (Texas)" (HH:mm:ss)': "336:00:00",
          ...DATES[0],
        },
        "5001;5002",
      ),
      deal(
        {
          "Record ID": "9002",
          "Deal Name": "District B - pilot",
          "Deal Stage": "Closed Lost",
          Pipeline: "Appalachia (TN, OH, KY, WV, PA) ",
          Amount: "3000",
          "Amount in company currency": "3000",
          "Close Date": "2024-02-20",
          "Create Date": "2024-01-05 10:00",
          "Deal owner": "Rep Two",
          "Deal Type": "newbusiness",
          "Closed Lost Reason": "No budget",
          "Is Deal Closed?": "true",
          "Is Closed Won": "false",
          "Original Source": "Offline Sources",
          ...DATES[1],
        },
        "",
      ),
    ];
    const quote = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",");
    const dir = tempDir("spd-hubspot-real-");
    writeFileSync(join(dir, FILE), [header, ...dealRows].map(quote).join("\n") + "\n");
    // The real companies header with one company, and the real campaigns header as an unused file.
    const companies = readHeaderRow(join(real, "all-companies.header.csv"));
    const company: Record<string, string> = {
      "Record ID": "5001",
      "Company name": "District A",
      "Company owner": "Rep Three",
      "Create Date": "2023-05-01 10:00",
      "Country/Region": "United States",
      Industry: "Education Management",
    };
    writeFileSync(join(dir, "all-companies.csv"), [companies, companies.map((h) => company[h] ?? "")].map(quote).join("\n") + "\n");
    writeFileSync(join(dir, "all-campaigns.csv"), quote(readHeaderRow(join(real, "all-campaigns.header.csv"))) + "\n");
    mkdirSync(join(dir, "archive")); // folders are not files: not listed
    ({ db, files } = await buildHubSpotWarehouse(
      dir,
      hubspotConfig({ "Circle Back": "opportunity", Demo: "discovery", "Late Stage Meeting": "proposal" }),
    ));
  });
  afterAll(() => db?.closeSync());

  it("loads the deals into src_opportunities from the real labels", async () => {
    expect(
      await rows(
        `select opportunity_id, account_id, stage_name, amount, currency, close_date, owner_id, opportunity_type, is_closed, is_won, lead_source, loss_reason
         from src_opportunities order by 1`,
      ),
    ).toEqual([
      { opportunity_id: "9001", account_id: "5001", stage_name: "Late Stage Meeting", amount: "12000", currency: null, close_date: "2024-09-30", owner_id: "Rep One", opportunity_type: "newbusiness", is_closed: "false", is_won: "false", lead_source: "Organic Search", loss_reason: null },
      { opportunity_id: "9002", account_id: null, stage_name: "Closed Lost", amount: "3000", currency: null, close_date: "2024-02-20", owner_id: "Rep Two", opportunity_type: "newbusiness", is_closed: "true", is_won: "false", lead_source: "Offline Sources", loss_reason: "No budget" },
    ]);
  });

  it("unpivots one history row per non-empty Date entered cell, ignoring Date exited and time-in-stage columns", async () => {
    const history = await rows<{ opportunity_id: string; stage_name: string; entered_at: string }>(
      "select opportunity_id, stage_name, entered_at from src_opportunity_history order by opportunity_id, entered_at",
    );
    expect(history).toHaveLength(Object.keys(DATES[0]!).length + Object.keys(DATES[1]!).length);
    expect(history).toEqual([
      { opportunity_id: "9001", stage_name: "Circle Back", entered_at: "2024-02-01 10:00" },
      { opportunity_id: "9001", stage_name: "Demo", entered_at: "2024-03-01 10:00" },
      { opportunity_id: "9001", stage_name: "Late Stage Meeting", entered_at: "2024-03-15 10:00" },
      { opportunity_id: "9002", stage_name: "Demo", entered_at: "2024-01-10 10:00" },
      { opportunity_id: "9002", stage_name: "Closed Lost", entered_at: "2024-02-20 10:00" },
    ]);
    expect(files.find((f) => f.entity === "opportunity_history")).toEqual({
      file: `${FILE} › stage dates`,
      entity: "opportunity_history",
      rowsRead: 5,
      note: 'derived from 106 "Date entered" columns (one row per deal and non-empty date)',
    });
  });

  it("builds every model and reconciles each file", async () => {
    expect(await rows("select opportunity_id, outcome, account_id from stg_opportunities order by 1")).toEqual([
      { opportunity_id: "9001", outcome: "open", account_id: "5001" },
      { opportunity_id: "9002", outcome: "lost", account_id: null },
    ]);
    expect(await rows("select user_id, team from stg_users order by 1")).toEqual([
      { user_id: "Rep One", team: "field_sales" },
      { user_id: "Rep Three", team: "unknown" },
      { user_id: "Rep Two", team: "unknown" },
    ]);
    expect(await rows("select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality")).toEqual([
      { source_file: "all-campaigns.csv", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: "all-companies.csv", rows_read: 1, rows_loaded: 1, rows_quarantined: 0 },
      { source_file: "all-companies.csv › owners", rows_read: 1, rows_loaded: 1, rows_quarantined: 0 },
      { source_file: FILE, rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
      { source_file: `${FILE} › owners`, rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
      { source_file: `${FILE} › stage dates`, rows_read: 5, rows_loaded: 5, rows_quarantined: 0 },
    ]);
  });
});

describe("HubSpot exports that cannot be used", () => {
  function exportsOf(files: Record<string, string>): string {
    const dir = tempDir("spd-hubspot-bad-");
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }

  it("stops on a contacts export without a required column, naming the file, the column and the columns found", async () => {
    const dir = exportsOf({ "contacts.csv": `"Record ID","First Name","Email","Lifecycle Stage"\n"1","A","a@example.com","lead"\n` });
    const db = await openDatabase(":memory:");
    try {
      const error = await loadHubSpotExport(db, dir, hubspotConfig()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).file).toBe("contacts.csv");
      expect((error as IngestError).column).toBe("created_at");
      expect((error as Error).message).toContain('missing required column "Create Date"');
      expect((error as Error).message).toContain("Columns found: Record ID, First Name, Email, Lifecycle Stage");
    } finally {
      db.closeSync();
    }
  });

  it("stops on a deals export without Deal Stage, and on two deals exports", async () => {
    const db = await openDatabase(":memory:");
    try {
      const noStage = exportsOf({ "deals.csv": `"Record ID","Deal Name","Amount"\n"1","A","10"\n` });
      await expect(loadHubSpotExport(db, noStage, hubspotConfig())).rejects.toThrow(/deals\.csv: missing required column "Deal Stage"/);
      const deals = `"Record ID","Deal Name","Deal Stage"\n"1","A","Closed won"\n`;
      const two = exportsOf({ "all-deals.csv": deals, "deals-2.csv": deals });
      await expect(loadHubSpotExport(db, two, hubspotConfig())).rejects.toThrow(/deals-2\.csv: a second HubSpot deals export \(all-deals\.csv/);
    } finally {
      db.closeSync();
    }
  });
});
