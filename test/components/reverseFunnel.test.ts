import { describe, expect, it } from "vitest";
import { planFromTarget, wholeNumber, type PlanRates } from "../../src/components/reverseFunnel.ts";

// Round rates a person can check: $25K deals, 50% win rate, 80% SQL → opportunity, 50% MQL → SQL,
// 20% lead → MQL. $1M → 40 won deals → 80 opportunities → 100 SQLs → 200 MQLs → 1,000 leads.
const RATES: PlanRates = {
  channel: "all",
  average_won_deal_size: 25_000,
  won_deals: 200,
  win_rate: 0.5,
  win_rate_low: 0.4,
  win_rate_high: 0.625,
  closed_deals: 400,
  sql_to_opportunity_rate: 0.8,
  sql_to_opportunity_rate_low: 0.5,
  sql_to_opportunity_rate_high: 1,
  sqls: 500,
  mql_to_sql_rate: 0.5,
  mql_to_sql_rate_low: 0.4,
  mql_to_sql_rate_high: 0.5,
  mqls: 8,
  lead_to_mql_rate: 0.2,
  lead_to_mql_rate_low: 0.1,
  lead_to_mql_rate_high: 0.25,
  leads: 5_000,
  median_cycle_days_lead_to_won: 87,
  cycle_deals: 200,
  // mart_plan's flags with minimumSample 10: only the 8 MQLs are too few.
  won_deals_low_sample: false,
  closed_deals_low_sample: false,
  sqls_low_sample: false,
  mqls_low_sample: true,
  leads_low_sample: false,
  note: null,
};

describe("planFromTarget(rates, target)", () => {
  it("divides the target step by step, from won deals up to leads, and lists the steps top-down", () => {
    const plan = planFromTarget(RATES, 1_000_000);
    expect(plan.map((s) => [s.step, s.needed === null ? null : Math.round(s.needed * 1e6) / 1e6])).toEqual([
      ["leads", 1000],
      ["mqls", 200],
      ["sqls", 100],
      ["opportunities", 80],
      ["won_deals", 40],
    ]);
    expect(plan.map((s) => [s.divisor, s.n])).toEqual([
      ["lead_to_mql_rate", 5000],
      ["mql_to_sql_rate", 8],
      ["sql_to_opportunity_rate", 500],
      ["win_rate", 400],
      ["average_won_deal_size", 200],
    ]);
  });

  it("marks the step whose divisor the mart flags as a low sample, never a missing one", () => {
    const plan = planFromTarget(RATES, 1_000_000);
    expect(plan.filter((s) => s.lowSample).map((s) => s.step)).toEqual(["mqls"]);
    const missing = planFromTarget({ ...RATES, mql_to_sql_rate: null }, 1_000_000);
    expect(missing.filter((s) => s.lowSample)).toEqual([]);
  });

  it("gives the range of counts needed at the rates' interval bounds, compounding up the chain", () => {
    const opportunities = planFromTarget(RATES, 1_000_000).find((s) => s.step === "opportunities")!;
    // 40 won deals ÷ 0.625 = 64 at the high win rate, ÷ 0.4 = 100 at the low one.
    expect(opportunities.neededLow).toBeCloseTo(64);
    expect(opportunities.neededHigh).toBeCloseTo(100);
    const sqls = planFromTarget(RATES, 1_000_000).find((s) => s.step === "sqls")!;
    expect(sqls.neededLow).toBeCloseTo(64);
    expect(sqls.neededHigh).toBeCloseTo(200);
  });

  it("reports a missing rate instead of dividing by it: that step and those above it are null", () => {
    const plan = planFromTarget({ ...RATES, mql_to_sql_rate: null, mql_to_sql_rate_low: null, mql_to_sql_rate_high: null }, 1_000_000);
    expect(plan.map((s) => [s.step, s.needed === null ? null : Math.round(s.needed), s.missing])).toEqual([
      ["leads", null, false],
      ["mqls", null, true],
      ["sqls", 100, false],
      ["opportunities", 80, false],
      ["won_deals", 40, false],
    ]);
  });

  it("treats a zero rate as missing: no division by zero, no Infinity", () => {
    const plan = planFromTarget({ ...RATES, win_rate: 0 }, 1_000_000);
    expect(plan.find((s) => s.step === "opportunities")).toMatchObject({ needed: null, missing: true, divisorValue: null });
    expect(plan.every((s) => s.needed === null || Number.isFinite(s.needed))).toBe(true);
  });

  it("scales with the target", () => {
    const leads = (target: number) => planFromTarget(RATES, target)[0]!.needed;
    expect(leads(2_000_000)! / leads(1_000_000)!).toBeCloseTo(2);
  });
});

describe("wholeNumber(value)", () => {
  it("rounds up to whole records, but not a floating-point hair above a whole number", () => {
    expect([wholeNumber(40.2), wholeNumber(40 + 1e-12), wholeNumber(40), wholeNumber(null)]).toEqual([41, 40, 40, null]);
  });
});
