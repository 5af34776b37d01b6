/**
 * Types the sample generator's modules share, in a leaf module so that no module has to import back the
 * one that imports it: the deal types (planned in new-business.ts and customer-success.ts, played out in
 * deals.ts, written by deal-history.ts and activities.ts, counted by summary.ts) and SimulationCore, what
 * the simulation's own parts (Engagements) read from it. This file imports only types from modules that
 * import nothing of the simulation's steps, so the generator's import graph has no circle
 * (test/architecture.test.ts checks it).
 */
import type { Account, AccountHistory } from "./accounts.ts";
import type { Calendar } from "./calendar.ts";
import type { Campaign } from "./campaigns.ts";
import type { Writers } from "./export-format.ts";
import type { IdFactory } from "./ids.ts";
import type { LossReason } from "./loss-reasons.ts";
import type { Role, User, Users } from "./organisation.ts";
import type { CompetitorProfile, Region } from "./parameters.ts";
import type { Random } from "./random.ts";

/** The opportunity Types the sample writes. */
export type DealKind = "New Business" | "Renewal" | "Upsell";

/** The outcome of an opportunity as far as it matters to what follows it. */
export interface DealResult {
  id: string;
  outcome: "won" | "lost" | "open";
  closedAt: number;
  amount: number;
  lossReason: LossReason | "";
}

/** How a deal is set up when it is opened; simulateDeal plays it out. */
export interface DealPlan {
  kind: DealKind;
  /** Which steady win decision the deal draws from (deals of one kind and channel share one). */
  decisionKey: string;
  account: Account;
  name: string;
  createdAt: number;
  creator: User;
  owner: User;
  leadSource: string;
  campaignId: string;
  amount: number;
  winProbability: number;
  /** Open stages the deal passes through, as indexes into STAGES. */
  stages: readonly number[];
  exitWeights: readonly number[];
  /** Days spent in the open stage at `position` of `stages`. */
  stageDays: (position: number) => number;
  /** The expected close date set at creation (a day number). */
  expectedCloseDay: number;
  /** When set, the deal closes near this instant (renewals close at the contract's end). */
  closeNear?: number;
  competitors: readonly CompetitorProfile[];
}

/**
 * The simulation's state without the parts it builds from it (engagements, tally): what Engagements reads
 * while the Simulation (simulation.ts) that implements it is being constructed. The steps take the
 * Simulation itself; simulation.ts imports none of them.
 */
export interface SimulationCore {
  readonly leadRng: Random;
  readonly personRng: Random;
  readonly dealRng: Random;
  readonly taskRng: Random;
  readonly calendar: Calendar;
  readonly ids: IdFactory;
  readonly users: Users;
  readonly accounts: Account[];
  readonly campaigns: Campaign[];
  readonly writers: Writers;
  readonly history: AccountHistory;
  decide(decision: string, probability: number, rng?: Random): boolean;
  assignee(role: Role, time: number, region: Region): User;
}
