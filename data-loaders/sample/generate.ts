/**
 * A deterministic, seeded generator of a B2B sales organisation's CRM exports, in the Salesforce Data
 * Export format (one CSV per object, field API names as headers, every value quoted). It is the
 * project's bundled sample: the dashboard's default input and a fixture whose story tests can check.
 *
 * ## The organisation it models ("The Model")
 * A software company sells to companies ("accounts") in Korea, the rest of Asia-Pacific, North America
 * and EMEA. Its four teams hand work to each other:
 *   - **Marketing** produces inbound leads (web, webinars, content downloads, demo requests, events,
 *     partner referrals) and qualifies some of them as MQLs.
 *   - **Inside sales** works the MQLs (SDRs) and prospects accounts itself (BDRs: calls, cold email,
 *     purchased lists). A lead the SDR/BDR qualifies becomes an SQL and is converted into a new-business
 *     opportunity, which is handed to field sales. Outbound leads never pass through marketing: the
 *     BDR's qualification makes them MQL and SQL on the same day.
 *   - **Field sales** (AEs) takes the opportunity through Qualification → Discovery → Proposal/Price
 *     Quote → Negotiation/Review → Closed Won / Closed Lost. A deal is lost from the stage it reached.
 *   - **Customer success** (CSMs) owns customers after the first win: a renewal opportunity about eleven
 *     months after each won deal's close (most renew), and some upsells.
 *
 * The story the numbers tell (docs/sample-data.md has the measured values):
 *   - Two years of leads ending at `asOf`, seasonal (strong Q1 and September–November; weak in summer,
 *     around Seollal, Chuseok and the year end) with mild growth. About 60% of leads are outbound.
 *   - Inbound leads become won deals at about 14.6%, outbound at about 1.7%.
 *   - Accounts are tiered A/B/C (15/25/60%, consistent with size but not perfectly). A accounts bring
 *     more leads, qualify and win more often, and buy deals several times larger: most of the bookings.
 *   - Lost deals and disqualified leads carry a reason. "Revisit in N months" losses are re-approached by
 *     inside sales about N months later (some of them; the rest wait in the recycle queue). About 5% of
 *     the records that come back end in a won deal.
 *   - Five competitors, each with its own win rate against us; deals without a competitor win more.
 *   - New AEs ramp: fewer deals and a lower win rate in their first six months.
 *
 * ## How it is generated
 * Leads are created in time order (days drawn from the seasonal curve). They come from accounts in bursts
 * (colleagues at one webinar, the contacts of one outbound sequence), a few months apart per account, so
 * a loss is followed by silence and then, usually, a comeback; "revisit" losses come due in a queue
 * that BDRs work. For each lead the generator draws its whole future at once (when it is contacted,
 * qualified, converted or disqualified; for its opportunity, each stage change, close-date push and the
 * close; the renewals and upsells a win brings) and then writes the records as they stand at the end of
 * `asOf`: anything later has not happened yet, so recent leads are still open and the pipeline holds
 * open deals, some of them past their close date. Rows are written as soon as they are known, so memory
 * does not grow with the size. Nothing reads the clock: `asOf` is a parameter.
 *
 * All randomness comes from one seeded PRNG, forked per concern (random.ts). The funnel's yes/no
 * decisions (qualify, convert, win, renew) go through SteadyChance, so their totals follow their
 * probabilities closely: the documented rates hold for any seed instead of wandering by binomial noise.
 *
 * The code follows that story, one idea per module: parameters.ts holds the calibrated parameters;
 * calendar.ts and time.ts the dates; ids.ts, names.ts and phones.ts the look of the records;
 * organisation.ts, accounts.ts and campaigns.ts what exists before the first lead; simulation.ts the
 * state the steps share, and the steps themselves: leads.ts (with lead-journey.ts and engagements.ts),
 * new-business.ts, deals.ts (with deal-history.ts), customer-success.ts and activities.ts; summary.ts
 * counts the headline numbers; export-format.ts names the files and their columns; types.ts holds the
 * types they share (the deal plan and result), so that no module imports back one that imports it.
 *
 * Size: `leads` sets the size; accounts = leads / 20; users (reps) = 40 × (leads / 10,000)^0.4375,
 * clamped to 12…400 (40 at 10,000 leads, 300 at 1,000,000: a power law through those two points).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAccounts, writeAccounts } from "./accounts.ts";
import { buildCalendar, sampleLeadCreationDays } from "./calendar.ts";
import { buildCampaigns, writeCampaigns } from "./campaigns.ts";
import { openWriters } from "./export-format.ts";
import { IdFactory } from "./ids.ts";
import { createLead } from "./leads.ts";
import { clamp } from "./numbers.ts";
import { buildUsers, writeUsers } from "./organisation.ts";
import { Random } from "./random.ts";
import { Simulation } from "./simulation.ts";
import type { SampleHeadline } from "./summary.ts";

export { EMPTY_LOOKUP, SAMPLE_COLUMNS, type SampleObject } from "./export-format.ts";
export { salesforceId } from "./ids.ts";
export { LOSS_REASONS } from "./loss-reasons.ts";
export { INBOUND_SOURCES, OUTBOUND_SOURCES, type Tier } from "./parameters.ts";
export type { Rate, SampleHeadline } from "./summary.ts";

export interface SampleOptions {
  /** Folder to write the CSV files into (created if missing). */
  outDir: string;
  /** Number of leads; everything else scales from it. Default 10,000. */
  leads?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** The export date, YYYY-MM-DD: the last day of lead creation and the "now" of the data. Default 2026-11-15. */
  asOf?: string;
}

/** What generateSample wrote, and the story it tells in numbers. */
export interface SampleSummary {
  outDir: string;
  leads: number;
  seed: number;
  asOf: string;
  /** Data rows and bytes per file written. */
  files: Record<string, { rows: number; bytes: number }>;
  headline: SampleHeadline;
}

export const DEFAULT_LEADS = 10_000;
export const DEFAULT_SEED = 42;
export const DEFAULT_AS_OF = "2026-11-15";

/**
 * Write the sample exports into `options.outDir` and return what was written.
 * @example await generateSample({ outDir: "data/exports/sample" })  // 10,000 leads, seed 42, as of 2026-11-15
 */
export async function generateSample(options: SampleOptions): Promise<SampleSummary> {
  const leads = options.leads ?? DEFAULT_LEADS;
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (!Number.isInteger(leads) || leads < 1) throw new Error(`leads must be a positive integer, got ${leads}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const calendar = buildCalendar(asOf);

  mkdirSync(options.outDir, { recursive: true });
  const writers = openWriters(options.outDir);
  try {
    const rng = new Random(seed);
    const ids = new IdFactory();
    const users = buildUsers(rng.fork("users"), repCountFor(leads), calendar, ids);
    const accounts = buildAccounts(rng.fork("accounts"), accountCountFor(leads), ids);
    const campaigns = buildCampaigns(rng.fork("campaigns"), calendar, users, ids);
    writeUsers(writers.User, users);
    writeCampaigns(writers.Campaign, campaigns, calendar);

    const simulation = new Simulation({ rng, calendar, ids, users, accounts, campaigns, writers });
    for (const day of sampleLeadCreationDays(rng.fork("lead-days"), leads, calendar)) createLead(simulation, day);
    writeAccounts(writers.Account, accounts, simulation.history, rng.fork("account-rows"), calendar, users);

    const files: SampleSummary["files"] = {};
    for (const [object, writer] of Object.entries(writers)) files[`${object}.csv`] = writer.close();
    writeSampleConfig(options.outDir, leads);
    return { outDir: options.outDir, leads, seed, asOf, files, headline: simulation.tally.headline() };
  } finally {
    for (const writer of Object.values(writers)) writer.close();
  }
}

/**
 * The sample's own settings, beside its exports (settings travel with the data they describe): monthly
 * targets a little above the 10,000-lead sample's own run rate, scaled with the number of leads.
 */
function writeSampleConfig(outDir: string, leads: number): void {
  const scale = leads / DEFAULT_LEADS;
  const target = (perMonth: number) => Math.round(perMonth * scale);
  const config = {
    $comment:
      "The bundled sample's own settings, laid over data/config.json (the neutral defaults): its targets, set a little above its own monthly run rate.",
    targets: {
      marketing: { mqls: target(130) },
      inside_sales: { opportunities_created: target(70) },
      field_sales: { bookings: target(900_000), won_deals: target(35) },
      customer_success: { renewal_bookings: target(550_000) },
    },
  };
  writeFileSync(join(outDir, "config.json"), `${JSON.stringify(config, null, 2)}
`);
}

/** Users (reps) for a number of leads: 40 at 10,000, 300 at 1,000,000, a power law in between. */
export function repCountFor(leads: number): number {
  return clamp(Math.round(40 * Math.pow(leads / 10_000, 0.4375)), 12, 400);
}

/** Accounts for a number of leads: one per 20 leads (at least 10). */
export function accountCountFor(leads: number): number {
  return Math.max(10, Math.round(leads / 20));
}

