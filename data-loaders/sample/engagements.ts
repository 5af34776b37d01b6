/**
 * How accounts engage over time. Leads come from accounts in bursts (colleagues at one webinar, the
 * contacts of one outbound sequence), a few months apart per account. A loss is remembered for a while
 * (leads soon after it rarely qualify), and a "Revisit in N months" loss is queued for inside sales to
 * re-approach when it comes due.
 */
import type { Account } from "./accounts.ts";
import { revisitMonths, type LossReason } from "./loss-reasons.ts";
import { MinHeap } from "./min-heap.ts";
import { ENGAGEMENT_OPEN_DAYS, FUNNEL, REAPPROACH_SOURCE, SOON_AFTER_LOSS_DAYS, SOURCE_PROFILES, TIER_PROFILES, type Channel } from "./parameters.ts";
import { weightedPicker, type Random } from "./random.ts";
import { DAY, MONTH_DAYS } from "./time.ts";
import type { SimulationCore } from "./types.ts";

/** A burst of leads from one account (see Engagements.engagementFor). */
export interface Engagement {
  account: Account;
  channel: Channel;
  source: { source: string; intent: number };
  firstDay: number;
  /** Leads still to come in this burst. */
  remaining: number;
  /** Inside sales calling back a "Revisit in N months" account. */
  reapproach: boolean;
}

/** A "Revisit in N months" loss that inside sales will re-approach when it comes due. */
export interface Reapproach {
  due: number;
  account: number;
  lostAt: number;
}

/** The bursts under way, the re-approach queue and each account's recent losses. */
export class Engagements {
  private readonly pickInboundAccount: (rng: Random) => Account;
  private readonly pickOutboundAccount: (rng: Random) => Account;
  private readonly reapproachQueue = new MinHeap<Reapproach>((a, b) => a.due - b.due);
  private readonly openEngagements: Engagement[] = [];
  /** Per account, the times of its recent losses (lost deals, disqualified leads). */
  private readonly recentLosses: Array<number[] | undefined>;

  constructor(private readonly sim: SimulationCore) {
    const accounts = sim.accounts;
    // Accounts are drawn per burst: a tier with bigger bursts is drawn less often for the same lead volume.
    const perBurst = (a: Account, weight: number) => weight / TIER_PROFILES[a.tier].engagementSize;
    this.pickInboundAccount = weightedPicker(accounts, accounts.map((a) => perBurst(a, a.inboundWeight)));
    this.pickOutboundAccount = weightedPicker(accounts, accounts.map((a) => perBurst(a, a.outboundWeight)));
    this.recentLosses = new Array<number[] | undefined>(accounts.length).fill(undefined);
  }

  /**
   * The engagement a new lead belongs to. Leads come from accounts in bursts: colleagues who attend the
   * same webinar, the contacts of one outbound sequence. A burst stays open for a week; a lead joins an
   * open burst of its channel, or starts a new one: a re-approach that has come due (outbound), or an
   * account drawn by its lead volume. Between bursts an account is quiet, so a loss is followed by a
   * comeback weeks or months later, not by the next lead the same day.
   */
  engagementFor(channel: Channel, day: number): Engagement {
    const open = this.openEngagements;
    for (let i = 0; i < open.length; i++) {
      const engagement = open[i] as Engagement;
      if (engagement.remaining <= 0 || day - engagement.firstDay > ENGAGEMENT_OPEN_DAYS) {
        open.splice(i--, 1);
      } else if (engagement.channel === channel) {
        engagement.remaining--;
        return engagement;
      }
    }
    const rng = this.sim.leadRng;
    const reapproach = channel === "outbound" ? this.takeDueReapproach(day) : undefined;
    const account = reapproach ? (this.sim.accounts[reapproach.account] as Account) : channel === "inbound" ? this.pickInboundAccount(rng) : this.pickOutboundAccount(rng);
    const profiles = SOURCE_PROFILES[channel];
    const engagement: Engagement = {
      account,
      channel,
      source: reapproach ? REAPPROACH_SOURCE : rng.weighted(profiles, profiles.map((p) => p.weight)),
      firstDay: day,
      remaining: reapproach ? rng.poisson(0.5) : rng.poisson(TIER_PROFILES[account.tier].engagementSize - 1),
      reapproach: reapproach !== undefined,
    };
    if (engagement.remaining > 0) open.push(engagement);
    return engagement;
  }

  /** Whether the account lost a deal or disqualified a lead within SOON_AFTER_LOSS_DAYS before `time`. */
  lostRecently(account: Account, time: number): boolean {
    const losses = this.recentLosses[account.index];
    if (!losses) return false;
    // Leads arrive in time order, so losses older than the window will never count again: drop them.
    let kept = 0;
    let recent = false;
    for (const lostAt of losses) {
      if (lostAt < time - SOON_AFTER_LOSS_DAYS * DAY) continue;
      losses[kept++] = lostAt;
      if (lostAt < time) recent = true;
    }
    losses.length = kept;
    return recent;
  }

  /** The next due re-approach whose account has not come back on its own since the loss. */
  private takeDueReapproach(day: number): Reapproach | undefined {
    const endOfDay = (day + 1) * DAY;
    for (let next = this.reapproachQueue.peek(); next && next.due < endOfDay; next = this.reapproachQueue.peek()) {
      this.reapproachQueue.pop();
      const cameBack = (this.sim.history.lastLeadAt[next.account] as number) > next.lostAt;
      const missed = endOfDay - next.due > 45 * DAY;
      if (!cameBack && !missed) return next;
    }
    return undefined;
  }

  /** A lost deal or disqualified lead: remembered for a while, and queued for a re-approach if the customer asked to revisit. */
  recordLoss(account: Account, reason: LossReason | "", lostAt: number): void {
    const losses = this.recentLosses[account.index];
    if (losses) losses.push(lostAt);
    else this.recentLosses[account.index] = [lostAt];
    const months = revisitMonths(reason);
    if (months === 0 || !this.sim.decide("reapproach", FUNNEL.reapproachShare)) return;
    const due = lostAt + months * MONTH_DAYS * DAY * this.sim.leadRng.uniform(0.92, 1.12);
    if (due < this.sim.calendar.cutoff) this.reapproachQueue.push({ due, account: account.index, lostAt });
  }
}
