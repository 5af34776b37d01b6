import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, query, tempDir } from "../helpers.ts";

// Two weekly snapshots in dated folders (canonical format). Stage order: Qualification (opportunity) <
// Discovery < Proposal/Price Quote < Negotiation/Review.
//              2026-11-02                         2026-11-09
//   o1   Qualification  100  close 11-30   →  Discovery      100  close 11-30   advanced
//   o2   Proposal       200  close 11-30   →  Closed Won     250                won (250)
//   o3   Discovery      300  close 11-30   →  Closed Lost    300                lost
//   o4   Discovery      400  close 11-30   →  Discovery      400  close 12-31   pushed_out
//   o5   Negotiation    500  close 12-31   →  Negotiation    500  close 12-15   pulled_in
//   o6   Proposal       600  close 12-31   →  Discovery      600  close 12-31   moved_back
//   o7          —                          →  Qualification  700  close 12-31   created
//   open_start: o1..o6 = 6, 2,100      open_end: o1, o4, o5, o6, o7 = 5, 2,300
//   other: 2,300 − (2,100 + 700 − 250 − 300) = 50 (o2 was 200 while open, won at 250); 5 − (6 + 1 − 1 − 1) = 0
const HEADER = "opportunity_id,stage_name,amount,close_date,created_at";
const WEEK1 = [
  "o1,Qualification,100,2026-11-30,2026-10-01",
  "o2,Proposal/Price Quote,200,2026-11-30,2026-10-01",
  "o3,Discovery,300,2026-11-30,2026-10-01",
  "o4,Discovery,400,2026-11-30,2026-10-01",
  "o5,Negotiation/Review,500,2026-12-31,2026-10-01",
  "o6,Proposal/Price Quote,600,2026-12-31,2026-10-01",
];
const WEEK2 = [
  "o1,Discovery,100,2026-11-30,2026-10-01",
  "o2,Closed Won,250,2026-11-06,2026-10-01",
  "o3,Closed Lost,300,2026-11-05,2026-10-01",
  "o4,Discovery,400,2026-12-31,2026-10-01",
  "o5,Negotiation/Review,500,2026-12-15,2026-10-01",
  "o6,Discovery,600,2026-12-31,2026-10-01",
  "o7,Qualification,700,2026-12-31,2026-11-04",
];

describe("mart_pipeline_flow: a series of dated snapshots", () => {
  let warehouse: string;
  beforeAll(async () => {
    const dir = tempDir();
    for (const [date, rows] of [["2026-11-02", WEEK1], ["2026-11-09", WEEK2]] as const) {
      mkdirSync(join(dir, date));
      writeFileSync(join(dir, date, "opportunities.csv"), [HEADER, ...rows].join("\n") + "\n");
    }
    warehouse = await buildFixture(dir);
  });

  it("classifies every opportunity's movement between the two snapshots, and what they leave unexplained", async () => {
    const rows = await query(
      warehouse,
      "select strftime(snapshot_date, '%Y-%m-%d') as date, movement, opportunities, amount from mart_pipeline_flow order by movement",
    );
    expect(rows).toEqual([
      { date: "2026-11-09", movement: "advanced", opportunities: 1, amount: 100 },
      { date: "2026-11-09", movement: "created", opportunities: 1, amount: 700 },
      { date: "2026-11-09", movement: "lost", opportunities: 1, amount: 300 },
      { date: "2026-11-09", movement: "moved_back", opportunities: 1, amount: 600 },
      { date: "2026-11-09", movement: "open_end", opportunities: 5, amount: 2300 },
      { date: "2026-11-09", movement: "open_start", opportunities: 6, amount: 2100 },
      { date: "2026-11-09", movement: "other", opportunities: 0, amount: 50 },
      { date: "2026-11-09", movement: "pulled_in", opportunities: 1, amount: 500 },
      { date: "2026-11-09", movement: "pushed_out", opportunities: 1, amount: 400 },
      { date: "2026-11-09", movement: "won", opportunities: 1, amount: 250 },
    ]);
  });

  it("reads the latest snapshot as the export and reconciles every snapshot file", async () => {
    const [current] = await query(warehouse, "select count(*)::integer as n from stg_opportunities");
    expect(current).toEqual({ n: 7 });
    const files = await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality");
    expect(files).toEqual([
      { source_file: "2026-11-02/opportunities.csv › snapshot", rows_read: 6, rows_loaded: 6, rows_quarantined: 0 },
      { source_file: "2026-11-09/opportunities.csv › snapshot", rows_read: 7, rows_loaded: 7, rows_quarantined: 0 },
      { source_file: "opportunities.csv", rows_read: 7, rows_loaded: 7, rows_quarantined: 0 },
    ]);
  });
});
