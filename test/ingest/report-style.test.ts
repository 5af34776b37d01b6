// The bundled sample's org exported as Salesforce reports (data-loaders/sample/report-style.ts): labels as
// headers, Windows-1252, "$65,000.00 " amounts, M/D/YYYY H:MM dates, free file names, owners by name.
// Without quirks it is the same org record for record, so its marts must equal the Data Export's, apart
// from the documented differences. With the quirks of real orgs, and no config at all, it must still
// open on the truth: orphan deals kept and counted, duplicate losses left out and shown, closed deals dated
// 2030 set aside, every owner in a team, tiers among the sized accounts, no one else's targets.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withConnection, queryRows } from "../../data-loaders/duckdb.ts";
import { writeReportStyle } from "../../data-loaders/sample/report-style.ts";
import { defaultPeriodKey, type Period } from "../../src/lib/periods.ts";
import { buildFixture, query, tempDir } from "../helpers.ts";

const SAMPLE = "data/exports/sample";

/** A report-style copy of the sample, written once per call into a fresh folder. */
async function reportExport(quirks: boolean): Promise<string> {
  const dir = join(tempDir(), "report-export");
  mkdirSync(dir);
  await writeReportStyle(SAMPLE, dir, { quirks });
  return dir;
}

/** Rows of `sql` in both warehouses, as sorted JSON lines, for comparison. */
async function bothWays(api: string, report: string, sql: string): Promise<[string[], string[]]> {
  const read = async (path: string) => (await query(path, sql)).map((row) => JSON.stringify(row)).sort();
  return [await read(api), await read(report)];
}

describe("the sample exported as Salesforce reports, without quirks", () => {
  let api: string;
  let report: string;
  beforeAll(async () => {
    api = await buildFixture(SAMPLE);
    // The same settings as the sample's own (its targets): only the export's shape differs.
    report = await buildFixture(await reportExport(false), { configPath: join(SAMPLE, "config.json") });
  });

  it("is read with no mapping: every file recognised by its header, contacts left unread", async () => {
    expect(await query(report, "select format from warehouse_meta")).toEqual([{ format: "salesforce" }]);
    const files = await query<{ source_file: string; entity: string | null; note: string | null }>(report, "select source_file, entity, note from mart_data_quality order by 1");
    expect(files.map((f) => [f.source_file, f.entity])).toEqual([
      ["Accounts.csv", "accounts"],
      ["Activities.csv", "tasks"],
      ["Campaign Members.csv", "campaign_members"],
      ["Campaigns.csv", "campaigns"],
      ["Competitors on Opportunities.csv", "opportunity_competitors"],
      ["Contacts.csv", null],
      ["Leads Report.csv", "leads"],
      ["Oppertuninty Table.csv", "opportunities"],
      ["Opportunity Stage History.csv", "opportunity_history"],
      ["Users export.csv", "users"],
    ]);
    expect(files.find((f) => f.source_file === "Accounts.csv")?.note).toBe("read as Account (recognised by its header)");
    expect(files.filter((f) => f.note?.includes("read as Windows-1252")).map((f) => f.source_file)).toEqual(["Campaigns.csv"]);
    expect(await query(report, "select sum(rows_quarantined)::integer as n from mart_data_quality")).toEqual([{ n: 0 }]);
  });

  it("finds the custom fields under their labels and says so", async () => {
    expect(await query(report, "select value, suggestion from mart_unmapped_values where kind = 'field' order by 1")).toEqual([
      { value: "Account.region", suggestion: "Region" },
      { value: "Account.tier", suggestion: "Tier" },
      { value: "Lead.lossReason", suggestion: "Loss Reason" },
      { value: "Lead.mqlDate", suggestion: "MQL Date" },
      { value: "Lead.sqlDate", suggestion: "SQL Date" },
      { value: "Opportunity.lossReason", suggestion: "Loss Reason" },
      { value: "User.region", suggestion: "Region" },
      { value: "User.startDate", suggestion: "Start Date" },
    ]);
  });

  it("gives every mart the Data Export gives, apart from the documented differences", async () => {
    const marts = (await query<{ name: string }>(api, "select table_name as name from duckdb_tables() where table_name like 'mart_%' order by 1")).map((m) => m.name);
    // Documented differences (docs/salesforce.md): file names and field notes (the data-quality marts),
    // and times to the minute — a report drops the seconds, so durations, the creation time listed with an
    // open deal, and which of two records in the same minute came first can differ.
    const differ = ["mart_data_quality", "mart_data_quality_summary", "mart_unmapped_values", "mart_pipeline", "mart_stage_duration", "mart_recycled_leads"];
    for (const mart of marts.filter((m) => !differ.includes(m))) {
      const [a, b] = await bothWays(api, report, `select * from ${mart}`);
      expect(b, mart).toEqual(a);
    }
    const [pipelineApi, pipelineReport] = await bothWays(api, report, "select * exclude (created_at) from mart_pipeline");
    expect(pipelineReport).toEqual(pipelineApi);
    const recycled = `select pool, recycled, recycled_won from mart_recycled_leads where reason_group = 'all' and months_to_return = 'all'`;
    const [[poolApi], [poolReport]] = [await query(api, recycled), await query(report, recycled)];
    expect(poolReport!.pool).toBe(poolApi!.pool);
    expect(Math.abs((poolReport!.recycled_won as number) - (poolApi!.recycled_won as number))).toBeLessThanOrEqual(1);
  });
});

describe("the sample exported as Salesforce reports, with real orgs' quirks and no config", () => {
  let dir: string;
  let warehouse: string;
  /** Counts read from the report files themselves, to check the warehouse against. */
  let truth: { duplicates: number; duplicateAmount: number; closedIn2030: number; dealsWithMissingAccount: number };
  beforeAll(async () => {
    dir = await reportExport(true);
    warehouse = await buildFixture(dir);
    // The files as UTF-8: a file with a byte-order mark is UTF-8 already, the others Windows-1252.
    const utf8 = (file: string) => {
      const path = join(tempDir(), file);
      const bytes = readFileSync(join(dir, file));
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      writeFileSync(path, bom ? bytes.subarray(3) : new TextDecoder("windows-1252").decode(bytes));
      return path;
    };
    const [dealsFile, accountsFile] = [utf8("Oppertuninty Table.csv"), utf8("Accounts.csv")];
    truth = await withConnection(":memory:", async (db) => {
      const deals = `read_csv('${dealsFile}', header = true, all_varchar = true)`;
      const accounts = `read_csv('${accountsFile}', header = true, all_varchar = true)`;
      const [row] = await queryRows<typeof truth>(
        db,
        `select
           count(*) filter (where "Loss Reason" = 'Duplicate opportunity' and "Closed" = '1' and "Won" = '0' and not "Close Date" like '%/2030')::integer as duplicates,
           sum(replace(replace(trim("Amount"), '$', ''), ',', '')::double) filter (where "Loss Reason" = 'Duplicate opportunity' and "Closed" = '1' and "Won" = '0' and not "Close Date" like '%/2030') as "duplicateAmount",
           count(*) filter (where "Close Date" like '%/2030' and "Closed" = '1')::integer as "closedIn2030",
           count(*) filter (where "Account ID" <> '' and "Account ID" not in (select "Account ID" from ${accounts}) and not ("Close Date" like '%/2030' and "Closed" = '1')
             and not (coalesce("Loss Reason", '') = 'Duplicate opportunity' and "Closed" = '1' and "Won" = '0'))::integer as "dealsWithMissingAccount"
         from ${deals}`,
      );
      return row!;
    });
  });

  it("keeps deals whose account is missing, and counts them", async () => {
    expect(truth.dealsWithMissingAccount).toBeGreaterThan(0);
    const [orphans] = await query(warehouse, "select records from mart_orphan_references where entity = 'opportunities' and reference = 'account'");
    expect(orphans).toEqual({ records: truth.dealsWithMissingAccount });
    expect(await query(warehouse, "select count(*)::integer as n from stg_opportunities where account_known = false")).toEqual([{ n: truth.dealsWithMissingAccount }]);
  });

  it("leaves duplicate losses out of every metric, and shows how many and how much", async () => {
    expect(truth.duplicates).toBeGreaterThan(0);
    expect(await query(warehouse, "select loss_reason, deals, amount from mart_excluded_deals")).toEqual([
      { loss_reason: "Duplicate opportunity", deals: truth.duplicates, amount: truth.duplicateAmount },
    ]);
    expect(await query(warehouse, "select count(*)::integer as n from int_opportunities where loss_reason = 'Duplicate opportunity'")).toEqual([{ n: 0 }]);
  });

  it("reads Windows-1252's curly apostrophe as itself", async () => {
    const [row] = await query<{ n: number }>(warehouse, "select count(*)::integer as n from stg_campaigns where campaign_name like '%Partners’ Day'");
    expect(row!.n).toBeGreaterThan(0);
  });

  it("sets aside closed deals dated after the data's as-of date, which close dates do not move", async () => {
    expect(await query(warehouse, "select strftime(as_of, '%Y-%m-%d') as as_of from int_as_of")).toEqual([{ as_of: "2026-11-15" }]);
    expect(await query(warehouse, "select count(*)::integer as n from dq_quarantine where reason like 'closed with a close date after%'")).toEqual([
      { n: truth.closedIn2030 },
    ]);
  });

  it("puts every owner in a team, from the title where the department is empty", async () => {
    expect(await query(warehouse, "select count(*)::integer as n from stg_users where team = 'unknown'")).toEqual([{ n: 0 }]);
    const [byTitle] = await query<{ n: number }>(warehouse, "select count(*)::integer as n from stg_users where team_source = 'title'");
    expect(byTitle!.n).toBeGreaterThan(0);
  });

  it("shows no one else's targets, and tiers A, B and C", async () => {
    expect(await query(warehouse, "select count(*)::integer as n from config_target")).toEqual([{ n: 0 }]);
    expect(await query(warehouse, "select count(*)::integer as n from mart_team_kpis where target is not null")).toEqual([{ n: 0 }]);
    expect(await query(warehouse, "select distinct tier from int_account_tiers order by 1")).toEqual([{ tier: "A" }, { tier: "B" }, { tier: "C" }]);
  });

  it("opens on a quarter with bookings and a win rate", async () => {
    const periods = await query<Period & Record<string, unknown>>(
      warehouse,
      `select period_type, period_key, strftime(period_start, '%Y-%m-%d') as period_start, strftime(period_end, '%Y-%m-%d') as period_end,
              previous_key, is_complete, period_index, has_data, is_partial
       from int_periods where period_type = 'quarter'`,
    );
    const quarter = defaultPeriodKey(periods);
    expect(quarter).toBe("2026-Q3");
    const [bookings] = await query<{ value: number }>(
      warehouse,
      "select value from mart_team_kpis where team = 'field_sales' and kpi = 'bookings' and period_type = 'quarter' and period_key = $quarter",
      { quarter },
    );
    expect(bookings!.value).toBeGreaterThan(0);
    const [winRate] = await query<{ win_rate: number }>(
      warehouse,
      "select win_rate from mart_win_rate where period_type = 'quarter' and period_key = $quarter and dimension = 'overall'",
      { quarter },
    );
    expect(winRate!.win_rate).toBeGreaterThan(0);
  });
});
