/**
 * Accounts: the companies we sell to. Each has a latent size that drives revenue and employees, a tier
 * (A/B/C) that follows size but not perfectly, a region and how many leads it brings. The Account rows are
 * written last, from what the simulation recorded about each account (AccountHistory).
 */
import type { Calendar } from "./calendar.ts";
import type { CsvFileWriter } from "./csv.ts";
import type { IdFactory } from "./ids.ts";
import { companyName } from "./names.ts";
import { roundTo } from "./numbers.ts";
import type { User, Users } from "./organisation.ts";
import { COUNTRIES, INDUSTRIES, REGION_WEIGHTS, TIER_PROFILES, TIERS, type Region, type Tier } from "./parameters.ts";
import type { Random } from "./random.ts";
import { DAY, dayOf, formatDateTime, officeTime } from "./time.ts";

/** A company we sell to. */
export interface Account {
  index: number;
  id: string;
  name: string;
  domain: string;
  tier: Tier;
  region: Region;
  country: string;
  industry: string;
  annualRevenue: number;
  employees: number;
  /** How many leads this account brings relative to others, per channel. */
  inboundWeight: number;
  outboundWeight: number;
}

/** `count` accounts, tiered A/B/C (15/25/60%), with lead weights that give each tier exactly its share of the leads. */
export function buildAccounts(rng: Random, count: number, ids: IdFactory): Account[] {
  const usedNames = new Set<string>();
  // A latent size drives revenue and employees; the tier ranks size plus noise, so tiering follows size
  // but not perfectly (as when sales ops tier by hand).
  const sizes = Array.from({ length: count }, () => rng.normal());
  const tierScores = sizes.map((size) => size + rng.normal(0, 0.45));
  const order = tierScores.map((_, i) => i).sort((a, b) => (tierScores[b] as number) - (tierScores[a] as number));
  const tiers = new Array<Tier>(count);
  order.forEach((accountIndex, rank) => {
    tiers[accountIndex] = rank < Math.round(count * 0.15) ? "A" : rank < Math.round(count * 0.4) ? "B" : "C";
  });

  const accounts = sizes.map((size, index): Account => {
    const tier = tiers[index] as Tier;
    const region = rng.weighted(Object.keys(REGION_WEIGHTS) as Region[], Object.values(REGION_WEIGHTS));
    // Every 199th name carries double quotes, so the CSV quoting of embedded quotes is always exercised.
    const { name, domain } = companyName(rng, region, usedNames, index % 199 === 7);
    const annualRevenue = roundTo(Math.exp(Math.log(25e6) + 1.25 * size + rng.normal(0, 0.2)), 3);
    const employees = Math.max(5, Math.round(annualRevenue / rng.lognormal(220_000, 0.35)));
    // Some accounts are simply busier than others: a lognormal activity level shared by both channels.
    const busy = rng.lognormal(1, 0.45);
    return {
      index,
      id: ids.next("Account"),
      name,
      domain,
      tier,
      region,
      country: rng.pick(COUNTRIES[region]),
      industry: rng.pick(INDUSTRIES),
      annualRevenue,
      employees,
      inboundWeight: busy,
      outboundWeight: busy,
    };
  });
  // Scale the weights so that each tier brings exactly its share of the leads, whatever the draws.
  for (const tier of TIERS) {
    const members = accounts.filter((a) => a.tier === tier);
    const total = members.reduce((sum, a) => sum + a.inboundWeight, 0);
    for (const account of members) {
      account.inboundWeight *= TIER_PROFILES[tier].inboundLeadShare / total;
      account.outboundWeight *= TIER_PROFILES[tier].outboundLeadShare / total;
    }
  }
  return accounts;
}

/**
 * What the simulation learns about each account, indexed by Account.index. Per-account state is kept in
 * typed arrays so a million leads do not cost a million objects.
 */
export class AccountHistory {
  readonly firstLeadAt: Float64Array;
  readonly lastLeadAt: Float64Array;
  readonly firstWonAt: Float64Array;
  readonly firstLeadSource: string[];
  /** The AE who owns the account: the owner of its latest new-business deal (or who took over). */
  readonly owner: Array<User | undefined>;
  /** The CSM who looks after the account once it is a customer. */
  readonly csm: Array<User | undefined>;

  constructor(count: number) {
    this.firstLeadAt = new Float64Array(count).fill(Infinity);
    this.lastLeadAt = new Float64Array(count).fill(-Infinity);
    this.firstWonAt = new Float64Array(count).fill(Infinity);
    this.firstLeadSource = new Array<string>(count).fill("");
    this.owner = new Array<User | undefined>(count).fill(undefined);
    this.csm = new Array<User | undefined>(count).fill(undefined);
  }

  /** A lead from the account at `index`, from `source`, created at `createdAt`. */
  recordLead(index: number, source: string, createdAt: number): void {
    if (createdAt < (this.firstLeadAt[index] as number)) {
      this.firstLeadAt[index] = createdAt;
      this.firstLeadSource[index] = source;
    }
    this.lastLeadAt[index] = Math.max(this.lastLeadAt[index] as number, createdAt);
  }
}

/** Accounts last: their type, owner and dates depend on everything that happened to them. */
export function writeAccounts(writer: CsvFileWriter, accounts: Account[], history: AccountHistory, rng: Random, calendar: Calendar, users: Users): void {
  const aes = users.byRole.ae;
  const activeAes = aes.filter((u) => u.leaveTime === Infinity);
  for (const account of accounts) {
    const i = account.index;
    const firstLead = history.firstLeadAt[i] as number;
    // Some accounts were imported long before their first lead; most are created just before it.
    const legacy = firstLead === Infinity || rng.chance(0.3);
    const createdAt = legacy
      ? officeTime(rng.int(dayOf(Date.UTC(2019, 0, 1) / 1000), Math.min(calendar.firstDay, dayOf(firstLead)) - 1), account.region, rng)
      : Math.max(firstLead - rng.int(600, 20 * DAY), calendar.firstDay * DAY - 30 * DAY);
    const wonAt = history.firstWonAt[i] as number;
    const customer = wonAt < calendar.cutoff;
    const regional = activeAes.filter((u) => u.region === account.region);
    const owner = history.owner[i] ?? rng.pick(regional.length > 0 ? regional : activeAes.length > 0 ? activeAes : aes);
    writer.writeRow([
      account.id,
      "0",
      account.name,
      customer ? "Customer" : "Prospect",
      account.industry,
      account.annualRevenue,
      account.employees,
      account.country,
      account.region,
      owner.id,
      formatDateTime(createdAt),
      formatDateTime(customer ? Math.max(wonAt, createdAt) : Math.min(createdAt + rng.int(0, 90) * 3600, calendar.cutoff - 1)),
      history.firstLeadSource[i] || "Purchased List",
      "USD",
      account.tier,
    ]);
  }
}
