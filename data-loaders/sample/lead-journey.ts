/**
 * A lead's journey through the funnel, drawn at once when the lead is created: when it is contacted,
 * qualified (MQL, SQL), converted or disqualified, and by whom. Inbound leads pass through marketing;
 * outbound leads are a BDR's from the start. Every instant may lie beyond the cutoff: then it has not
 * happened yet.
 */
import type { Account } from "./accounts.ts";
import { pickReason, type LossReason } from "./loss-reasons.ts";
import type { User } from "./organisation.ts";
import { FUNNEL, REASONS_LEAD_AFTER_QUALIFICATION, REASONS_LEAD_UNQUALIFIED, TIER_PROFILES, type Channel, type Region } from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { timeAfter } from "./time.ts";

/** What happens to a lead; every instant may lie beyond the cutoff (then it has not happened yet). */
export interface LeadJourney {
  touchedAt: number;
  mqlAt: number;
  sqlAt: number;
  convertedAt: number;
  disqualifiedAt: number;
  lossReason: LossReason | "";
  /** Owner before the MQL (a marketer for inbound leads), and the SDR/BDR who works it. */
  firstOwner: User;
  salesOwner: User;
}

/** Draw a lead's future: when it is worked, qualified, converted or disqualified, and by whom. */
export function planJourney(sim: Simulation, channel: Channel, intent: number, account: Account, createdAt: number): LeadJourney {
  const journey: LeadJourney = {
    touchedAt: Infinity,
    mqlAt: Infinity,
    sqlAt: Infinity,
    convertedAt: Infinity,
    disqualifiedAt: Infinity,
    lossReason: "",
    firstOwner: sim.users.insideSalesManager,
    salesOwner: sim.users.insideSalesManager,
  };
  if (channel === "inbound") planInboundJourney(sim, journey, intent, account, createdAt);
  else planOutboundJourney(sim, journey, intent, account, createdAt);
  return journey;
}

/** Marketing owns the lead until it is an MQL; then an SDR works it, qualifies it (SQL) and converts it. */
function planInboundJourney(sim: Simulation, journey: LeadJourney, intent: number, account: Account, createdAt: number): void {
  const rng = sim.leadRng;
  const funnel = FUNNEL.inbound;
  const region = account.region;
  const qualifies = Math.sqrt(intent) * TIER_PROFILES[account.tier].qualify;
  journey.firstOwner = sim.assignee("marketer", createdAt, region);
  if (rng.chance(funnel.touched)) journey.touchedAt = timeAfter(createdAt, rng.exponential(1.5), region, rng);
  if (!sim.decide("inbound/mql", Math.min(0.95, funnel.mql * qualifies))) {
    if (journey.touchedAt < Infinity && rng.chance(FUNNEL.disqualifyUnqualifiedInbound)) {
      disqualify(sim, journey, timeAfter(journey.touchedAt, rng.uniform(20, 60), region, rng), REASONS_LEAD_UNQUALIFIED.inbound);
    }
    return;
  }
  // A demo request is an MQL within the day; other sources after a few days of nurture.
  journey.mqlAt = timeAfter(createdAt, intent > 1.2 ? rng.uniform(0.05, 1) : 0.2 + rng.exponential(4), region, rng);
  journey.touchedAt = Math.min(journey.touchedAt, journey.mqlAt);
  journey.salesOwner = sim.assignee("sdr", journey.mqlAt, region);
  if (!sim.decide("inbound/sql", Math.min(0.95, funnel.sqlGivenMql * qualifies))) {
    if (rng.chance(FUNNEL.disqualifyAfterMql)) {
      disqualify(sim, journey, timeAfter(journey.mqlAt, rng.uniform(7, 45), region, rng), REASONS_LEAD_AFTER_QUALIFICATION);
    }
    return;
  }
  journey.sqlAt = timeAfter(journey.mqlAt, 0.5 + rng.exponential(6), region, rng);
  planConversion(sim, journey, "inbound", funnel.convertGivenSql, region);
}

/** A BDR owns the lead from the start. Outbound leads skip marketing: the BDR's qualification is both the MQL and the SQL. */
function planOutboundJourney(sim: Simulation, journey: LeadJourney, intent: number, account: Account, createdAt: number): void {
  const rng = sim.leadRng;
  const funnel = FUNNEL.outbound;
  const region = account.region;
  journey.firstOwner = journey.salesOwner = sim.assignee("bdr", createdAt, region);
  // Part of a purchased list is never worked at all.
  if (!rng.chance(funnel.touched * Math.min(1, intent + 0.2))) return;
  journey.touchedAt = timeAfter(createdAt, rng.exponential(2), region, rng);
  if (!sim.decide("outbound/sql", Math.min(0.9, funnel.qualified * intent * TIER_PROFILES[account.tier].qualify))) {
    if (rng.chance(FUNNEL.disqualifyUnqualifiedOutbound)) {
      disqualify(sim, journey, timeAfter(journey.touchedAt, rng.uniform(20, 70), region, rng), REASONS_LEAD_UNQUALIFIED.outbound);
    }
    return;
  }
  journey.mqlAt = journey.sqlAt = timeAfter(journey.touchedAt, rng.uniform(3, 45), region, rng);
  planConversion(sim, journey, "outbound", funnel.convertGivenSql, region);
}

/** An SQL is converted into an opportunity within days, or disqualified after a few weeks. */
function planConversion(sim: Simulation, journey: LeadJourney, channel: Channel, chance: number, region: Region): void {
  const rng = sim.leadRng;
  if (sim.decide(`${channel}/convert`, chance)) journey.convertedAt = timeAfter(journey.sqlAt, rng.exponential(2), region, rng);
  else disqualify(sim, journey, timeAfter(journey.sqlAt, rng.uniform(10, 40), region, rng), REASONS_LEAD_AFTER_QUALIFICATION);
}

/** Close the lead as not converted at `at`, with a reason drawn from `reasons`. */
function disqualify(sim: Simulation, journey: LeadJourney, at: number, reasons: Partial<Record<LossReason, number>>): void {
  journey.disqualifiedAt = at;
  journey.lossReason = pickReason(sim.leadRng, reasons);
}

/** The status a lead has at the cutoff, and the time of its last change. */
export function leadStatusAtCutoff(sim: Simulation, journey: LeadJourney, createdAt: number): { status: string; changedAt: number } {
  const cutoff = sim.calendar.cutoff;
  if (journey.convertedAt < cutoff) return { status: "Closed - Converted", changedAt: journey.convertedAt };
  if (journey.disqualifiedAt < cutoff) return { status: "Closed - Not Converted", changedAt: journey.disqualifiedAt };
  if (journey.sqlAt < cutoff) return { status: "Sales Qualified", changedAt: journey.sqlAt };
  if (journey.mqlAt < cutoff) return { status: "Marketing Qualified", changedAt: journey.mqlAt };
  if (journey.touchedAt < cutoff) return { status: "Working - Contacted", changedAt: journey.touchedAt };
  return { status: "Open - Not Contacted", changedAt: createdAt };
}
