/**
 * New business: the opportunity a converted lead becomes. Field sales (an AE, fewer to AEs still ramping)
 * takes it over; its win probability combines the channel, the account's tier, the competitors on the
 * deal, the AE's ramp and skill. A win hands the account to customer success.
 */
import type { Account } from "./accounts.ts";
import type { Campaign } from "./campaigns.ts";
import { onWon } from "./customer-success.ts";
import { simulateDeal } from "./deals.ts";
import { EMPTY_LOOKUP } from "./export-format.ts";
import type { LeadJourney } from "./lead-journey.ts";
import { clamp, roundTo } from "./numbers.ts";
import { rampProgress } from "./organisation.ts";
import {
  COMPETITOR_SHARE,
  COMPETITORS,
  FUNNEL,
  NEW_BUSINESS_EXIT_WEIGHTS,
  NO_COMPETITOR_WIN,
  RAMP,
  SECOND_COMPETITOR_SHARE,
  STAGE_DAYS,
  TIER_PROFILES,
  type Channel,
  type CompetitorProfile,
} from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { dayOf, endOfMonth } from "./time.ts";
import type { DealResult } from "./types.ts";

/** The new-business opportunity of a lead converted at `journey.convertedAt`, played out (deals.ts). */
export function createNewBusiness(sim: Simulation, account: Account, journey: LeadJourney, source: string, campaign: Campaign | undefined, channel: Channel): DealResult {
  const rng = sim.dealRng;
  const tier = TIER_PROFILES[account.tier];
  const createdAt = journey.convertedAt;
  const owner = sim.assignee("ae", createdAt, account.region);
  const competitors = drawCompetitors(sim);
  const competitorFactor = competitors.length === 0 ? NO_COMPETITOR_WIN : competitors.reduce((f, c) => f * c.win, 1);
  const rampFactor = RAMP.startingWinFactor + (1 - RAMP.startingWinFactor) * rampProgress(owner, createdAt);
  const winProbability = clamp(FUNNEL[channel].win * tier.win * competitorFactor * rampFactor * owner.skill, 0.01, 0.92);
  // Reps forecast optimistically: the first close date is shorter than the typical cycle.
  const expectedDays = STAGE_DAYS.reduce((sum, s) => sum + s.min + s.mean, 0) * tier.cycle * rng.uniform(0.6, 1.0);
  const result = simulateDeal(sim, {
    kind: "New Business",
    decisionKey: `New Business/${channel}`,
    account,
    name: `${account.name} - New Business`,
    createdAt,
    creator: journey.salesOwner,
    owner,
    leadSource: source,
    campaignId: campaign?.id ?? EMPTY_LOOKUP,
    amount: roundTo(rng.lognormal(tier.dealMedian, 0.55), 3),
    winProbability,
    stages: [0, 1, 2, 3],
    exitWeights: NEW_BUSINESS_EXIT_WEIGHTS,
    stageDays: (position) => {
      const stage = STAGE_DAYS[position] as { min: number; mean: number };
      return (stage.min + rng.exponential(stage.mean)) * tier.cycle;
    },
    expectedCloseDay: endOfMonth(dayOf(createdAt) + Math.round(expectedDays)),
    competitors,
  });
  sim.history.owner[account.index] = owner.leaveTime < sim.calendar.cutoff ? sim.assignee("ae", owner.leaveTime, account.region) : owner;
  if (result.outcome === "won") onWon(sim, account, result);
  return result;
}

/** The competitors named on a new deal: none, one or (now and then) two, each by how often it is met. */
function drawCompetitors(sim: Simulation): CompetitorProfile[] {
  const rng = sim.dealRng;
  if (!sim.decide("competitor", COMPETITOR_SHARE, rng)) return [];
  const weights = COMPETITORS.map((c) => c.weight);
  const first = rng.weighted(COMPETITORS, weights);
  if (!rng.chance(SECOND_COMPETITOR_SHARE)) return [first];
  const others = COMPETITORS.filter((c) => c !== first);
  return [first, rng.weighted(others, others.map((c) => c.weight))];
}
