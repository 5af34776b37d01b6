// Input as it really comes: one tiny export per messy case, each failing its test if the case regresses.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BuildOptions } from "../../data-loaders/warehouse/build.ts";
import { buildFixture, query, tempDir } from "../helpers.ts";

/** Write an exports folder of the given files (canonical format unless the names say otherwise). */
function exportsOf(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const HEADER = "opportunity_id,stage_name,amount,currency,created_at,close_date,is_won,is_closed,account_id";

async function opportunities(csv: string | Buffer, extra: Record<string, string | Buffer> = {}, options: Partial<BuildOptions> = {}) {
  const warehouse = await buildFixture(exportsOf({ "opportunities.csv": csv, ...extra }), options);
  return {
    warehouse,
    rows: await query(warehouse, "select * exclude (_source_file, _source_row) from stg_opportunities order by opportunity_id"),
    quarantine: await query(warehouse, "select source_row, record_id, reason from dq_quarantine order by source_row"),
  };
}

describe("messy exports", () => {
  it("reads UTF-8 with a byte-order mark: the first column keeps its name", async () => {
    const { rows } = await opportunities(`\uFEFF${HEADER}\no1,Closed Won,100,USD,2026-01-05,2026-02-01,1,1,\n`);
    expect(rows.map((r) => r.opportunity_id)).toEqual(["o1"]);
  });

  it("transcodes a Windows-1252 export (curly quotes, é, €) and says so on the data-quality page", async () => {
    const accounts = Buffer.concat([
      Buffer.from("account_id,account_name\na1,Caf"),
      Buffer.from([0xe9, 0x20, 0x93]), // é, space, left curly quote
      Buffer.from("Nord"),
      Buffer.from([0x94, 0x20, 0x80]), // right curly quote, space, €
      Buffer.from("\n"),
    ]);
    const warehouse = await buildFixture(
      exportsOf({ "accounts.csv": accounts, "opportunities.csv": `${HEADER}\no1,Closed Won,100,USD,2026-01-05,,1,1,a1\n` }),
    );
    expect(await query(warehouse, "select account_name from stg_accounts")).toEqual([{ account_name: "Café “Nord” €" }]);
    const [file] = await query(warehouse, "select note from mart_data_quality where source_file = 'accounts.csv'");
    expect(file).toEqual({ note: "not UTF-8: read as Windows-1252 (Latin-1)" });
  });

  it("reads CRLF line endings, quoted newlines and semicolon delimiters", async () => {
    const crlf = await opportunities(`${HEADER}\r\no1,Closed Won,100,USD,2026-01-05,,1,1,\r\no2,Closed Lost,50,USD,2026-01-06,,0,1,\r\n`);
    expect(crlf.rows.map((r) => [r.opportunity_id, r.outcome])).toEqual([["o1", "won"], ["o2", "lost"]]);
    const accounts = `account_id,account_name\na1,"Line one\nline two"\n`;
    const warehouse = await buildFixture(exportsOf({ "accounts.csv": accounts, "opportunities.csv": `${HEADER}\n` }));
    expect(await query(warehouse, "select account_name from stg_accounts")).toEqual([{ account_name: "Line one\nline two" }]);
    const semicolons = await opportunities(`${HEADER.replaceAll(",", ";")}\no1;Closed Won;"1.234";USD;2026-01-05;;1;1;\n`);
    expect(semicolons.rows.map((r) => r.amount)).toEqual([1.234]);
  });

  it("parses amounts with symbols, separators, spaces and brackets, and converts currencies", async () => {
    const configPath = join(tempDir(), "config.json");
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    writeFileSync(configPath, JSON.stringify({ ...config, exchangeRates: { KRW: 0.00072 } }));
    const { rows, quarantine } = await opportunities(
      [
        HEADER,
        `o1,Closed Won,"$65,000.00 ",USD,2026-01-05,,1,1,`,
        `o2,Closed Won,"₩1,200,000",KRW,2026-01-05,,1,1,`,
        `o3,Closed Lost,"(1,000)",usd,2026-01-05,,0,1,`,
        `o4,Closed Won,500,XYZ,2026-01-05,,1,1,`,
        `o5,Closed Won,12 apples,USD,2026-01-05,,1,1,`,
        `o6,Closed Won,300,,2026-01-05,,1,1,`,
      ].join("\n") + "\n",
      {},
      { configPath },
    );
    // XYZ has no rate anywhere: the deal stays (it counts as won) and its amount is unknown, not 0.
    expect(rows.map((r) => [r.opportunity_id, r.amount_original, r.currency, r.amount, r.exchange_rate_source])).toEqual([
      ["o1", 65000, "USD", 65000, "reporting currency"],
      ["o2", 1200000, "KRW", 1200000 * 0.00072, "config"],
      ["o4", 500, "XYZ", null, null],
      ["o6", 300, "USD", 300, "reporting currency"],
    ]);
    // "(1,000)" reads as −1,000 (accounting brackets), and a negative deal amount is quarantined.
    expect(quarantine).toEqual([
      { source_row: 3, record_id: "o3", reason: "negative amount" },
      { source_row: 5, record_id: "o5", reason: "unparseable amount in amount" },
    ]);
  });

  it("reads booleans as 0/1, TRUE/FALSE and true/false", async () => {
    const mapped = await opportunities(
      [HEADER, "o1,Qualification,1,USD,2026-01-05,,1,1,", "o2,Qualification,1,USD,2026-01-05,,FALSE,TRUE,", "o3,Qualification,1,USD,2026-01-05,,false,false,"].join("\n") + "\n",
    );
    expect(mapped.rows.map((r) => r.outcome)).toEqual(["won", "lost", "open"]);
  });

  it("parses Salesforce, ISO, US and zoned dates; zones become UTC; a bad date is quarantined", async () => {
    const { rows, quarantine } = await opportunities(
      [
        HEADER,
        "o1,Qualification,1,USD,2026-01-05 10:00:00,2026-03-31,,,",
        "o2,Qualification,1,USD,2026-01-05,3/31/2026,,,",
        "o3,Qualification,1,USD,1/5/2026 9:30,,,,",
        "o4,Qualification,1,USD,2026-01-05T10:00:00+09:00,,,,",
        "o5,Qualification,1,USD,2026-01-05T10:00:00.000Z,,,,",
        "o6,Qualification,1,USD,next tuesday,,,,",
      ].join("\n") + "\n",
    );
    expect(rows.map((r) => [r.opportunity_id, r.created_at, r.close_date])).toEqual([
      ["o1", "2026-01-05 10:00:00", "2026-03-31"],
      ["o2", "2026-01-05 00:00:00", "2026-03-31"],
      ["o3", "2026-01-05 09:30:00", null],
      ["o4", "2026-01-05 01:00:00", null],
      ["o5", "2026-01-05 10:00:00", null],
    ]);
    expect(quarantine).toEqual([{ source_row: 6, record_id: "o6", reason: "unparseable date in created_at" }]);
  });

  it("reads Salesforce's empty-lookup id 000000000000000AAA as no reference", async () => {
    const { rows, quarantine } = await opportunities(`${HEADER}\no1,Qualification,1,USD,2026-01-05,,,,000000000000000AAA\n`, {
      "accounts.csv": "account_id,account_name\na1,Alpha\n",
    });
    expect(rows.map((r) => r.account_id)).toEqual([null]);
    expect(quarantine).toEqual([]);
  });

  it("keeps a deal whose account is missing and one in an unknown stage, and reports both", async () => {
    const { quarantine, warehouse, rows } = await opportunities(
      `${HEADER}\no1,Qualification,1,USD,2026-01-05,,,,a9\no2,Stalled,1,USD,2026-01-05,,,,a1\n`,
      { "accounts.csv": "account_id,account_name\na1,Alpha\n" },
    );
    expect(quarantine).toEqual([]);
    expect(rows.map((r) => [r.opportunity_id, r.account_known, r.stage_step])).toEqual([
      ["o1", false, "opportunity"],
      ["o2", true, null],
    ]);
    expect(await query(warehouse, "select reference, records, missing_ids from mart_orphan_references")).toEqual([
      { reference: "account", records: 1, missing_ids: 1 },
    ]);
    expect(await query(warehouse, "select kind, value, records from mart_unmapped_values")).toEqual([
      { kind: "opportunity_stage", value: "Stalled", records: 1 },
    ]);
    const [file] = await query(warehouse, "select rows_read, rows_loaded, rows_quarantined from mart_data_quality where source_file = 'opportunities.csv'");
    expect(file).toEqual({ rows_read: 2, rows_loaded: 2, rows_quarantined: 0 });
  });
});
