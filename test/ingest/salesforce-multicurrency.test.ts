// A multi-currency Salesforce org whose stages, statuses, currencies and loss-reason field the default
// config does not know (test/fixtures/salesforce-multicurrency/README.md works every figure): nothing
// may be lost to a setting the export did not anticipate.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWarehouse } from "../../data-loaders/warehouse/build.ts";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

const FIXTURE = join(FIXTURES, "salesforce-multicurrency");

/** data/config.json with some settings replaced, written to a temp file. */
function configWith(changes: Record<string, unknown>): string {
  const path = join(tempDir(), "config.json");
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync("data/config.json", "utf8")), ...changes }));
  return path;
}

describe("a multi-currency Salesforce export, with the default config", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(FIXTURE);
  });

  it("loads every deal, lead and history row of a known deal; reconciles every file", async () => {
    expect(await query(warehouse, "select source_file, rows_read, rows_loaded, rows_quarantined from mart_data_quality")).toEqual([
      { source_file: "Account.csv", rows_read: 3, rows_loaded: 3, rows_quarantined: 0 },
      { source_file: "CurrencyType.csv", rows_read: 3, rows_loaded: 3, rows_quarantined: 0 },
      { source_file: "DatedConversionRate.csv", rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
      { source_file: "Lead.csv", rows_read: 5, rows_loaded: 5, rows_quarantined: 0 },
      { source_file: "Opportunity.csv", rows_read: 7, rows_loaded: 7, rows_quarantined: 0 },
      { source_file: "OpportunityHistory.csv", rows_read: 8, rows_loaded: 7, rows_quarantined: 1 },
      { source_file: "User.csv", rows_read: 2, rows_loaded: 2, rows_quarantined: 0 },
    ]);
    expect(await query(warehouse, "select record_id, reason from dq_quarantine")).toEqual([
      { record_id: "008H8", reason: "references a missing opportunity" },
    ]);
  });

  it("takes won, lost and open from IsClosed / IsWon, and amounts through the export's own rates", async () => {
    expect(
      await query(warehouse, "select opportunity_id, outcome, outcome_source, amount, exchange_rate_source from stg_opportunities order by 1"),
    ).toEqual([
      { opportunity_id: "006O1", outcome: "won", outcome_source: "flags", amount: 10000, exchange_rate_source: "reporting currency" },
      { opportunity_id: "006O2", outcome: "won", outcome_source: "flags", amount: 9100, exchange_rate_source: "export (dated)" },
      { opportunity_id: "006O3", outcome: "lost", outcome_source: "flags", amount: 10000, exchange_rate_source: "export" },
      { opportunity_id: "006O4", outcome: "lost", outcome_source: "flags", amount: null, exchange_rate_source: null },
      { opportunity_id: "006O5", outcome: "open", outcome_source: "flags", amount: 5000, exchange_rate_source: "export (dated)" },
      { opportunity_id: "006O6", outcome: "open", outcome_source: "flags", amount: 2000, exchange_rate_source: "reporting currency" },
      { opportunity_id: "006O7", outcome: "lost", outcome_source: "flags", amount: 2000, exchange_rate_source: "export" },
    ]);
  });

  it("computes win rate by count over every closed deal and by amount over the known amounts", async () => {
    const [overall] = await query(
      warehouse,
      "select n_closed, won, win_rate, amount_won, amount_closed from mart_win_rate where period_type = 'all' and dimension = 'overall'",
    );
    expect(overall).toEqual({ n_closed: 5, won: 2, win_rate: 0.4, amount_won: 19100, amount_closed: 31100 });
    // Both reps keep their deals, whatever the currency; "Nacional" and "NACIONAL" are one region.
    expect(await query(warehouse, "select value, n_closed from mart_win_rate where period_type = 'all' and dimension in ('rep', 'region') order by 1")).toEqual([
      { value: "Ana Pérez", n_closed: 3 },
      { value: "Internacional", n_closed: 2 },
      { value: "Luis Gómez", n_closed: 2 },
      { value: "Nacional", n_closed: 3 },
    ]);
  });

  it("reads the loss reason from the field that holds it, and says so", async () => {
    expect(await query(warehouse, "select opportunity_id, loss_reason from stg_opportunities where outcome = 'lost' order by 1")).toEqual([
      { opportunity_id: "006O3", loss_reason: "Precio" },
      { opportunity_id: "006O4", loss_reason: "Sin presupuesto" },
      { opportunity_id: "006O7", loss_reason: "Competencia" },
    ]);
  });

  it("lists exactly what the user must decide, with the config line that settles each, stages in the order deals go through them", async () => {
    const rows = await query(warehouse, "select kind, value, records, config_line from mart_unmapped_values where priority <= 4");
    expect(rows).toEqual([
      { kind: "opportunity_stage", value: "Prospección", records: 0, config_line: '"funnel": {"opportunityStages": {"Prospección": "opportunity"}}' },
      { kind: "opportunity_stage", value: "Propuesta", records: 1, config_line: '"funnel": {"opportunityStages": {"Propuesta": "proposal"}}' },
      { kind: "opportunity_stage", value: "Negociación", records: 1, config_line: '"funnel": {"opportunityStages": {"Negociación": "negotiation"}}' },
      { kind: "opportunity_stage", value: "Cerrada perdida", records: 3, config_line: '"funnel": {"opportunityStages": {"Cerrada perdida": "lost"}}' },
      { kind: "opportunity_stage", value: "Cerrada ganada", records: 2, config_line: '"funnel": {"opportunityStages": {"Cerrada ganada": "won"}}' },
      { kind: "currency", value: "PEN", records: 1, config_line: '"exchangeRates": {"PEN": ?}' },
      { kind: "lead_status", value: "New", records: 1, config_line: '"funnel": {"leadStatuses": {"New": "lead"}}' },
      { kind: "lead_status", value: "Nurturing", records: 1, config_line: '"funnel": {"leadStatuses": {"Nurturing": "lead"}}' },
      { kind: "lead_status", value: "Qualified", records: 1, config_line: '"funnel": {"leadStatuses": {"Qualified": "sql"}}' },
      { kind: "lead_status", value: "Unqualified", records: 1, config_line: '"funnel": {"leadStatuses": {"Unqualified": "disqualified"}}' },
      { kind: "lead_status", value: "Working", records: 1, config_line: '"funnel": {"leadStatuses": {"Working": "lead"}}' },
      { kind: "field", value: "Opportunity.lossReason", records: 3, config_line: '"salesforce": {"customFields": {"Opportunity.lossReason": "LossReason__c"}}' },
    ]);
    const [amounts] = await query(warehouse, "select status, note from mart_coverage where area = 'amounts'");
    expect(amounts).toEqual({
      status: "partial",
      note: "1 deal in PEN has no exchange rate: it counts in every count, but amount figures (bookings, pipeline, win rate by amount) leave it out.",
    });
    expect(await query(warehouse, "select reference, records, amount from mart_orphan_references")).toEqual([{ reference: "account", records: 1, amount: 5000 }]);
  });

  it("counts the leads in the funnel by what the export says of them", async () => {
    // L4 was converted into O1 (won): it reached every step; the others reached the lead step only.
    expect(await query(warehouse, "select step, sum(reached)::integer as reached from mart_funnel where step in ('lead', 'opportunity', 'won') group by step order by min(step_order)")).toEqual([
      { step: "lead", reached: 5 },
      { step: "opportunity", reached: 7 },
      { step: "won", reached: 2 },
    ]);
  });
});

describe("exchange rates in config", () => {
  it("win over the export's own rates", async () => {
    const warehouse = await buildFixture(FIXTURE, { configPath: configWith({ exchangeRates: { COP: 0.0003 } }) });
    expect(await query(warehouse, "select opportunity_id, round(amount, 2) as amount, exchange_rate_source from stg_opportunities where currency = 'COP' order by 1")).toEqual([
      { opportunity_id: "006O3", amount: 12000, exchange_rate_source: "config" },
      { opportunity_id: "006O7", amount: 2400, exchange_rate_source: "config" },
    ]);
  });

  it("are refused when typed the Salesforce way round, naming the inversion", async () => {
    const configPath = configWith({ exchangeRates: { COP: 4000 } });
    await expect(buildWarehouse({ exportsDir: FIXTURE, out: join(tempDir(), "w.duckdb"), configPath })).rejects.toThrow(
      /exchangeRates\.COP = 4000 contradicts the export's own rate .* one COP is worth 0\.00025 USD\)\. exchangeRates wants the value of one COP in USD: it looks inverted/,
    );
  });

  it("are refused when they make a currency's deals absurd, even without the export's rates", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "opportunities.csv"),
      ["opportunity_id,stage_name,amount,currency,created_at", "o1,Closed Won,50000,USD,2026-01-05", "o2,Closed Won,40000,USD,2026-01-05",
        "o3,Closed Won,60000,USD,2026-01-05", "o4,Closed Won,200000000,COP,2026-01-05", "o5,Closed Won,150000000,COP,2026-01-05", "o6,Closed Won,90000000,COP,2026-01-05"].join("\n") + "\n",
    );
    await expect(buildWarehouse({ exportsDir: dir, out: join(tempDir(), "w.duckdb"), configPath: configWith({ exchangeRates: { COP: 4000 } }) })).rejects.toThrow(
      /exchangeRates\.COP = 4000 makes COP deals absurd .* set 0\.00025 instead/,
    );
  });
});
