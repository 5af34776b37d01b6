/**
 * The headline numbers of a generated sample: counted while it is generated, reported by generateSample
 * and printed by scripts/generate-sample.ts (docs/sample-data.md has the measured values).
 */
import type { Calendar } from "./calendar.ts";
import { TIERS, type Channel, type Tier } from "./parameters.ts";
import { DAY, dayOf, formatDate } from "./time.ts";
import type { DealKind, DealResult } from "./types.ts";

/** A rate with its numerator and denominator. */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number;
}

/** The story the sample tells, in numbers. */
export interface SampleHeadline {
  /** Leads created before this date (six months before asOf) form the conversion cohort. */
  cohortCreatedBefore: string;
  /** Share of all leads that are outbound. */
  outboundShare: number;
  /** Inbound leads of the cohort whose converted opportunity is Closed Won. */
  inboundLeadToWon: Rate;
  /** Outbound leads of the cohort whose converted opportunity is Closed Won. */
  outboundLeadToWon: Rate;
  /** Closed new-business opportunities: won ÷ (won + lost). */
  newBusinessWinRate: Rate;
  /** Closed renewal opportunities: won ÷ (won + lost). */
  renewalRate: Rate;
  /** Won amount (all opportunity types) per account tier, and the tier's share of it. */
  bookingsByTier: Record<Tier, { amount: number; share: number }>;
  /** Open opportunities at asOf, and how many of them are past their close date. */
  openOpportunities: number;
  openPastCloseDate: number;
}

/** Counts leads and deals as the simulation writes them. */
export class SummaryTally {
  private leadCount = 0;
  private outboundLeads = 0;
  private readonly cohort = { inbound: { won: 0, leads: 0 }, outbound: { won: 0, leads: 0 } };
  private readonly closedDeals: Record<DealKind, [number, number]> = { "New Business": [0, 0], Renewal: [0, 0], Upsell: [0, 0] };
  private readonly bookings: Record<Tier, number> = { A: 0, B: 0, C: 0 };
  private openDeals = 0;
  private openPastClose = 0;

  constructor(private readonly calendar: Calendar) {}

  /** A lead of `channel` created at `createdAt`; `won` if its new-business opportunity is Closed Won. */
  recordLead(channel: Channel, createdAt: number, won: boolean): void {
    this.leadCount++;
    if (channel === "outbound") this.outboundLeads++;
    if (dayOf(createdAt) < this.calendar.cohortEndDay) {
      const tally = this.cohort[channel];
      tally.leads++;
      if (won) tally.won++;
    }
  }

  /** An opportunity as it stands at the cutoff: its final amount and close date. */
  recordDeal(kind: DealKind, tier: Tier, outcome: DealResult["outcome"], final: { amount: number; closeDay: number }): void {
    if (outcome === "open") {
      this.openDeals++;
      if (final.closeDay < this.calendar.lastDay) this.openPastClose++;
      return;
    }
    const tally = this.closedDeals[kind];
    if (outcome === "won") {
      tally[0]++;
      this.bookings[tier] += final.amount;
    } else tally[1]++;
  }

  /** The headline numbers counted so far. */
  headline(): SampleHeadline {
    const rate = ([numerator, denominator]: readonly number[]): Rate => ({
      numerator: numerator ?? 0,
      denominator: denominator ?? 0,
      rate: denominator ? (numerator ?? 0) / denominator : 0,
    });
    const won = (kind: DealKind) => rate([this.closedDeals[kind][0], this.closedDeals[kind][0] + this.closedDeals[kind][1]]);
    const totalBookings = TIERS.reduce((sum, tier) => sum + this.bookings[tier], 0);
    const bookingsByTier = Object.fromEntries(
      TIERS.map((tier) => [tier, { amount: this.bookings[tier], share: totalBookings ? this.bookings[tier] / totalBookings : 0 }]),
    ) as Record<Tier, { amount: number; share: number }>;
    return {
      cohortCreatedBefore: formatDate(this.calendar.cohortEndDay * DAY),
      outboundShare: this.leadCount ? this.outboundLeads / this.leadCount : 0,
      inboundLeadToWon: rate([this.cohort.inbound.won, this.cohort.inbound.leads]),
      outboundLeadToWon: rate([this.cohort.outbound.won, this.cohort.outbound.leads]),
      newBusinessWinRate: won("New Business"),
      renewalRate: won("Renewal"),
      bookingsByTier,
      openOpportunities: this.openDeals,
      openPastCloseDate: this.openPastClose,
    };
  }
}
