/**
 * The sample generator: deterministic bytes, the Salesforce Data Export format, and the story the
 * bundled sample tells (docs/sample-data.md), measured from the CSV files themselves.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realData, SKIP_REAL_DATA } from "../helpers.ts";
import {
  EMPTY_LOOKUP,
  INBOUND_SOURCES,
  LOSS_REASONS,
  OUTBOUND_SOURCES,
  SAMPLE_COLUMNS,
  generateSample,
  salesforceId,
  type SampleObject,
} from "../../data-loaders/sample/generate.ts";

const COMMITTED_SAMPLE = join(import.meta.dirname, "../../data/exports/sample");
const AS_OF = "2026-11-15";
const SMALL = 2000;

const KEY_PREFIXES: Record<SampleObject, string> = {
  Account: "001",
  User: "005",
  Campaign: "701",
  Lead: "00Q",
  Contact: "003",
  CampaignMember: "00v",
  Opportunity: "006",
  OpportunityHistory: "008",
  OpportunityCompetitor: "00J",
  Task: "00T",
};
const STAGE_PROBABILITY: Record<string, string> = {
  Qualification: "10",
  Discovery: "25",
  "Proposal/Price Quote": "50",
  "Negotiation/Review": "75",
  "Closed Won": "100",
  "Closed Lost": "0",
};
const LEAD_STATUSES = ["Open - Not Contacted", "Working - Contacted", "Marketing Qualified", "Sales Qualified", "Closed - Converted", "Closed - Not Converted"];
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sample-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function sha256Of(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [file, createHash("sha256").update(readFileSync(join(dir, file))).digest("hex")]),
  );
}

describe("generateSample({seed})", () => {
  it("writes byte-identical files for the same seed", async () => {
    const [first, second] = [tempDir(), tempDir()];
    await generateSample({ outDir: first, leads: SMALL, seed: 7 });
    await generateSample({ outDir: second, leads: SMALL, seed: 7 });
    const hashes = sha256Of(first);
    // Ten object files and the sample's own settings (config.json: its targets).
    expect(Object.keys(hashes)).toHaveLength(11);
    expect(sha256Of(second)).toEqual(hashes);
  });

  it("writes different bytes for a different seed", async () => {
    const [first, second] = [tempDir(), tempDir()];
    await generateSample({ outDir: first, leads: SMALL, seed: 7 });
    await generateSample({ outDir: second, leads: SMALL, seed: 8 });
    const [a, b] = [sha256Of(first), sha256Of(second)];
    for (const file of ["Lead.csv", "Opportunity.csv", "Account.csv", "User.csv"]) expect(b[file], file).not.toBe(a[file]);
  });

  it("rejects an asOf that is not a date", async () => {
    await expect(generateSample({ outDir: tempDir(), leads: 10, asOf: "2026-02-30" })).rejects.toThrow(/not a calendar date/);
  });
});

describe("the Salesforce Data Export format", () => {
  const tables = {} as Record<SampleObject, CsvTable>;
  let dir = "";
  beforeAll(async () => {
    dir = tempDir();
    await generateSample({ outDir: dir, leads: SMALL, seed: 11 });
    for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) {
      tables[object] = parseExportCsv(readFileSync(join(dir, `${object}.csv`)), `${object}.csv`);
    }
  });

  it("writes one file per object with the field API names as header, in order", () => {
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(SAMPLE_COLUMNS).map((o) => `${o}.csv`), "config.json"].sort());
    expect(tables.Opportunity.header).toEqual(["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource", "IsClosed", "IsWon", "ForecastCategoryName", "CurrencyIsoCode", "CampaignId", "OwnerId", "CreatedById", "CreatedDate", "LastModifiedDate", "LastStageChangeDate", "FiscalYear", "FiscalQuarter", "Loss_Reason__c", "Competitor__c"]);
    for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) expect(tables[object].header, object).toEqual([...SAMPLE_COLUMNS[object]]);
  });

  it.skipIf(SKIP_REAL_DATA)("uses the real 2023 export's header for OpportunityHistory and OpportunityCompetitor, byte for byte", () => {
    for (const object of ["OpportunityHistory", "OpportunityCompetitor"] as const) {
      const real = join(realData("export-headers/salesforce-data-export-realorg-2023"), `${object}.header.csv`);
      const ours = readFileSync(join(dir, `${object}.csv`), "utf8").split("\n")[0];
      expect(ours, object).toBe(readFileSync(real, "utf8").replace(/\r?\n$/, ""));
    }
  });

  it("quotes every value, ends lines with LF and has no byte-order mark", () => {
    // parseExportCsv throws on any unquoted field, stray quote, CR or BOM; here we check it saw them all.
    for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) {
      const table = tables[object];
      expect(table.rows.length, object).toBeGreaterThan(0);
      for (const row of table.rows) expect(row.length, object).toBe(table.header.length);
    }
    const quotedNames = tables.Account.rows.map((r) => r[2] as string).filter((name) => name.includes('"'));
    expect(quotedNames.length).toBeGreaterThan(0); // embedded quotes are written doubled and read back intact
    expect(readFileSync(join(dir, "Account.csv"), "utf8")).toContain(`,"${quotedNames[0]?.replaceAll('"', '""')}",`);
    expect(tables.Account.rows.some((r) => /[가-힣]/.test(r[2] as string))).toBe(true); // UTF-8 Korean names
  });

  it("gives every record a unique, valid 18-character id with its object's key prefix", () => {
    for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) {
      const ids = column(tables[object], "Id");
      expect(new Set(ids).size, object).toBe(ids.length);
      for (const id of ids) {
        expect(id, object).toMatch(new RegExp(`^${KEY_PREFIXES[object]}[0-9A-Za-z]{15}$`));
        expect(isValidSalesforceId(id), id).toBe(true);
      }
    }
    expect(salesforceId("00Q", 1)).toBe("00Q5g0000000001EAA");
  });

  it("references only records that exist", () => {
    const ids = (object: SampleObject) => new Set(column(tables[object], "Id"));
    const [accounts, users, leads, opportunities, contacts, campaigns] = [ids("Account"), ids("User"), ids("Lead"), ids("Opportunity"), ids("Contact"), ids("Campaign")];
    const accountNames = new Set(column(tables.Account, "Name"));
    const expectAllIn = (values: string[], set: Set<string>, what: string, allowed: string[] = []) => {
      const missing = values.filter((v) => !set.has(v) && !allowed.includes(v));
      expect(missing, what).toEqual([]);
    };
    expectAllIn(column(tables.Opportunity, "AccountId"), accounts, "Opportunity.AccountId");
    expectAllIn(column(tables.Opportunity, "OwnerId"), users, "Opportunity.OwnerId");
    expectAllIn(column(tables.Opportunity, "CreatedById"), users, "Opportunity.CreatedById");
    expectAllIn(column(tables.Opportunity, "CampaignId"), campaigns, "Opportunity.CampaignId", [EMPTY_LOOKUP]);
    expectAllIn(column(tables.Lead, "Company"), accountNames, "Lead.Company");
    expectAllIn(column(tables.Lead, "OwnerId"), users, "Lead.OwnerId");
    expectAllIn(column(tables.Lead, "ConvertedAccountId"), accounts, "Lead.ConvertedAccountId", [EMPTY_LOOKUP]);
    expectAllIn(column(tables.Lead, "ConvertedContactId"), contacts, "Lead.ConvertedContactId", [EMPTY_LOOKUP]);
    expectAllIn(column(tables.Lead, "ConvertedOpportunityId"), opportunities, "Lead.ConvertedOpportunityId", [EMPTY_LOOKUP]);
    expectAllIn(column(tables.Contact, "AccountId"), accounts, "Contact.AccountId");
    expectAllIn(column(tables.OpportunityHistory, "OpportunityId"), opportunities, "OpportunityHistory.OpportunityId");
    expectAllIn(column(tables.OpportunityHistory, "CreatedById"), users, "OpportunityHistory.CreatedById");
    expectAllIn(column(tables.OpportunityCompetitor, "OpportunityId"), opportunities, "OpportunityCompetitor.OpportunityId");
    expectAllIn(column(tables.CampaignMember, "CampaignId"), campaigns, "CampaignMember.CampaignId");
    expectAllIn(column(tables.CampaignMember, "LeadId"), leads, "CampaignMember.LeadId");
    expectAllIn(column(tables.CampaignMember, "ContactId"), contacts, "CampaignMember.ContactId", [""]);
    expectAllIn(column(tables.Task, "WhoId"), leads, "Task.WhoId", [""]);
    expectAllIn(column(tables.Task, "WhatId"), opportunities, "Task.WhatId", [""]);
    expectAllIn(column(tables.Task, "AccountId"), accounts, "Task.AccountId", [""]);
    expectAllIn(column(tables.Task, "OwnerId"), users, "Task.OwnerId");
    expectAllIn(column(tables.Account, "OwnerId"), users, "Account.OwnerId");
    expectAllIn(column(tables.User, "ManagerId"), users, "User.ManagerId", [""]);
    // Every opportunity has its history, and every converted lead points at a distinct opportunity.
    expect(new Set(column(tables.OpportunityHistory, "OpportunityId")).size).toBe(opportunities.size);
    const converted = column(tables.Lead, "ConvertedOpportunityId").filter((id) => id !== EMPTY_LOOKUP);
    expect(new Set(converted).size).toBe(converted.length);
    expect(converted.length).toBe(contacts.size);
  });

  it("formats booleans as 0/1, datetimes as YYYY-MM-DD HH:MM:SS and dates as YYYY-MM-DD", () => {
    const checks: Array<[SampleObject, string, RegExp]> = [
      ["Lead", "IsDeleted", /^0$/],
      ["Lead", "IsConverted", /^[01]$/],
      ["Opportunity", "IsClosed", /^[01]$/],
      ["Opportunity", "IsWon", /^[01]$/],
      ["User", "IsActive", /^[01]$/],
      ["Task", "IsClosed", /^[01]$/],
      ["Lead", "CreatedDate", DATETIME],
      ["Lead", "MQL_Date__c", new RegExp(`${DATETIME.source}|^$`)],
      ["Lead", "ConvertedDate", new RegExp(`${DATE.source}|^$`)],
      ["Opportunity", "CloseDate", DATE],
      ["Opportunity", "CreatedDate", DATETIME],
      ["OpportunityHistory", "CreatedDate", DATETIME],
      ["OpportunityHistory", "CloseDate", DATE],
      ["User", "Start_Date__c", DATE],
      ["Campaign", "StartDate", DATE],
      ["Task", "ActivityDate", DATE],
      ["Opportunity", "Amount", /^[1-9]\d*$/],
      ["Opportunity", "CurrencyIsoCode", /^USD$/],
      ["Opportunity", "Competitor__c", /^$/],
    ];
    for (const [object, name, pattern] of checks) {
      for (const value of column(tables[object], name)) expect(value, `${object}.${name}`).toMatch(pattern);
    }
  });

  it("uses only the picklist values of the brief", () => {
    const values = (object: SampleObject, name: string) => [...new Set(column(tables[object], name))].sort();
    expect(values("Lead", "Status")).toEqual([...LEAD_STATUSES].sort());
    expect(values("Lead", "LeadSource")).toEqual([...INBOUND_SOURCES, ...OUTBOUND_SOURCES].sort());
    expect(values("Lead", "Loss_Reason__c").filter(Boolean)).toEqual(LOSS_REASONS.filter((r) => r !== "Lost to competitor").sort());
    expect(values("Opportunity", "Loss_Reason__c").filter(Boolean)).toEqual([...LOSS_REASONS].sort());
    expect(values("Opportunity", "StageName")).toEqual(Object.keys(STAGE_PROBABILITY).sort());
    expect(values("Opportunity", "Type")).toEqual(["New Business", "Renewal", "Upsell"]);
    expect(values("User", "Department")).toEqual(["Customer Success", "Field Sales", "Inside Sales", "Marketing"]);
    expect(values("Campaign", "Type")).toEqual(["Content", "Event", "Outbound Sequence", "Paid Search", "Partner", "Webinar"]);
    expect(values("Account", "Region__c")).toEqual(["APAC", "Busan", "EMEA", "North America", "Seoul"]);
    expect(values("OpportunityCompetitor", "CompetitorName")).toHaveLength(5);
    for (const row of records(tables.Opportunity, "Opportunity")) expect(row.Probability, row.StageName).toBe(STAGE_PROBABILITY[row.StageName] ?? "?");
  });

  it("keeps each lead's lifecycle consistent with its status", () => {
    for (const lead of records(tables.Lead, "Lead")) {
      const converted = lead.Status === "Closed - Converted";
      expect(lead.IsConverted, lead.Id).toBe(converted ? "1" : "0");
      expect(lead.ConvertedOpportunityId !== EMPTY_LOOKUP, lead.Id).toBe(converted);
      if (converted) {
        expect(lead.MQL_Date__c <= lead.SQL_Date__c && lead.SQL_Date__c.slice(0, 10) <= lead.ConvertedDate, lead.Id).toBe(true);
        expect(lead.MQL_Date__c, lead.Id).not.toBe("");
      }
      expect(lead.Loss_Reason__c !== "", lead.Id).toBe(lead.Status === "Closed - Not Converted");
      if (OUTBOUND_SOURCES.includes(lead.LeadSource as (typeof OUTBOUND_SOURCES)[number]) && lead.SQL_Date__c) {
        expect(lead.MQL_Date__c.slice(0, 10), "outbound leads are MQL and SQL on the same day").toBe(lead.SQL_Date__c.slice(0, 10));
      }
      expect(lead.CreatedDate <= lead.LastModifiedDate && lead.CreatedDate < `${AS_OF} 24`, lead.Id).toBe(true);
      expect(lead.Email, lead.Id).toMatch(/^[a-z0-9.]+@[a-z0-9-]+\.example$/);
    }
  });

  it("records each deal's stages in order in its history, closing where the opportunity stands", () => {
    const historyByDeal = groupBy(records(tables.OpportunityHistory, "OpportunityHistory"), (h) => h.OpportunityId);
    const competitorDeals = new Set(column(tables.OpportunityCompetitor, "OpportunityId"));
    const stageOrder = Object.keys(STAGE_PROBABILITY);
    for (const deal of records(tables.Opportunity, "Opportunity")) {
      const history = (historyByDeal.get(deal.Id) ?? []).sort((a, b) => a.CreatedDate.localeCompare(b.CreatedDate));
      expect(history[0]?.StageName, deal.Id).toBe("Qualification");
      expect(history[0]?.CreatedDate, deal.Id).toBe(deal.CreatedDate);
      expect(history.at(-1)?.StageName, deal.Id).toBe(deal.StageName);
      const openStages = history.map((h) => stageOrder.indexOf(h.StageName)).filter((i) => i < 4);
      expect(openStages, deal.Id).toEqual([...openStages].sort((a, b) => a - b));
      for (const [previous, row] of history.slice(1).map((row, i) => [history[i], row] as const)) {
        expect(row.PrevCloseDate, deal.Id).toBe(previous?.CloseDate);
        if (row.StageName === row.FromOpportunityStageName && row.CloseDate !== row.PrevCloseDate && !row.StageName.startsWith("Closed")) {
          expect(row.CloseDate > row.PrevCloseDate, `${deal.Id}: a push moves the close date later`).toBe(true);
        }
      }
      expect(deal.IsClosed, deal.Id).toBe(deal.StageName.startsWith("Closed") ? "1" : "0");
      expect(deal.Loss_Reason__c !== "", deal.Id).toBe(deal.StageName === "Closed Lost");
      if (deal.Loss_Reason__c === "Lost to competitor") expect(competitorDeals.has(deal.Id), deal.Id).toBe(true);
    }
  });

  it("hands work between the teams: inside sales creates new business for field sales; customer success owns renewals and upsells", () => {
    const department = new Map(records(tables.User, "User").map((u) => [u.Id, u.Department]));
    for (const deal of records(tables.Opportunity, "Opportunity")) {
      if (deal.Type === "New Business") {
        expect(department.get(deal.CreatedById), deal.Id).toBe("Inside Sales");
        expect(department.get(deal.OwnerId), deal.Id).toBe("Field Sales");
      } else {
        expect(department.get(deal.OwnerId), deal.Id).toBe("Customer Success");
        expect(["", "Existing Customer"]).toContain(deal.LeadSource);
      }
    }
    const teams = groupBy(records(tables.User, "User"), (u) => u.Department);
    for (const [team, members] of teams) {
      const managers = members.filter((u) => u.ManagerId === "");
      expect(managers, team).toHaveLength(1);
      expect(members.filter((u) => u.ManagerId !== "").every((u) => u.ManagerId === managers[0]?.Id), team).toBe(true);
    }
  });
});

describe("the story of the default sample (10,000 leads, seed 42)", () => {
  let dir = "";
  let db: DuckDBConnection;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    dir = tempDir();
    await generateSample({ outDir: dir });
    instance = await DuckDBInstance.create(":memory:");
    db = await instance.connect();
    await loadStoryViews(db, dir);
  }, 60_000);
  afterAll(() => {
    db?.closeSync();
    instance?.closeSync();
  });
  /** The first row of a query, its named columns as numbers (or text). */
  const all = async <K extends string>(sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson().map(numbersAsNumbers) as Array<Record<K, number | string>>;
  const one = async <K extends string>(sql: string) => (await all(sql))[0] as Record<K, number>;

  it("is the sample committed in data/exports/sample, byte for byte", () => {
    expect(existsSync(COMMITTED_SAMPLE), "run: tsx scripts/generate-sample.ts").toBe(true);
    expect(sha256Of(COMMITTED_SAMPLE), "the committed sample is stale: run tsx scripts/generate-sample.ts").toEqual(sha256Of(dir));
  });

  it("has the volumes of a 10,000-lead organisation", async () => {
    const volumes = await one<"leads" | "accounts" | "users" | "opportunities" | "history" | "tasks_per_lead">(`select
      (select count(*) from "Lead") as leads, (select count(*) from "Account") as accounts, (select count(*) from "User") as users,
      (select count(*) from "Opportunity") as opportunities, (select count(*) from "OpportunityHistory") as history,
      (select count(*) from "Task") / (select count(*) from "Lead") as tasks_per_lead`);
    expect(volumes).toMatchObject({ leads: 10_000, accounts: 500, users: 40 });
    expect(volumes.opportunities).toBeGreaterThan(1600);
    expect(volumes.opportunities).toBeLessThan(2400);
    expect(volumes.history / volumes.opportunities).toBeGreaterThan(4.3);
    expect(volumes.history / volumes.opportunities).toBeLessThan(5.7);
    expect(volumes.tasks_per_lead).toBeLessThan(3);
  });

  it("creates leads over two years, seasonal and growing, mostly outbound", async () => {
    const span = await all<"first" | "last" | "outbound_share">(`select min(created_at)::date::varchar as first, max(created_at)::date::varchar as last,
      avg((channel = 'outbound')::int) as outbound_share from leads`);
    const { first, last, outbound_share: outboundShare } = span[0] ?? {};
    expect(String(first) >= "2024-11-16" && String(first) <= "2024-11-22", `first lead ${first}`).toBe(true);
    expect(String(last) >= "2026-11-09" && String(last) <= AS_OF, `last lead ${last}`).toBe(true);
    expect(outboundShare).toBeGreaterThan(0.57);
    expect(outboundShare).toBeLessThan(0.63);
    const season = await one<"summer_per_day" | "peak_per_day" | "growth">(`select
      count(*) filter (where month(created_at) in (7, 8)) / 124.0 as summer_per_day,
      count(*) filter (where month(created_at) in (3, 9, 10, 11)) / 245.0 as peak_per_day,
      count(*) filter (where created_at >= timestamp '2025-11-16') / count(*) filter (where created_at < timestamp '2025-11-16') as growth
      from leads`);
    expect(season.summer_per_day / season.peak_per_day).toBeLessThan(0.75);
    expect(season.growth).toBeGreaterThan(1.05);
    expect(season.growth).toBeLessThan(1.3);
  });

  it("converts inbound leads to won deals at about 14.6% and outbound at about 1.7% (leads created before 2026-05-15)", async () => {
    const rates = await one<"inbound" | "outbound">(`select
      avg(won::int) filter (where channel = 'inbound') as inbound, avg(won::int) filter (where channel = 'outbound') as outbound
      from leads where created_at < timestamp '2026-05-15'`);
    expect(rates.inbound).toBeGreaterThan(0.126);
    expect(rates.inbound).toBeLessThan(0.166);
    expect(rates.outbound).toBeGreaterThan(0.012);
    expect(rates.outbound).toBeLessThan(0.022);
  });

  it("tiers accounts 15/25/60, A converting best and spending most", async () => {
    const tiers = await all<"tier" | "accounts" | "win_rate" | "bookings_per_account" | "bookings_share" | "revenue">(`select a.Tier__c as tier, count(distinct a.Id) as accounts,
        avg(d.won::int) filter (where d.type = 'New Business' and d.closed) as win_rate,
        coalesce(sum(d.amount) filter (where d.won), 0) / count(distinct a.Id) as bookings_per_account,
        coalesce(sum(d.amount) filter (where d.won), 0) / (select sum(amount) from deals where won) as bookings_share,
        avg(a.AnnualRevenue::double) as revenue
      from "Account" a left join deals d on d.account_id = a.Id group by 1 order by 1`);
    expect(tiers.map((t) => [t.tier, t.accounts])).toEqual([["A", 75], ["B", 125], ["C", 300]]);
    const [a, b, c] = tiers.map((t) => ({ winRate: Number(t.win_rate), bookings: Number(t.bookings_per_account), share: Number(t.bookings_share), revenue: Number(t.revenue) }));
    if (!a || !b || !c) throw new Error("three tiers expected");
    expect(a.winRate).toBeGreaterThan(b.winRate + 0.05);
    expect(b.winRate).toBeGreaterThan(c.winRate + 0.05);
    expect(a.bookings).toBeGreaterThan(3 * b.bookings);
    expect(b.bookings).toBeGreaterThan(3 * c.bookings);
    expect(a.share).toBeGreaterThan(0.5);
    expect(a.revenue).toBeGreaterThan(3 * c.revenue);
    // Tiering follows size, but not perfectly: some C accounts are bigger than some A accounts.
    const overlap = await one<"n">(`select count(*) as n from "Account" c, "Account" a where c.Tier__c = 'C' and a.Tier__c = 'A' and c.AnnualRevenue::double > a.AnnualRevenue::double`);
    expect(overlap.n).toBeGreaterThan(0);
  });

  it("gives lost deals and disqualified leads a reason; lost-to-competitor deals name the competitor", async () => {
    const reasons = await one<"lost_without_reason" | "lost_to_competitor" | "unnamed">(`select
      count(*) filter (where stage = 'Closed Lost' and coalesce(reason, '') = '') as lost_without_reason,
      count(*) filter (where reason = 'Lost to competitor') as lost_to_competitor,
      count(*) filter (where reason = 'Lost to competitor' and opportunity_id not in (select OpportunityId from "OpportunityCompetitor")) as unnamed
      from deals`);
    expect(reasons).toMatchObject({ lost_without_reason: 0, unnamed: 0 });
    expect(reasons.lost_to_competitor).toBeGreaterThan(50);
  });

  it("has five competitors with clearly different win rates; deals without one win more", async () => {
    const competitors = await all<"competitor" | "closed" | "win_rate">(`select coalesce(c.CompetitorName, '(none)') as competitor, count(*) as closed, avg(d.won::int) as win_rate
      from deals d left join "OpportunityCompetitor" c on c.OpportunityId = d.opportunity_id
      where d.type = 'New Business' and d.closed group by 1`);
    const named = competitors.filter((c) => c.competitor !== "(none)").map((c) => Number(c.win_rate));
    expect(named).toHaveLength(5);
    expect(Math.max(...named) - Math.min(...named)).toBeGreaterThan(0.25);
    const none = Number(competitors.find((c) => c.competitor === "(none)")?.win_rate);
    expect(none).toBeGreaterThan(named.reduce((s, r) => s + r, 0) / named.length + 0.05);
    const share = await one<"with_competitor" | "two">(`select count(distinct c.OpportunityId) / count(distinct d.opportunity_id) as with_competitor,
        (select count(*) from (select OpportunityId from "OpportunityCompetitor" group by 1 having count(*) = 2)) / count(distinct c.OpportunityId) as two
      from deals d left join "OpportunityCompetitor" c on c.OpportunityId = d.opportunity_id where d.type = 'New Business'`);
    expect(share.with_competitor).toBeGreaterThan(0.4);
    expect(share.with_competitor).toBeLessThan(0.6);
    expect(share.two).toBeGreaterThan(0.08);
    expect(share.two).toBeLessThan(0.22);
  });

  it("recycles: most pooled records come back, and about 5% of those that do end in a won deal", async () => {
    const recycled = await one<"pool" | "recycled" | "won">(`select count(*) as pool, count(back_at) as recycled, count(*) filter (where back_won) as won from comebacks`);
    expect(recycled.recycled / recycled.pool).toBeGreaterThan(0.5);
    expect(recycled.recycled / recycled.pool).toBeLessThan(0.95);
    expect(recycled.won / recycled.recycled).toBeGreaterThan(0.035);
    expect(recycled.won / recycled.recycled).toBeLessThan(0.065);
  });

  it('brings "Revisit in N months" losses back around N months later more often than other losses', async () => {
    const timing = await one<"revisit" | "others">(`with windows as (
        select *, datediff('day', lost_at, coalesce(back_at, timestamp '2999-01-01')) / 30.44 as months_back, unnest([3, 6, 12]) as n
        from comebacks where lost_at + interval 15 month <= date '${AS_OF}')
      select avg((months_back between n - 1 and n + 2)::int) filter (where reason = 'Revisit in ' || n || ' months') as revisit,
             avg((months_back between n - 1 and n + 2)::int) filter (where reason in ('No need', 'No budget', 'Unreachable')) as others
      from windows`);
    expect(timing.revisit).toBeGreaterThan(1.25 * timing.others);
  });

  it("leaves a recycle queue: revisit losses whose month has come that have not come back", async () => {
    const queue = await one<"n">(`select count(*) as n from comebacks where back_at is null and reason like 'Revisit in %'
      and lost_at + to_months(regexp_extract(reason, '(\\d+)', 1)::int) <= date '${AS_OF}'`);
    expect(queue.n).toBeGreaterThanOrEqual(5);
  });

  it("ramps new AEs: fewer won deals and a lower win rate in their first six months", async () => {
    // Won deals per AE-month by months since the start date, over AEs who started during the two years.
    const bookings = await all<"bucket" | "won_per_ae_month">(`with aes as (
        select Id, Start_Date__c::date as started from "User" where Title = 'Account Executive' and Start_Date__c::date >= date '2024-11-16'),
      months as (select aes.Id, aes.started, m from aes, range(0, 12) as t(m) where aes.started + to_months(m + 1) <= date '${AS_OF}'),
      won as (select owner_id, close_date from deals where type = 'New Business' and won)
      select case when m < 3 then 'months 0-2' else 'months 6-11' end as bucket,
        count(won.close_date) / count(distinct (months.Id, m)) as won_per_ae_month
      from months left join won on won.owner_id = months.Id
        and won.close_date >= months.started + to_months(m) and won.close_date < months.started + to_months(m + 1)
      where m < 3 or m >= 6 group by 1 order by 1`);
    expect(bookings).toHaveLength(2);
    expect(Number(bookings[0]?.won_per_ae_month)).toBeLessThan(0.5 * Number(bookings[1]?.won_per_ae_month));
    const winRates = await one<"ramping" | "ramped">(`select
        avg(d.won::int) filter (where d.created_at < u.Start_Date__c::date + interval 183 day) as ramping,
        avg(d.won::int) filter (where d.created_at >= u.Start_Date__c::date + interval 183 day) as ramped
      from deals d join "User" u on u.Id = d.owner_id where d.type = 'New Business' and d.closed`);
    expect(winRates.ramping).toBeLessThan(0.8 * winRates.ramped);
  });

  it("renews about 85% of contracts and sells some upsells", async () => {
    const renewals = await one<"renewal_rate" | "upsells" | "renewals">(`select avg(won::int) filter (where type = 'Renewal' and closed) as renewal_rate,
      count(*) filter (where type = 'Upsell') as upsells, count(*) filter (where type = 'Renewal') as renewals from deals`);
    expect(renewals.renewal_rate).toBeGreaterThan(0.8);
    expect(renewals.renewal_rate).toBeLessThan(0.9);
    expect(renewals.renewals).toBeGreaterThan(100);
    expect(renewals.upsells).toBeGreaterThan(30);
  });

  it("holds an open pipeline at asOf, some of it past its close date", async () => {
    const pipeline = await one<"open" | "aging">(`select count(*) filter (where not closed) as open, count(*) filter (where not closed and close_date < date '${AS_OF}') as aging from deals`);
    expect(pipeline.open).toBeGreaterThan(100);
    expect(pipeline.aging).toBeGreaterThanOrEqual(3);
  });
});

/**
 * Views over the sample for the story checks. The definitions follow METRICS.md: a pooled record (a
 * disqualified lead, lost on its LastModifiedDate, or a closed-lost new-business deal, lost on its
 * CloseDate) is recycled when a lead at the same account (matched by company name) is created after the
 * loss; it "ends in a won deal" when that first comeback lead's converted opportunity is won.
 */
async function loadStoryViews(db: DuckDBConnection, dir: string): Promise<void> {
  for (const object of ["Account", "User", "Lead", "Opportunity", "OpportunityHistory", "OpportunityCompetitor", "Task"]) {
    await db.run(`create table "${object}" as select * from read_csv($path, all_varchar = true, header = true)`, { path: join(dir, `${object}.csv`) });
  }
  await db.run(`create view leads as
    select l.Id as lead_id, a.Id as account_id, l.LeadSource as source,
      case when l.LeadSource in ('Outbound Call', 'Cold Email', 'Purchased List') then 'outbound' else 'inbound' end as channel,
      l.CreatedDate::timestamp as created_at, l.LastModifiedDate::timestamp as modified_at, l.Status as status,
      l.Loss_Reason__c as reason, coalesce(o.StageName = 'Closed Won', false) as won
    from "Lead" l join "Account" a on a.Name = l.Company left join "Opportunity" o on o.Id = l.ConvertedOpportunityId`);
  await db.run(`create view deals as
    select Id as opportunity_id, AccountId as account_id, Type as type, StageName as stage, IsClosed = '1' as closed,
      IsWon = '1' as won, Amount::double as amount, CreatedDate::timestamp as created_at, CloseDate::date as close_date,
      Loss_Reason__c as reason, OwnerId as owner_id
    from "Opportunity"`);
  await db.run(`create view comebacks as
    with pool as (
      select account_id, modified_at as lost_at, reason from leads where status = 'Closed - Not Converted'
      union all
      select account_id, (close_date + 1)::timestamp, reason from deals where type = 'New Business' and stage = 'Closed Lost')
    select pool.*, first.created_at as back_at, first.won as back_won
    from pool left join lateral (
      select created_at, won from leads where leads.account_id = pool.account_id and leads.created_at > pool.lost_at
      order by created_at limit 1) as first on true`);
}

/** getRowObjectsJson returns BIGINT counts as strings (to survive JSON); the checks want numbers. */
function numbersAsNumbers(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v]));
}

interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * A strict reader for the Data Export dialect: throws unless every field is quoted, quotes inside
 * fields are doubled, records end in LF (no CR) and there is no byte-order mark.
 */
function parseExportCsv(bytes: Buffer, file: string): CsvTable {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new Error(`${file}: starts with a BOM`);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  if (text.includes("\r")) throw new Error(`${file}: has a CR`);
  if (!text.endsWith("\n")) throw new Error(`${file}: the last record does not end in LF`);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`${file}: unquoted field at record ${records.length + 1}`);
    let value = "";
    i++;
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) throw new Error(`${file}: unterminated field at record ${records.length + 1}`);
      value += text.slice(i, close);
      if (text[close + 1] === '"') {
        value += '"';
        i = close + 2;
      } else {
        i = close + 1;
        break;
      }
    }
    record.push(value);
    if (text[i] === ",") i++;
    else if (text[i] === "\n") {
      records.push(record);
      record = [];
      i++;
    } else throw new Error(`${file}: stray character after a field at record ${records.length + 1}`);
  }
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

function column(table: CsvTable, name: string): string[] {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name}`);
  return table.rows.map((row) => row[index] as string);
}

/** A row of one object's file, by column name. */
type RecordOf<O extends SampleObject> = Record<(typeof SAMPLE_COLUMNS)[O][number], string>;

function records<O extends SampleObject>(table: CsvTable, _object: O): Array<RecordOf<O>> {
  return table.rows.map((row) => Object.fromEntries(table.header.map((name, i) => [name, row[i] as string])) as RecordOf<O>);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Salesforce's 18-character id: the last 3 characters encode the case of the first 15. */
function isValidSalesforceId(id: string): boolean {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id[chunk * 5 + i] ?? "")) bits |= 1 << i;
    suffix += alphabet[bits];
  }
  return id.length === 18 && id.slice(15) === suffix;
}
