// A HubSpot export with four pipelines, custom stages, a renewals pipeline, flags that disagree with a
// label and a deal whose company is missing, built with the default config and no mapping
// (test/fixtures/hubspot-pipelines/README.md works every figure).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

const FIXTURE = join(FIXTURES, "hubspot-pipelines");
const DEALS = "hubspot-crm-exports-all-deals-2026-03-06.csv";

describe("a HubSpot export with several pipelines, default config", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(FIXTURE);
  });

  it("loads every deal and every stage-history row", async () => {
    expect(await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality where entity in ('opportunities', 'opportunity_history')")).toEqual([
      { source_file: DEALS, rows_read: 10, rows_loaded: 10, rows_quarantined: 0 },
      { source_file: `${DEALS} › stage dates`, rows_read: 26, rows_loaded: 26, rows_quarantined: 0 },
    ]);
  });

  it("takes won, lost and open from HubSpot's own flags, and keeps each deal's pipeline", async () => {
    expect(await query(warehouse, "select opportunity_id, pipeline, outcome, motion from stg_opportunities order by 1")).toEqual([
      { opportunity_id: "1001", pipeline: "Sales Pipeline", outcome: "won", motion: "new_business" },
      { opportunity_id: "1002", pipeline: "Sales Pipeline", outcome: "lost", motion: "new_business" },
      { opportunity_id: "1003", pipeline: "Sales Pipeline", outcome: "open", motion: "new_business" },
      { opportunity_id: "1004", pipeline: "Enterprise (EMEA)", outcome: "won", motion: "new_business" },
      { opportunity_id: "1005", pipeline: "Enterprise (EMEA)", outcome: "lost", motion: "new_business" },
      { opportunity_id: "1006", pipeline: "Enterprise (EMEA)", outcome: "open", motion: "new_business" },
      { opportunity_id: "1007", pipeline: "Partner deals", outcome: "open", motion: "new_business" },
      { opportunity_id: "1008", pipeline: "Renewals", outcome: "won", motion: "renewal" },
      { opportunity_id: "1009", pipeline: "Renewals", outcome: "open", motion: "renewal" },
      { opportunity_id: "1010", pipeline: "Renewals", outcome: "open", motion: "renewal" },
    ]);
  });

  it("gives win rate overall and by pipeline, over new business", async () => {
    expect(
      await query(warehouse, "select dimension, value, n_closed, won from mart_win_rate where period_type = 'all' and dimension in ('overall', 'pipeline') order by dimension, value"),
    ).toEqual([
      { dimension: "overall", value: "all", n_closed: 4, won: 2 },
      { dimension: "pipeline", value: "Enterprise (EMEA)", n_closed: 2, won: 1 },
      { dimension: "pipeline", value: "Sales Pipeline", n_closed: 2, won: 1 },
    ]);
  });

  it("counts renewals from the renewals pipeline", async () => {
    expect(
      await query(warehouse, "select kpi, value from mart_team_kpis where team = 'customer_success' and period_type = 'quarter' and period_key = '2026-Q1' and kpi in ('renewals', 'renewal_bookings') order by kpi"),
    ).toEqual([
      { kpi: "renewal_bookings", value: 30000 },
      { kpi: "renewals", value: 1 },
    ]);
    expect(await query(warehouse, "select status from mart_coverage where area = 'renewals'")).toEqual([{ status: "ok" }]);
  });

  it("keeps the deal whose company is missing, and counts it", async () => {
    expect(await query(warehouse, "select source_file, reference, records, amount from mart_orphan_references")).toEqual([
      { source_file: DEALS, reference: "account", records: 1, amount: 60000 },
    ]);
  });

  it("lists the unmapped stages per pipeline, in the order its deals went through them, with deal counts and config lines, and the flags that overrule a label", async () => {
    const rows = await query(warehouse, "select kind, pipeline, value, records, stage_position, config_line from mart_unmapped_values where kind in ('opportunity_stage', 'outcome_flags')");
    expect(rows).toEqual([
      { kind: "opportunity_stage", pipeline: "Enterprise (EMEA)", value: "Discovery call", records: 0, stage_position: 1, config_line: '"pipelines": {"Enterprise (EMEA)": {"stages": {"Discovery call": "discovery"}}}' },
      { kind: "opportunity_stage", pipeline: "Enterprise (EMEA)", value: "Demo booked", records: 1, stage_position: 2, config_line: '"pipelines": {"Enterprise (EMEA)": {"stages": {"Demo booked": "discovery"}}}' },
      { kind: "opportunity_stage", pipeline: "Enterprise (EMEA)", value: "Proposal sent", records: 0, stage_position: 3, config_line: '"pipelines": {"Enterprise (EMEA)": {"stages": {"Proposal sent": "proposal"}}}' },
      { kind: "opportunity_stage", pipeline: "Enterprise (EMEA)", value: "Contract Signed", records: 1, stage_position: 4, config_line: '"pipelines": {"Enterprise (EMEA)": {"stages": {"Contract Signed": "won"}}}' },
      { kind: "opportunity_stage", pipeline: "Partner deals", value: "Intro", records: 0, stage_position: 1, config_line: '"pipelines": {"Partner deals": {"stages": {"Intro": "?"}}}' },
      { kind: "opportunity_stage", pipeline: "Partner deals", value: "Contract Signed", records: 1, stage_position: 2, config_line: '"pipelines": {"Partner deals": {"stages": {"Contract Signed": "?"}}}' },
      { kind: "opportunity_stage", pipeline: "Renewals", value: "Renewal due", records: 1, stage_position: 1, config_line: '"pipelines": {"Renewals": {"stages": {"Renewal due": "opportunity"}}}' },
      { kind: "opportunity_stage", pipeline: "Renewals", value: "Renewed", records: 1, stage_position: 2, config_line: '"pipelines": {"Renewals": {"stages": {"Renewed": "won"}}}' },
      { kind: "outcome_flags", pipeline: "Renewals", value: "Closed Lost", records: 1, stage_position: null, config_line: null },
    ]);
  });

  it("credits the deals that inside sales created to inside sales, by the creator's name", async () => {
    expect(await query(warehouse, "select creator_team, count(*)::integer as n from int_opportunities group by 1 order by 1")).toEqual([
      { creator_team: "inside_sales", n: 4 },
      { creator_team: "unknown", n: 6 },
    ]);
  });
});

describe("a HubSpot export with pipelines set in config", () => {
  it("maps a pipeline's own stages, gives it a team or a motion, or leaves it out", async () => {
    const configPath = join(tempDir(), "config.json");
    const config = JSON.parse(readFileSync("data/config.json", "utf8"));
    writeFileSync(configPath, JSON.stringify({
      ...config,
      pipelines: {
        "Enterprise (EMEA)": { stages: { "Discovery call": "opportunity", "Demo booked": "discovery", "Proposal sent": "proposal", "Contract Signed": "won" } },
        "Partner deals": { exclude: true },
        Renewals: { team: "customer_success", stages: { "Renewal due": "opportunity", Renewed: "won" } },
      },
    }));
    const warehouse = await buildFixture(FIXTURE, { configPath });
    expect(await query(warehouse, "select opportunity_id, stage_step from stg_opportunities where pipeline = 'Enterprise (EMEA)' order by 1")).toEqual([
      { opportunity_id: "1004", stage_step: "won" },
      { opportunity_id: "1005", stage_step: "lost" },
      { opportunity_id: "1006", stage_step: "discovery" },
    ]);
    // The excluded deal and its history are set aside, counted on the data-quality page with the reason.
    expect(await query(warehouse, "select record_id, reason from dq_quarantine order by 1")).toEqual([
      { record_id: "1007", reason: "in a pipeline config excludes (pipelines.Partner deals.exclude)" },
      { record_id: "1007 › Contract Signed (Partner deals)", reason: "its opportunity was quarantined: in a pipeline config excludes (pipelines.Partner deals.exclude)" },
      { record_id: "1007 › Intro (Partner deals)", reason: "its opportunity was quarantined: in a pipeline config excludes (pipelines.Partner deals.exclude)" },
    ]);
    expect(await query(warehouse, "select distinct owner_team from int_opportunities where pipeline = 'Renewals'")).toEqual([{ owner_team: "customer_success" }]);
    expect(await query(warehouse, "select count(*)::integer as n from mart_unmapped_values where kind = 'opportunity_stage'")).toEqual([{ n: 0 }]);
  });
});
