/**
 * Opportunities: a deal is planned by the team that opens it (new-business.ts, customer-success.ts) and
 * played out here: whether it is won or lost and from which stage, when each stage change happens, its
 * history and competitors, the loss reason, its tasks, and the row as it stands at the cutoff.
 */
import { writeDealTasks } from "./activities.ts";
import { dealHistory, writeHistory, type HistoryEvent } from "./deal-history.ts";
import { pickReason, type LossReason } from "./loss-reasons.ts";
import { ownerAt, type User } from "./organisation.ts";
import { LOST_TO_COMPETITOR_SHARE, REASONS_DEAL_LOST, REASONS_RENEWAL_LOST, STAGES, STALLED_DEAL_SHARE, type CompetitorProfile } from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { DAY, formatDate, formatDateTime, timeAfter } from "./time.ts";
import type { DealPlan, DealResult } from "./types.ts";

/**
 * Play one deal out: which stage it reaches, when each change happens, close-date pushes and
 * amount changes; then write its history, competitors, tasks and the opportunity as it stands at the
 * cutoff.
 */
export function simulateDeal(sim: Simulation, plan: DealPlan): DealResult {
  const rng = sim.dealRng;
  const cutoff = sim.calendar.cutoff;
  const region = plan.account.region;
  const id = sim.ids.next("Opportunity");

  const wins = sim.decide(`win/${plan.decisionKey}`, plan.winProbability, rng);
  const lostAtPosition = wins ? -1 : lossPosition(sim, plan);
  const lastPosition = lostAtPosition >= 0 ? lostAtPosition : plan.stages.length - 1;

  // When the deal enters each stage it reaches, and when it closes.
  // Some deals stall in one stage (the buyer goes quiet) for several times its usual length: they slip
  // past their close date, collect pushes and age in the pipeline.
  const stalledPosition = plan.closeNear === undefined && rng.chance(STALLED_DEAL_SHARE) ? rng.int(0, lastPosition) : -1;
  const daysIn = (position: number) => plan.stageDays(position) * (position === stalledPosition ? rng.uniform(2.5, 6) : 1);
  const entries = [plan.createdAt];
  for (let position = 0; position < lastPosition; position++) {
    entries.push(timeAfter(entries[position] as number, daysIn(position), region, rng));
  }
  const lastEntry = entries[lastPosition] as number;
  let closedAt: number;
  if (plan.closeNear !== undefined && lostAtPosition < 0) closedAt = timeAfter(lastEntry, Math.max(1, (plan.closeNear - lastEntry) / DAY), region, rng);
  else closedAt = timeAfter(lastEntry, daysIn(lastPosition) * (lostAtPosition >= 0 ? rng.uniform(0.7, 1.8) : 1), region, rng);
  const outcome: DealResult["outcome"] = closedAt >= cutoff ? "open" : lostAtPosition >= 0 ? "lost" : "won";

  // Who owns it: the AE/CSM, or a colleague after they leave.
  const handover = plan.owner.leaveTime < Math.min(closedAt, cutoff) ? sim.assignee(plan.owner.role, plan.owner.leaveTime, region) : plan.owner;

  const events = dealHistory(sim, plan, entries, lastPosition, closedAt, lostAtPosition < 0, handover);
  const visible = events.filter((event) => event.time < cutoff);
  const final = visible[visible.length - 1] as HistoryEvent;
  writeHistory(sim, id, visible);

  const competitorRows = writeCompetitors(sim, id, plan, handover, outcome === "open" ? cutoff : closedAt);
  const lossReason = outcome === "lost" ? dealLossReason(sim, plan, competitorRows) : "";
  if (lossReason && plan.kind !== "Renewal") sim.engagements.recordLoss(plan.account, lossReason, closedAt);

  const owner = ownerAt(plan.owner, handover, Math.min(closedAt, cutoff - 1));
  writeOpportunity(sim, id, plan, visible, outcome, owner, lossReason);
  writeDealTasks(sim, id, plan, owner, closedAt, outcome);
  sim.tally.recordDeal(plan.kind, plan.account.tier, outcome, final);
  return { id, outcome, closedAt, amount: final.amount, lossReason };
}

/** The opportunity as it stands at the cutoff: the state of its last visible history event. */
function writeOpportunity(sim: Simulation, id: string, plan: DealPlan, visible: HistoryEvent[], outcome: DealResult["outcome"], owner: User, lossReason: string): void {
  const final = visible[visible.length - 1] as HistoryEvent;
  const stage = STAGES[final.stage] as (typeof STAGES)[number];
  let lastStageChangeAt = plan.createdAt;
  for (let i = 1; i < visible.length; i++) if (visible[i]?.stage !== visible[i - 1]?.stage) lastStageChangeAt = (visible[i] as HistoryEvent).time;
  const closeDate = new Date(final.closeDay * DAY * 1000);
  sim.writers.Opportunity.writeRow([
    id,
    "0",
    plan.account.id,
    plan.name,
    stage.name,
    final.amount,
    stage.probability,
    formatDate(final.closeDay * DAY),
    plan.kind,
    plan.leadSource,
    outcome === "open" ? "0" : "1",
    outcome === "won" ? "1" : "0",
    stage.forecastLabel,
    "USD",
    plan.campaignId,
    owner.id,
    plan.creator.id,
    formatDateTime(plan.createdAt),
    formatDateTime(final.time),
    formatDateTime(lastStageChangeAt),
    closeDate.getUTCFullYear(), // FiscalYear and FiscalQuarter: the calendar year
    Math.floor(closeDate.getUTCMonth() / 3) + 1,
    lossReason,
    "", // Competitor__c: competitors live in OpportunityCompetitor
  ]);
}

/**
 * The open stage a lost deal is lost from. Advancing from the stage at position i succeeds with chance
 * p^weight[i] (so the whole path succeeds with chance p); a lost deal stops at position k with chance
 * proportional to reaching k and failing there.
 */
function lossPosition(sim: Simulation, plan: DealPlan): number {
  const advance = plan.exitWeights.map((weight) => Math.pow(plan.winProbability, weight));
  let reach = 1;
  const weights = advance.map((a) => {
    const stopHere = reach * (1 - a);
    reach *= a;
    return stopHere;
  });
  return sim.dealRng.weighted(advance.map((_, position) => position), weights);
}

/** Competitor rows, named within two weeks of creation (and before the deal closes). */
function writeCompetitors(sim: Simulation, opportunityId: string, plan: DealPlan, handover: User, until: number): CompetitorProfile[] {
  const rng = sim.dealRng;
  const written: CompetitorProfile[] = [];
  let time = plan.createdAt;
  for (const competitor of plan.competitors) {
    time = Math.min(timeAfter(time, rng.uniform(1, 14), plan.account.region, rng), until - 60);
    if (time >= sim.calendar.cutoff || time <= plan.createdAt) continue;
    const by = ownerAt(plan.owner, handover, time).id;
    const at = formatDateTime(time);
    sim.writers.OpportunityCompetitor.writeRow([sim.ids.next("OpportunityCompetitor"), opportunityId, competitor.name, competitor.strengths, competitor.weaknesses, by, at, by, at, at, "0"]);
    written.push(competitor);
  }
  return written;
}

/** Why a lost deal was lost: renewals and other deals have their own reasons; a deal with a competitor on it is often lost to it. */
function dealLossReason(sim: Simulation, plan: DealPlan, competitors: CompetitorProfile[]): LossReason {
  const rng = sim.dealRng;
  if (plan.kind === "Renewal") return pickReason(rng, REASONS_RENEWAL_LOST);
  if (competitors.length > 0 && sim.decide("lost-to-competitor", LOST_TO_COMPETITOR_SHARE, rng)) return "Lost to competitor";
  return pickReason(rng, REASONS_DEAL_LOST);
}
