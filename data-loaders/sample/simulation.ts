/**
 * The simulation's shared state: leads in time order, each with its whole future, written as it stands at
 * asOf. A Simulation holds what its steps share (the random streams, calendar, ids, people, accounts,
 * campaigns, output files and what has been recorded so far); the steps are functions that take it
 * first: createLead (leads.ts) → lead-journey.ts, new-business.ts → deals.ts and deal-history.ts →
 * customer-success.ts, with tasks from activities.ts. This module imports none of the steps, and its own
 * parts (engagements.ts, summary.ts) take their types from types.ts, so no import leads back here.
 */
import { AccountHistory, type Account } from "./accounts.ts";
import type { Calendar } from "./calendar.ts";
import type { Campaign } from "./campaigns.ts";
import { Engagements } from "./engagements.ts";
import type { Writers } from "./export-format.ts";
import type { IdFactory } from "./ids.ts";
import { assignee, type Role, type User, type Users } from "./organisation.ts";
import type { Region } from "./parameters.ts";
import { SteadyChance, type Random } from "./random.ts";
import { SummaryTally } from "./summary.ts";
import type { SimulationCore } from "./types.ts";

export interface SimulationInputs {
  rng: Random;
  calendar: Calendar;
  ids: IdFactory;
  users: Users;
  accounts: Account[];
  campaigns: Campaign[];
  writers: Writers;
}

/** The state shared by the simulation's steps. */
export class Simulation implements SimulationCore {
  /**
   * One stream per concern, so that a change in how often one part draws does not shift the others. The
   * leads stream also serves engagements, losses and every assignment of a rep (assignee).
   */
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
  /** What has happened to each account so far. */
  readonly history: AccountHistory;
  /** Bursts of leads per account, recent losses and the re-approach queue. */
  readonly engagements: Engagements;
  /** Counts for the summary. */
  readonly tally: SummaryTally;
  private readonly steadyChances = new Map<string, SteadyChance>();

  constructor(inputs: SimulationInputs) {
    this.leadRng = inputs.rng.fork("leads");
    this.personRng = inputs.rng.fork("people");
    this.dealRng = inputs.rng.fork("deals");
    this.taskRng = inputs.rng.fork("tasks");
    this.calendar = inputs.calendar;
    this.ids = inputs.ids;
    this.users = inputs.users;
    this.accounts = inputs.accounts;
    this.campaigns = inputs.campaigns;
    this.writers = inputs.writers;
    this.history = new AccountHistory(inputs.accounts.length);
    this.tally = new SummaryTally(inputs.calendar);
    this.engagements = new Engagements(this); // last: it reads the accounts
  }

  /**
   * A funnel decision (qualify, convert, win, …) drawn so that its rate over all records steadily follows
   * the records' probabilities (see SteadyChance): the story's rates do not drift with the seed.
   */
  decide(decision: string, probability: number, rng: Random = this.leadRng): boolean {
    let chance = this.steadyChances.get(decision);
    if (!chance) this.steadyChances.set(decision, (chance = new SteadyChance(rng)));
    return chance.draw(probability);
  }

  /** A member of `role` active at `time`, preferring `region` (organisation.ts); drawn from the leads stream. */
  assignee(role: Role, time: number, region: Region): User {
    return assignee(this.users, this.leadRng, role, time, region);
  }
}
