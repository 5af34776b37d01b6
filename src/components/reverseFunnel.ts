/**
 * The reverse funnel (목표 매출 역산): a bookings target planned back, step by step, to the leads it
 * needs, with mart_plan's trailing rates (METRICS.md "Reverse funnel"). The arithmetic is the mart
 * header's, done in the browser because the target is typed in by the reader; which rate is a low
 * sample is the mart's (its `<n>_low_sample` columns), and the date leads must come in by is
 * mart_plan_deadlines'.
 */

/** The columns of one mart_plan row that the plan reads. */
export interface PlanRates {
  channel: string;
  average_won_deal_size: number | null;
  won_deals: number;
  win_rate: number | null;
  win_rate_low: number | null;
  win_rate_high: number | null;
  closed_deals: number;
  sql_to_opportunity_rate: number | null;
  sql_to_opportunity_rate_low: number | null;
  sql_to_opportunity_rate_high: number | null;
  sqls: number | null;
  mql_to_sql_rate: number | null;
  mql_to_sql_rate_low: number | null;
  mql_to_sql_rate_high: number | null;
  mqls: number | null;
  lead_to_mql_rate: number | null;
  lead_to_mql_rate_low: number | null;
  lead_to_mql_rate_high: number | null;
  leads: number | null;
  median_cycle_days_lead_to_won: number | null;
  cycle_deals: number;
  /** Each divisor's n (won_deals, closed_deals, sqls, mqls, leads) below config `minimumSample` (mart_plan). */
  won_deals_low_sample: boolean;
  closed_deals_low_sample: boolean;
  sqls_low_sample: boolean;
  mqls_low_sample: boolean;
  leads_low_sample: boolean;
  note: string | null;
}

export type PlanStepKey = "leads" | "mqls" | "sqls" | "opportunities" | "won_deals";

export interface PlanStep {
  step: PlanStepKey;
  /** The funnel step (config_funnel_step) this count belongs to, for its label and team. */
  funnelStep: "lead" | "mql" | "sql" | "opportunity" | "won";
  /** How many are needed; null when a rate on the way is missing. */
  needed: number | null;
  /**
   * The range of `needed` if every rate used so far sat at its 95% interval bound (high rates need the
   * fewest); null where a bound is missing.
   */
  neededLow: number | null;
  neededHigh: number | null;
  /** The figure this step was divided by: the average won deal for won deals, else a conversion rate. */
  divisor: "average_won_deal_size" | "win_rate" | "sql_to_opportunity_rate" | "mql_to_sql_rate" | "lead_to_mql_rate";
  divisorValue: number | null;
  /** The divisor's n (won deals for the average deal size, else the rate's denominator). */
  n: number | null;
  /** The divisor rests on fewer records than config `minimumSample` (mart_plan's `<n>_low_sample`, n being the divisor's n column). */
  lowSample: boolean;
  /** The divisor is missing or zero: this step and every one above it cannot be computed. */
  missing: boolean;
}

/** Steps from the target down to leads; each divides the one before it. */
const CHAIN = [
  { step: "won_deals", funnelStep: "won", divisor: "average_won_deal_size", n: "won_deals" },
  { step: "opportunities", funnelStep: "opportunity", divisor: "win_rate", n: "closed_deals" },
  { step: "sqls", funnelStep: "sql", divisor: "sql_to_opportunity_rate", n: "sqls" },
  { step: "mqls", funnelStep: "mql", divisor: "mql_to_sql_rate", n: "mqls" },
  { step: "leads", funnelStep: "lead", divisor: "lead_to_mql_rate", n: "leads" },
] as const;

/**
 * Plan a bookings target back to leads. Returns the steps top-down (leads first, won deals last), as
 * the funnel reads. A missing (null) or zero divisor is reported, never divided by: that step and the
 * ones above it get `needed: null`.
 * @example planFromTarget(rates, 1_000_000).at(-1) // {step: "won_deals", needed: 40, …} with a $25K average deal
 */
export function planFromTarget(rates: PlanRates, target: number): PlanStep[] {
  const steps: PlanStep[] = [];
  let needed: number | null = Number.isFinite(target) && target >= 0 ? target : null;
  let neededLow: number | null = needed;
  let neededHigh: number | null = needed;
  let broken = needed === null;
  for (const link of CHAIN) {
    const value = rates[link.divisor] as number | null;
    const n = (rates[link.n] as number | null) ?? null;
    const missing = value === null || value === undefined || !(value > 0);
    broken = broken || missing;
    if (link.divisor === "average_won_deal_size") {
      // The mart gives no interval for the average deal size: the range starts at won deals.
      needed = broken ? null : needed! / value!;
      neededLow = needed;
      neededHigh = needed;
    } else {
      const low = rates[`${link.divisor}_low`] as number | null;
      const high = rates[`${link.divisor}_high`] as number | null;
      needed = broken ? null : needed! / value!;
      neededLow = broken || neededLow === null || !(high! > 0) ? null : neededLow / high!;
      neededHigh = broken || neededHigh === null || !(low! > 0) ? null : neededHigh / low!;
    }
    steps.push({
      step: link.step,
      funnelStep: link.funnelStep,
      needed,
      neededLow,
      neededHigh,
      divisor: link.divisor,
      divisorValue: missing ? null : value,
      n,
      lowSample: !missing && rates[`${link.n}_low_sample`] === true,
      missing,
    });
  }
  return steps.reverse();
}

/** Whole records needed: a part of a deal is a deal. */
export function wholeNumber(value: number | null): number | null {
  // A tolerance so that 40.0000000001 (floating point) does not become 41.
  return value === null ? null : Math.ceil(value - 1e-9);
}
