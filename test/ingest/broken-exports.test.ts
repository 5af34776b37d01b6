// The broken-exports corpus: every way an export really breaks, with its documented outcome — a clear
// error naming the file (and line or column) and what was expected, or quarantine with a reason. Never
// a bare stack trace, never a silent loss; a failed ingest leaves the last good warehouse in place.
import { randomBytes } from "node:crypto";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWarehouse, readFingerprint } from "../../data-loaders/warehouse/build.ts";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

const HEADER = '"Id","StageName","Amount","CloseDate","CreatedDate","AccountId"';
const row = (id: string, stage = "Qualification", amount = "100", close = "2026-03-31", created = "2026-01-05 10:00:00", account = "") =>
  `"${id}","${stage}","${amount}","${close}","${created}","${account}"`;

/** A Salesforce export holding one Opportunity.csv with the given content (and the fixture's accounts). */
function exportWith(opportunities: string | Buffer, extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, "salesforce-funnel/Account.csv"), join(dir, "Account.csv"));
  writeFileSync(join(dir, "Opportunity.csv"), opportunities);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

async function fails(exportsDir: string): Promise<string> {
  const out = join(tempDir(), "warehouse.duckdb");
  try {
    await buildWarehouse({ exportsDir, out });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the build was expected to fail");
}

async function quarantineOf(exportsDir: string) {
  const warehouse = await buildFixture(exportsDir);
  return {
    warehouse,
    quarantine: await query(warehouse, "select source_file, source_row, record_id, reason from dq_quarantine order by source_file, source_row"),
    files: await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality where rows_read is not null"),
  };
}

describe("broken exports", () => {
  it("empty file: stops, naming the file and what was expected", async () => {
    expect(await fails(exportWith(""))).toBe(
      "Opportunity.csv: the file is empty; expected a header row naming its columns, then one row per record",
    );
  });

  it("header only: loads nothing, loses nothing", async () => {
    const { files } = await quarantineOf(exportWith(`${HEADER}\n`));
    expect(files).toContainEqual({ source_file: "Opportunity.csv", rows_read: 0, rows_loaded: 0, rows_quarantined: 0 });
  });

  it("wrong delimiter (a colon-separated file): stops on the missing columns and shows what it found", async () => {
    const message = await fails(exportWith(`${HEADER.replaceAll(",", ":")}\n${row("o1").replaceAll(",", ":")}\n`));
    expect(message).toMatch(/^Opportunity\.csv: missing required column "Id" or "Opportunity ID" or "기회 ID", expected to hold the unique id of the opportunity\. Columns found: Id:StageName:Amount:CloseDate:CreatedDate:AccountId$/);
  });

  it("truncated last line: the cut record is quarantined with its line, the rest loads", async () => {
    const { quarantine, files } = await quarantineOf(exportWith(`${HEADER}\n${row("o1")}\n${row("o2")}\n"o3","Qualif`));
    expect(quarantine).toEqual([
      { source_file: "Opportunity.csv", source_row: 4, record_id: null, reason: "malformed CSV record at line 4: Value with unterminated quote found." },
    ]);
    expect(files).toContainEqual({ source_file: "Opportunity.csv", rows_read: 3, rows_loaded: 2, rows_quarantined: 1 });
  });

  // Found by the long fuzz run (seeds 778, 779): DuckDB also flags "invalid encoding" on a record with an
  // unterminated quote in a file that is valid UTF-8 once transcoded, and those records were neither loaded
  // nor quarantined.
  it("a Windows-1252 file with a broken quote and a short record: both quarantined, nothing lost", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n${row("o1")}\n"o2","Qualification","100" `, "latin1"),
      Buffer.from([0xe2, 0x34, 0xa5, 0x57, 0x08, 0x9a]),
      Buffer.from(`,"2026-03-31","2026-01-05 10:00:00",""\n""\n${row("o4")}\n`, "latin1"),
    ]);
    const { quarantine, files } = await quarantineOf(exportWith(bytes));
    expect(files).toContainEqual({ source_file: "Opportunity.csv", rows_read: 4, rows_loaded: 2, rows_quarantined: 2 });
    expect(quarantine.map((q) => q.source_row)).toEqual([3, 4]);
    expect(quarantine.every((q) => String(q.reason).startsWith("malformed CSV record") && !String(q.reason).includes("utf-8"))).toBe(true);
  });

  it("a UTF-8 file with a broken quote: read as UTF-8 (its Korean intact), the broken record quarantined", async () => {
    const text = `${HEADER}\n${row("o1", "협상")}\n"o2","Qualification","100" 한글,"2026-03-31","2026-01-05 10:00:00",""\n${row("o3")}\n`;
    const { warehouse, quarantine, files } = await quarantineOf(exportWith(text));
    expect(files).toContainEqual({ source_file: "Opportunity.csv", rows_read: 3, rows_loaded: 2, rows_quarantined: 1 });
    expect(quarantine.map((q) => q.source_row)).toEqual([3]);
    expect(await query(warehouse, "select value from mart_unmapped_values where kind = 'opportunity_stage'")).toEqual([{ value: "협상" }]);
  });

  it("a record with too many fields: quarantined with its line", async () => {
    const { quarantine } = await quarantineOf(exportWith(`${HEADER}\n${row("o1")},"extra"\n${row("o2")}\n`));
    expect(quarantine).toEqual([
      { source_file: "Opportunity.csv", source_row: 2, record_id: null, reason: "malformed CSV record at line 2: Expected Number of Columns: 6 Found: 7" },
    ]);
  });

  it("binary file renamed .csv: stops, saying it is not CSV", async () => {
    const zip = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), randomBytes(2000)]);
    expect(await fails(exportWith(zip))).toBe(
      "Opportunity.csv: this is a binary file, not CSV (it looks like an .xlsx or .zip file); export it as CSV (comma-separated text)",
    );
  });

  it("missing required column: stops, naming file, column and the columns found", async () => {
    const message = await fails(exportWith(`"Id","Amount"\n"o1","5"\n`));
    expect(message).toBe(
      'Opportunity.csv: missing required column "StageName" or "Stage" or "단계", expected to hold the current stage, mapped to a funnel step by config `funnel.opportunityStages`. Columns found: Id, Amount',
    );
  });

  it("duplicate ids: the repeat is quarantined, exact copies told apart from reused ids", async () => {
    const { quarantine } = await quarantineOf(exportWith(`${HEADER}\n${row("o1")}\n${row("o1")}\n${row("o1", "Discovery")}\n`));
    expect(quarantine.map((q) => [q.source_row, q.reason])).toEqual([
      [2, "exact duplicate of an earlier row"],
      [3, "duplicate id (an earlier row has this id)"],
    ]);
  });

  it("a 10 MB field: loads", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const dir = exportWith(`${HEADER}\n${row("o1")}\n`, {
      "Account.csv": `"Id","Name","Description"\n"001000000000001AAA","Alpha Corp","${huge}"\n`,
    });
    const { files } = await quarantineOf(dir);
    expect(files).toContainEqual({ source_file: "Account.csv", rows_read: 1, rows_loaded: 1, rows_quarantined: 0 });
  });

  it("dates in the future and before 1970: quarantined as implausible; a closed deal may not close after the data's as-of date, an open one may", async () => {
    const { quarantine } = await quarantineOf(
      exportWith(
        [
          HEADER,
          row("o1", "Qualification", "100", "2099-12-31"),
          row("o2", "Qualification", "100", "2026-03-31", "1969-07-20 20:17:00"),
          row("o3", "Qualification", "100", "2026-03-31", "2199-01-01 00:00:00"),
          row("o4", "Closed Won", "100", "2199-01-01"),
          row("o5", "Qualification", "100", "1900-01-01"),
        ].join("\n") + "\n",
      ),
    );
    // No change dates here: the as-of date is the latest plausible date, o1's creation (2026-01-05).
    expect(quarantine.map((q) => [q.record_id, q.reason])).toEqual([
      ["o2", "implausible date in created_at (before 1970 or in the future)"],
      ["o3", "implausible date in created_at (before 1970 or in the future)"],
      ["o4", "closed with a close date after the data's as-of date (2026-01-05)"],
      ["o5", "implausible date in close_date (before 1970)"],
    ]);
  });

  it("negative and absurd amounts: quarantined with the reason", async () => {
    const { quarantine } = await quarantineOf(
      exportWith([HEADER, row("o1", "Qualification", "-500"), row("o2", "Qualification", "999999999999999"), row("o3", "Qualification", "100")].join("\n") + "\n"),
    );
    expect(quarantine.map((q) => [q.record_id, q.reason])).toEqual([
      ["o1", "negative amount"],
      ["o2", "implausible amount (over 100,000,000,000 in the reporting currency)"],
    ]);
  });

  it("unknown stages and missing accounts: kept and reported; history of a quarantined or missing deal: quarantined, saying which", async () => {
    const history = [
      '"Id","OpportunityId","StageName","CreatedDate"',
      '"h1","o3","Qualification","2026-01-05 10:00:00"',
      '"h2","o9","Qualification","2026-01-05 10:00:00"',
      '"h3","o1","Verbal Yes","2026-01-06 10:00:00"',
    ].join("\n") + "\n";
    const { quarantine, warehouse } = await quarantineOf(
      exportWith(
        [HEADER, row("o1", "Verbal Yes"), row("o2", "Qualification", "1", "2026-03-31", "2026-01-05 10:00:00", "001NOPE"), row("o3", "Qualification", "lots")].join("\n") + "\n",
        { "OpportunityHistory.csv": history },
      ),
    );
    expect(quarantine.map((q) => [q.source_file, q.record_id, q.reason])).toEqual([
      ["Opportunity.csv", "o3", "unparseable amount in amount"],
      ["OpportunityHistory.csv", "h1", "its opportunity was quarantined: unparseable amount in amount"],
      ["OpportunityHistory.csv", "h2", "references a missing opportunity"],
    ]);
    expect(await query(warehouse, "select opportunity_id, stage_step, account_known from stg_opportunities order by 1")).toEqual([
      { opportunity_id: "o1", stage_step: null, account_known: null },
      { opportunity_id: "o2", stage_step: "opportunity", account_known: false },
    ]);
    expect(await query(warehouse, "select kind, value, records, history_rows from mart_unmapped_values")).toEqual([
      { kind: "opportunity_stage", value: "Verbal Yes", records: 1, history_rows: 1 },
    ]);
    expect(await query(warehouse, "select reference, records from mart_orphan_references")).toEqual([{ reference: "account", records: 1 }]);
  });

  it("a folder with no recognisable files: stops, saying what it saw", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.xlsx"), "x");
    writeFileSync(join(dir, "notes.txt"), "x");
    expect(await fails(dir)).toMatch(/cannot tell which CRM these exports come from\. .* Found: notes\.txt, report\.xlsx\. For any other export, write a mapping: .*--suggest-mapping/);
  });

  it("after a failed ingest the last good warehouse is still there, unchanged", async () => {
    const out = join(tempDir(), "warehouse.duckdb");
    const good = await buildWarehouse({ exportsDir: exportWith(`${HEADER}\n${row("o1")}\n`), out });
    await expect(buildWarehouse({ exportsDir: exportWith(""), out })).rejects.toThrow(/the file is empty/);
    expect(await readFingerprint(out)).toBe(good.fingerprint);
    expect(await query(out, "select opportunity_id from stg_opportunities")).toEqual([{ opportunity_id: "o1" }]);
  });
});
