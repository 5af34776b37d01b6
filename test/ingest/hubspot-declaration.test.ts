// What the HubSpot declaration adds to the engine beyond test/ingest/hubspot.test.ts's fixture: its value
// macros (hubspot/macros.sql, run on their own), "closed" from the won and lost flags when an export has
// no "Is Deal Closed?", the deal's currency read only when amounts are not already converted, and raw
// tables that store only the columns the adapter reads (no names or emails).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../data-loaders/config.ts";
import { openDatabase, queryRows } from "../../data-loaders/duckdb.ts";
import { loadHubSpotExport } from "../../data-loaders/ingest/hubspot.ts";
import { tempDir } from "../helpers.ts";

const MACROS = fileURLToPath(new URL("../../data-loaders/ingest/hubspot/macros.sql", import.meta.url));

let db: DuckDBConnection;
beforeEach(async () => {
  db = await openDatabase(":memory:");
});
afterEach(() => db.closeSync());

function exportOf(files: Record<string, string>): string {
  const dir = tempDir("spd-hubspot-declared-");
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("hubspot/macros.sql", () => {
  it("takes the first associated id, reads ICP tiers as A/B/C, and tells closed from the won and lost flags", async () => {
    await db.run(readFileSync(MACROS, "utf8"));
    const [row] = await queryRows(
      db,
      `select hubspot_first_id('123;456') as first, hubspot_first_id(' 7 ') as spaced,
              hubspot_tier('Tier 1') as t1, hubspot_tier('tier_2') as t2, hubspot_tier('TIER-3') as t3, hubspot_tier('Gold') as other,
              hubspot_closed('true', null) as won, hubspot_closed('false', 'TRUE') as lost,
              hubspot_closed('false', 'false') as open, hubspot_closed('false', null) as unknown`,
    );
    expect(row).toEqual({ first: "123", spaced: "7", t1: "A", t2: "B", t3: "C", other: "Gold", won: "true", lost: "true", open: "false", unknown: null });
  });
});

describe("the HubSpot declaration", () => {
  it("derives closed from the won and lost flags, and reads the deal's currency when amounts are its own", async () => {
    const dir = exportOf({
      "deals.csv": `"Record ID","Deal Name","Deal Stage","Amount","Currency","Is Closed Won","Is closed lost"\n"1","A","closedwon","10","EUR","true","false"\n"2","B","open","20","EUR","false","false"\n`,
    });
    const files = await loadHubSpotExport(db, dir, loadConfig("data/config.json"));
    expect(files.map((f) => [f.file, f.entity, f.note])).toEqual([["deals.csv", "opportunities", null]]);
    expect(await queryRows(db, "select opportunity_id, amount, currency, is_closed, is_won from src_opportunities order by 1")).toEqual([
      { opportunity_id: "1", amount: "10", currency: "EUR", is_closed: "true", is_won: "true" },
      { opportunity_id: "2", amount: "20", currency: "EUR", is_closed: "false", is_won: "false" },
    ]);
  });

  it("stores only the columns it reads: a contact's name and email never reach the raw table", async () => {
    const dir = exportOf({
      "contacts.csv": `"Record ID","First Name","Last Name","Email","Lifecycle Stage","Create Date","Contact owner","HubSpot Team"\n"1","Hana","Cho","hana@example.com","lead","2026-01-02","Ava Lee","Inside Sales"\n`,
    });
    await loadHubSpotExport(db, dir, loadConfig("data/config.json"));
    const columns = await queryRows<{ column_name: string }>(db, "select column_name from duckdb_columns() where table_name = 'raw_hubspot__contacts'");
    expect(columns.map((c) => c.column_name).filter((c) => /name|email/i.test(c))).toEqual([]);
    expect(await queryRows(db, "select user_id, department, _source_file from src_users")).toEqual([
      { user_id: "Ava Lee", department: "Inside Sales", _source_file: "contacts.csv › owners" },
    ]);
  });
});
