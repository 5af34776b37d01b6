import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWarehouse, fingerprintInputs, LIBRARY_DIR, readFingerprint } from "../../data-loaders/warehouse/build.ts";
import { FIXTURES, query, tempDir } from "../helpers.ts";

function fixtureCopy(): string {
  const dir = join(tempDir(), "exports");
  cpSync(join(FIXTURES, "salesforce-funnel"), dir, { recursive: true });
  return dir;
}

describe("buildWarehouse(options)", () => {
  it("skips the build when exports, config and code are unchanged, and rebuilds when an export changes", async () => {
    const exportsDir = fixtureCopy();
    const out = join(tempDir(), "warehouse.duckdb");
    const first = await buildWarehouse({ exportsDir, out });
    expect(first.skipped).toBe(false);
    const second = await buildWarehouse({ exportsDir, out });
    expect(second.skipped).toBe(true);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.files).toEqual(first.files);

    // One more lead: a new fingerprint, a rebuild, and the new count in the mart.
    const leads = join(exportsDir, "Lead.csv");
    writeFileSync(
      leads,
      readFileSync(leads, "utf8") +
        `"00Q000000000009AAA","0","New","Lead","new@x.example","","Gamma Inc","Web","Open - Not Contacted","2026-02-20 10:00:00","","","0","","","","",""\n`,
    );
    const third = await buildWarehouse({ exportsDir, out });
    expect(third.skipped).toBe(false);
    expect(third.fingerprint).not.toBe(first.fingerprint);
    const [row] = await query(out, "select sum(reached)::integer as leads from mart_funnel where step = 'lead'");
    expect(row).toEqual({ leads: 7 });
  });

  it("fingerprints the code the build runs: a models edit changes it, a sample-generator or docs edit does not", async () => {
    const library = join(tempDir(), "library");
    cpSync(LIBRARY_DIR, library, { recursive: true });
    const exportsDir = fixtureCopy();
    const fingerprint = () => fingerprintInputs(exportsDir, ["data/config.json"], "auto", library);
    const before = await fingerprint();
    const edit = (file: string, comment = "// edited") => writeFileSync(join(library, file), `${readFileSync(join(library, file), "utf8")}\n${comment}\n`);
    for (const file of ["sample/generate.ts", "sample/deals.ts", "sample/types.ts", "docs.ts", "scaffold.ts", "site/marts.ts", "warehouse/report.ts"]) {
      edit(file);
      expect(await fingerprint(), file).toBe(before);
    }
    edit("models/macros.sql", "-- edited");
    const afterModel = await fingerprint();
    expect(afterModel).not.toBe(before);
    edit("ingest/salesforce.ts");
    expect(await fingerprint()).not.toBe(afterModel);
  });

  it("stores only the columns a metric reads: a lead's name, email and phone never reach the warehouse", async () => {
    const out = join(tempDir(), "warehouse.duckdb");
    await buildWarehouse({ exportsDir: fixtureCopy(), out });
    const stored = await query(
      out,
      "select column_name from duckdb_columns() where table_name = 'raw_salesforce__lead__stored' order by column_index",
    );
    const names = stored.map((r) => r.column_name);
    expect(names).toEqual(expect.arrayContaining(["Id", "Company", "Status", "CreatedDate", "MQL_Date__c"]));
    for (const personal of ["FirstName", "LastName", "Email", "Phone"]) expect(names).not.toContain(personal);
    // The row numbers and counts are those of the file as read.
    const [lead] = await query(out, "select min(_source_row)::integer as first, count(*)::integer as n from raw_salesforce__lead");
    expect(lead).toEqual({ first: 1, n: 7 }); // the 7 records of Lead.csv
  });

  it("stops on a file missing a required column, naming the file, the column and the columns it found", async () => {
    const exportsDir = fixtureCopy();
    const path = join(exportsDir, "Opportunity.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace('"StageName"', '"Phase"'));
    const out = join(tempDir(), "warehouse.duckdb");
    await expect(buildWarehouse({ exportsDir, out })).rejects.toThrow(
      /Opportunity\.csv: missing required column "StageName" or "Stage" or "단계", expected to hold the current stage, .*\. Columns found: Id, IsDeleted, AccountId, Name, Phase, Amount/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("never replaces the last good warehouse with a failed build", async () => {
    const exportsDir = fixtureCopy();
    const out = join(tempDir(), "warehouse.duckdb");
    const good = await buildWarehouse({ exportsDir, out });
    const path = join(exportsDir, "Lead.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace('"Status"', '"LeadStatus"'));
    await expect(buildWarehouse({ exportsDir, out })).rejects.toThrow(/Lead\.csv: missing required column "Status"/);
    expect(await readFingerprint(out)).toBe(good.fingerprint);
    const [row] = await query(out, "select count(*)::integer as leads from stg_leads");
    expect(row).toEqual({ leads: 6 });
  });

  it("matches Salesforce headers case-insensitively (Data Loader versions differ)", async () => {
    const exportsDir = fixtureCopy();
    const path = join(exportsDir, "Opportunity.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace('"StageName"', '"STAGENAME"').replace('"CreatedDate"', '"createddate"'));
    const out = join(tempDir(), "warehouse.duckdb");
    await buildWarehouse({ exportsDir, out });
    const [row] = await query(out, "select count(*)::integer as n from stg_opportunities");
    // Five of the six (the sixth's amount "n/a" is unreadable).
    expect(row).toEqual({ n: 5 });
  });

  it("says what it saw when the folder holds no export it recognises", async () => {
    const exportsDir = tempDir();
    writeFileSync(join(exportsDir, "notes.txt"), "hello");
    await expect(buildWarehouse({ exportsDir, out: join(tempDir(), "w.duckdb") })).rejects.toThrow(
      /cannot tell which CRM these exports come from\. Expected Salesforce object files \(named like Opportunity\.csv, or any name with a header such as — .*Opportunity: opportunity_id \("Id" or "Opportunity ID".* Found: notes\.txt\. For any other export, write a mapping: npm run warehouse -- --exports .* --suggest-mapping > mapping\.json/,
    );
  });
});
