import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../data-loaders/config.ts";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// test/fixtures/closed-deals (its README lists every deal): Gamma Inc (001…003) has five deals, 04, 08 and
// 11 won (10,000 + 15,000 + 20,000) and 14 and 18 lost. Excluding it by a name pattern, or by its id, sets
// the account and those five deals aside with the reason, and every file still reconciles.
function configWith(excludedAccounts: object): string {
  const config = JSON.parse(readFileSync("data/config.json", "utf8"));
  const path = join(tempDir(), "config.json");
  writeFileSync(path, JSON.stringify({ ...config, excludedAccounts }));
  return path;
}

describe("config excludedAccounts", () => {
  it.each([
    ["a name pattern, in any case", { names: ["GAMMA *"] }, 'name "gamma *"'],
    ["its id", { ids: ["001000000000003AAA"] }, "id 001000000000003AAA"],
  ])("leaves out an account by %s, with its deals, counted as quarantined", async (_how, excludedAccounts, matched) => {
    const warehouse = await buildFixture(`${FIXTURES}/closed-deals`, { configPath: configWith(excludedAccounts) });
    expect(await query(warehouse, "select account_id, account_name, matched from stg_excluded_accounts")).toEqual([
      { account_id: "001000000000003AAA", account_name: "Gamma Inc", matched },
    ]);
    expect(await query(warehouse, "select reason, count(*)::integer as n from dq_quarantine where reason like '%excludedAccounts%' group by reason order by reason")).toEqual([
      { reason: "excluded account (config excludedAccounts)", n: 1 },
      // Stage-history rows of those deals follow them, saying why.
      { reason: "its opportunity was quarantined: on an excluded account (config excludedAccounts)", n: 3 },
      { reason: "on an excluded account (config excludedAccounts)", n: 5 },
    ]);
    expect(await query(warehouse, "select count(*)::integer as n from stg_opportunities where account_id = '001000000000003AAA'")).toEqual([{ n: 0 }]);
    // 200,000 of new-business bookings in all (mart_rep_performance.test.ts) less Gamma's 45,000.
    expect(await query(warehouse, "select sum(bookings) as bookings from mart_rep_performance where period_type = 'all'")).toEqual([{ bookings: 155_000 }]);
    expect(await query(warehouse, "select all_reconcile from mart_data_quality_summary")).toEqual([{ all_reconcile: true }]);
  });

  it("leaves out the leads that name an excluded account as their company (test/fixtures/salesforce-funnel: L2 and L4 of Beta Ltd)", async () => {
    const warehouse = await buildFixture(`${FIXTURES}/salesforce-funnel`, { configPath: configWith({ names: ["beta*"] }) });
    expect(await query(warehouse, "select count(*)::integer as n from stg_leads where company = 'Beta Ltd'")).toEqual([{ n: 0 }]);
    expect(await query(warehouse, "select count(*)::integer as n from dq_quarantine where model = 'stg_leads' and reason = 'of an excluded account (config excludedAccounts)'")).toEqual([{ n: 2 }]);
    expect(await query(warehouse, "select all_reconcile from mart_data_quality_summary")).toEqual([{ all_reconcile: true }]);
  });

  it("leaves out the accounts of a type, by a type pattern in any case (Gamma Inc typed 'Test account', Beta Ltd 'Partner')", async () => {
    // The fixture with Salesforce's Account.Type column added: Alpha Corp a customer, Beta Ltd a partner, Gamma Inc a test account.
    const exportsDir = tempDir();
    cpSync(`${FIXTURES}/closed-deals`, exportsDir, { recursive: true });
    const accounts = readFileSync(`${FIXTURES}/closed-deals/Account.csv`, "utf8").trim().split("\n");
    const types = ['"Type"', '"Customer - Direct"', '"Partner"', '"Test account"'];
    writeFileSync(join(exportsDir, "Account.csv"), accounts.map((line, i) => `${line},${types[i]}`).join("\n") + "\n");
    const warehouse = await buildFixture(exportsDir, { configPath: configWith({ types: ["TEST*"] }) });
    expect(await query(warehouse, "select account_id, account_name, matched from stg_excluded_accounts")).toEqual([
      { account_id: "001000000000003AAA", account_name: "Gamma Inc", matched: 'type "test*"' },
    ]);
    expect(await query(warehouse, "select account_type from stg_accounts order by account_id")).toEqual([
      { account_type: "Customer - Direct" },
      { account_type: "Partner" },
    ]);
    expect(await query(warehouse, "select sum(bookings) as bookings from mart_rep_performance where period_type = 'all'")).toEqual([{ bookings: 155_000 }]);
    expect(await query(warehouse, "select all_reconcile from mart_data_quality_summary")).toEqual([{ all_reconcile: true }]);
  });

  it("is checked like every other setting: an unknown key names the nearest one", () => {
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    expect(() => validateConfig({ ...config, excludedAccounts: { name: ["test*"] } })).toThrow(/"excludedAccounts\.name"\. Did you mean "names"\?/);
    expect(() => validateConfig({ ...config, excludedAccounts: { ids: "001" } })).toThrow(/excludedAccounts.ids/);
    expect(() => validateConfig({ ...config, excludedAccounts: { type: ["test"] } })).toThrow(/Did you mean "types"\?/);
    expect(() => validateConfig({ ...config, excludedAccounts: { types: [""] } })).toThrow(/excludedAccounts.types/);
  });
});
