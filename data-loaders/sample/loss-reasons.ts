/**
 * Why a lead was disqualified or a deal lost (Loss_Reason__c). "Revisit in N months" is a promise: inside
 * sales re-approaches some of those accounts when the N months have passed (engagements.ts). The weights
 * per situation are model parameters (REASONS_* in parameters.ts).
 */
import type { Random } from "./random.ts";

/** The Loss_Reason__c values. */
export const LOSS_REASONS = [
  "Unreachable",
  "Revisit in 3 months",
  "Revisit in 6 months",
  "Revisit in 12 months",
  "No budget",
  "No need",
  "Lost to competitor",
] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

/** A reason drawn by weight. */
export function pickReason(rng: Random, weights: Partial<Record<LossReason, number>>): LossReason {
  const reasons = Object.keys(weights) as LossReason[];
  return rng.weighted(reasons, reasons.map((r) => weights[r] ?? 0));
}

/** N for "Revisit in N months", 0 for other reasons. */
export function revisitMonths(reason: string): number {
  const match = /^Revisit in (\d+) months$/.exec(reason);
  return match ? Number(match[1]) : 0;
}
