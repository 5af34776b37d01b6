/**
 * Customer success: after a won deal, the account has a CSM, who opens a renewal about eleven months
 * after the close (each won renewal brings the next one) and, for some customers, an upsell.
 */
import type { Account } from "./accounts.ts";
import { simulateDeal } from "./deals.ts";
import { EMPTY_LOOKUP } from "./export-format.ts";
import { clamp, roundTo } from "./numbers.ts";
import { isActiveAt, type User } from "./organisation.ts";
import { FUNNEL, NEW_BUSINESS_EXIT_WEIGHTS, RENEWAL_EXIT_WEIGHTS, STAGE_DAYS, TIER_PROFILES } from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { DAY, dayOf, endOfMonth, officeTime } from "./time.ts";
import type { DealResult } from "./types.ts";

/** A won deal makes a customer: customer success renews it about eleven months later and may upsell. */
export function onWon(sim: Simulation, account: Account, won: DealResult): void {
  const rng = sim.dealRng;
  const i = account.index;
  sim.history.firstWonAt[i] = Math.min(sim.history.firstWonAt[i] as number, won.closedAt);
  let csm = sim.history.csm[i];
  if (!csm || !isActiveAt(csm, won.closedAt)) csm = sim.assignee("csm", won.closedAt, account.region);
  sim.history.csm[i] = csm;
  createRenewal(sim, account, won, csm);
  if (sim.decide("upsell", TIER_PROFILES[account.tier].upsell, rng)) createUpsell(sim, account, won, csm);
}

/** The renewal of a won deal: opened by the CSM some 320–340 days after the close, closing at the contract's end; a won renewal brings the next one. */
function createRenewal(sim: Simulation, account: Account, won: DealResult, csm: User): void {
  const rng = sim.dealRng;
  const contractEnd = won.closedAt + 365 * DAY;
  const createdAt = officeTime(dayOf(won.closedAt) + rng.int(320, 340), account.region, rng);
  if (createdAt >= sim.calendar.cutoff) return;
  const owner = isActiveAt(csm, createdAt) ? csm : sim.assignee("csm", createdAt, account.region);
  const result = simulateDeal(sim, {
    kind: "Renewal",
    decisionKey: "Renewal",
    account,
    name: `${account.name} - Renewal ${new Date(contractEnd * 1000).getUTCFullYear()}`,
    createdAt,
    creator: owner,
    owner,
    leadSource: "",
    campaignId: EMPTY_LOOKUP,
    amount: roundTo(won.amount * rng.lognormal(1.04, 0.05), 3),
    winProbability: TIER_PROFILES[account.tier].renewal,
    stages: [0, 2, 3],
    exitWeights: RENEWAL_EXIT_WEIGHTS,
    stageDays: (position) => (position === 0 ? rng.uniform(5, 15) : rng.uniform(7, 15)),
    expectedCloseDay: dayOf(contractEnd),
    closeNear: contractEnd + rng.normal(0, 6) * DAY,
    competitors: [],
  });
  if (result.outcome === "won") createRenewal(sim, account, result, owner);
}

/** An upsell, opened 4–11 months after the win. */
function createUpsell(sim: Simulation, account: Account, won: DealResult, csm: User): void {
  const rng = sim.dealRng;
  const tier = TIER_PROFILES[account.tier];
  const createdAt = officeTime(dayOf(won.closedAt) + rng.int(120, 330), account.region, rng);
  if (createdAt >= sim.calendar.cutoff) return;
  const owner = isActiveAt(csm, createdAt) ? csm : sim.assignee("csm", createdAt, account.region);
  simulateDeal(sim, {
    kind: "Upsell",
    decisionKey: "Upsell",
    account,
    name: `${account.name} - Upsell`,
    createdAt,
    creator: owner,
    owner,
    leadSource: rng.chance(0.6) ? "Existing Customer" : "",
    campaignId: EMPTY_LOOKUP,
    amount: roundTo(won.amount * rng.lognormal(0.35, 0.3), 3),
    winProbability: clamp(FUNNEL.upsellWin * tier.win, 0.05, 0.9),
    stages: [0, 1, 2, 3],
    exitWeights: NEW_BUSINESS_EXIT_WEIGHTS,
    stageDays: (position) => ((STAGE_DAYS[position]?.min ?? 3) + rng.exponential(STAGE_DAYS[position]?.mean ?? 10)) * 0.7,
    expectedCloseDay: endOfMonth(dayOf(createdAt) + 45),
    competitors: [],
  });
}
