// Every dataset in ../shared/real-data, loaded as a user would load it, with reconciled counts and the
// values their publishers state. CI has the folder beside the checkout and requires it; elsewhere, without
// it, these tests are skipped with a notice (test/helpers.ts).
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, query, realData, SKIP_REAL_DATA, tempDir } from "../helpers.ts";

describe.skipIf(SKIP_REAL_DATA)("Maven CRM Sales Opportunities, through data/mappings/maven-crm.json", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(realData("maven-crm-sales-opportunities"), {
      mappingPath: "data/mappings/maven-crm.json",
    });
  });

  it("loads all 8,800 opportunities, 85 accounts and 35 agents, and lists the files it does not use", async () => {
    expect(await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality")).toEqual([
      { source_file: "SOURCE.txt", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: "accounts.csv", rows_read: 85, rows_loaded: 85, rows_quarantined: 0 },
      { source_file: "data_dictionary.csv", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: "products.csv", rows_read: null, rows_loaded: 0, rows_quarantined: 0 },
      { source_file: "sales_pipeline.csv", rows_read: 8800, rows_loaded: 8800, rows_quarantined: 0 },
      { source_file: "sales_teams.csv", rows_read: 35, rows_loaded: 35, rows_quarantined: 0 },
    ]);
  });

  it("has 6,711 closed deals (4,238 won, 2,473 lost): an overall win rate of 63.2%", async () => {
    const [row] = await query<{ won: number; lost: number; open: number }>(
      warehouse,
      `select count(*) filter (where outcome = 'won')::integer as won, count(*) filter (where outcome = 'lost')::integer as lost,
              count(*) filter (where outcome = 'open')::integer as open from stg_opportunities`,
    );
    expect(row).toEqual({ won: 4238, lost: 2473, open: 2089 });
    expect(((row!.won / (row!.won + row!.lost)) * 100).toFixed(1)).toBe("63.2");
  });

  it("keeps its quirks honest: 1,425 open deals without an account, GTXPro merged into GTX Pro, Prospecting deals without a date", async () => {
    const [row] = await query(
      warehouse,
      `select count(*) filter (where account_id is null and outcome = 'open')::integer as open_without_account,
              count(distinct segment)::integer as products,
              count(*) filter (where segment = 'GTXPro')::integer as typo,
              count(*) filter (where created_at is null and stage_name = 'Prospecting')::integer as prospecting_without_date
       from stg_opportunities`,
    );
    expect(row).toEqual({ open_without_account: 1425, products: 7, typo: 0, prospecting_without_date: 500 });
    const [sector] = await query(warehouse, "select count(*)::integer as n from stg_accounts where industry = 'technolgy'");
    expect(sector).toEqual({ n: 0 });
  });
});

describe.skipIf(SKIP_REAL_DATA)("IBM Sales Win Loss, through data/mappings/ibm-win-loss.json", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(realData("ibm-sales-win-loss"), { mappingPath: "data/mappings/ibm-win-loss.json" });
  });

  it("reads 78,025 rows and accounts for every one: 55 exact duplicates and 141 reused ids quarantined", async () => {
    const [file] = await query(
      warehouse,
      "select rows_read, rows_loaded, rows_quarantined from mart_data_quality where entity = 'opportunities'",
    );
    expect(file).toEqual({ rows_read: 78025, rows_loaded: 77829, rows_quarantined: 196 });
    expect(await query(warehouse, "select reason, count(*)::integer as n from dq_quarantine group by 1 order by 1")).toEqual([
      { reason: "duplicate id (an earlier row has this id)", n: 141 },
      { reason: "exact duplicate of an earlier row", n: 55 },
    ]);
    // 183 ids repeat; every quarantined row carries one of them.
    const [ids] = await query(warehouse, "select count(distinct record_id)::integer as n from dq_quarantine");
    expect(ids).toEqual({ n: 183 });
  });

  it("wins 31.7% with no competitor, 21.8% against an unknown and 19.5% against a known one", async () => {
    const rows = await query<{ competitor: string; win_rate: number }>(
      warehouse,
      `select coalesce(competitors_field, 'None') as competitor, avg((outcome = 'won')::integer) as win_rate
       from stg_opportunities group by 1 order by 1`,
    );
    const rates = Object.fromEntries(rows.map((r) => [r.competitor, r.win_rate]));
    // The published figures count the 196 duplicate rows too; without them each rate moves < 0.15 points.
    expect(rates["None"]).toBeCloseTo(0.317, 2);
    expect(rates["Unknown competitor"]).toBeCloseTo(0.218, 2);
    expect(rates["Known competitor"]).toBeCloseTo(0.195, 2);
  });
});

describe.skipIf(SKIP_REAL_DATA)("Salesforce Data Export of a demo org", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(realData("salesforce-export-demo"));
  });

  it("loads every object it reads and lists Contact, FieldHistory and the rest as unused", async () => {
    const files = await query(warehouse, "select source_file, entity, rows_read, rows_loaded from mart_data_quality");
    expect(files).toEqual([
      { source_file: "Account.csv", entity: "accounts", rows_read: 12, rows_loaded: 12 },
      { source_file: "Campaign.csv", entity: "campaigns", rows_read: 4, rows_loaded: 4 },
      { source_file: "CampaignMember.csv", entity: "campaign_members", rows_read: 0, rows_loaded: 0 },
      { source_file: "Contact.csv", entity: null, rows_read: null, rows_loaded: 0 },
      { source_file: "FieldHistory.csv", entity: null, rows_read: null, rows_loaded: 0 },
      { source_file: "Lead.csv", entity: "leads", rows_read: 22, rows_loaded: 22 },
      { source_file: "Opportunity.csv", entity: "opportunities", rows_read: 31, rows_loaded: 31 },
      { source_file: "OpportunityCompetitor.csv", entity: "opportunity_competitors", rows_read: 0, rows_loaded: 0 },
      { source_file: "OpportunityContactRole.csv", entity: null, rows_read: null, rows_loaded: 0 },
      { source_file: "OpportunityHistory.csv", entity: "opportunity_history", rows_read: 62, rows_loaded: 62 },
      { source_file: "OpportunityLineItem.csv", entity: null, rows_read: null, rows_loaded: 0 },
    ]);
  });

  it("treats the 3 'Closed - Converted' leads with IsConverted 0 as converted, and reads the empty-lookup id as none", async () => {
    const [row] = await query(
      warehouse,
      `select count(*) filter (where status = 'Closed - Converted' and is_converted)::integer as converted,
              count(*) filter (where converted_account_id is not null)::integer as with_account
       from stg_leads`,
    );
    expect(row).toEqual({ converted: 3, with_account: 0 });
  });

  it("reads MainCompetitors__c, the comma-joined competitor field", async () => {
    const [row] = await query(warehouse, "select count(*)::integer as n from stg_opportunities where competitors_field is not null");
    expect(row).toEqual({ n: 18 });
  });
});

describe.skipIf(SKIP_REAL_DATA)("header rows of a real 2023 Salesforce Data Export", () => {
  it("maps every object's real column set: a header-only export loads with no missing column", async () => {
    const source = realData("export-headers/salesforce-data-export-realorg-2023");
    const exportsDir = join(tempDir(), "exports");
    mkdirSync(exportsDir);
    for (const file of readdirSync(source).filter((f) => f.endsWith(".header.csv"))) {
      cpSync(join(source, file), join(exportsDir, file.replace(".header.csv", ".csv")));
    }
    const warehouse = await buildFixture(exportsDir);
    const used = await query(warehouse, "select source_file, entity from mart_data_quality where entity is not null");
    expect(used.map((r) => r.source_file)).toEqual([
      "Account.csv",
      "Campaign.csv",
      "CampaignMember.csv",
      "Lead.csv",
      "Opportunity.csv",
      "OpportunityCompetitor.csv",
      "OpportunityHistory.csv",
      "User.csv",
    ]);
  });
});
