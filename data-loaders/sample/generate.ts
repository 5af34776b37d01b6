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
 * Size: `leads` sets the size; accounts = leads / 20; users (reps) = 40 × (leads / 10,000)^0.4375,
 * clamped to 12…400 (40 at 10,000 leads, 300 at 1,000,000: a power law through those two points).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CsvFileWriter } from "./csv.ts";
import { Random, SteadyChance, weightedPicker } from "./random.ts";

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Public interface
// ────────────────────────────────────────────────────────────────────────────────────────────────────

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

/** A rate with its numerator and denominator. */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number;
}

export interface SampleSummary {
  outDir: string;
  leads: number;
  seed: number;
  asOf: string;
  /** Data rows and bytes per file written. */
  files: Record<string, { rows: number; bytes: number }>;
  headline: {
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
  };
}

export const DEFAULT_LEADS = 10_000;
export const DEFAULT_SEED = 42;
export const DEFAULT_AS_OF = "2026-11-15";

/** The Salesforce Data Export columns written for each object, in order. */
export const SAMPLE_COLUMNS = {
  Account: ["Id", "IsDeleted", "Name", "Type", "Industry", "AnnualRevenue", "NumberOfEmployees", "BillingCountry", "Region__c", "OwnerId", "CreatedDate", "LastModifiedDate", "AccountSource", "CurrencyIsoCode", "Tier__c"],
  User: ["Id", "Username", "FirstName", "LastName", "Email", "Title", "Department", "UserRoleId", "IsActive", "ManagerId", "CreatedDate", "Start_Date__c", "Region__c"],
  Campaign: ["Id", "IsDeleted", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "ActualCost", "IsActive", "OwnerId", "CreatedDate"],
  Lead: ["Id", "IsDeleted", "FirstName", "LastName", "Title", "Company", "Phone", "MobilePhone", "Email", "LeadSource", "Status", "Industry", "AnnualRevenue", "NumberOfEmployees", "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "CreatedDate", "LastModifiedDate", "Country", "MQL_Date__c", "SQL_Date__c", "Loss_Reason__c"],
  Contact: ["Id", "IsDeleted", "AccountId", "FirstName", "LastName", "Email", "Phone", "Title", "LeadSource", "OwnerId", "CreatedDate"],
  CampaignMember: ["Id", "IsDeleted", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded", "CreatedDate", "FirstRespondedDate"],
  Opportunity: ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource", "IsClosed", "IsWon", "ForecastCategoryName", "CurrencyIsoCode", "CampaignId", "OwnerId", "CreatedById", "CreatedDate", "LastModifiedDate", "LastStageChangeDate", "FiscalYear", "FiscalQuarter", "Loss_Reason__c", "Competitor__c"],
  OpportunityHistory: ["Id", "OpportunityId", "CreatedById", "CreatedDate", "CreatedDateForInsert", "StageName", "Amount", "ExpectedRevenue", "CloseDate", "Probability", "FromForecastCategory", "ForecastCategory", "PrevForecastUpdate", "FromOpportunityStageName", "PrevOpportunityStageUpdate", "CurrencyIsoCode", "ValidThroughDate", "SystemModstamp", "IsDeleted", "PrevAmount", "PrevCloseDate"],
  OpportunityCompetitor: ["Id", "OpportunityId", "CompetitorName", "Strengths", "Weaknesses", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp", "IsDeleted"],
  Task: ["Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "Subject", "ActivityDate", "Status", "Priority", "OwnerId", "Type", "TaskSubtype", "IsClosed", "CreatedDate", "CallDurationInSeconds"],
} as const;

export type SampleObject = keyof typeof SAMPLE_COLUMNS;

/** How Salesforce exports an empty lookup on some objects (Lead.Converted*Id, Opportunity.CampaignId). */
export const EMPTY_LOOKUP = "000000000000000AAA";

export const LOSS_REASONS = [
  "Unreachable",
  "Revisit in 3 months",
  "Revisit in 6 months",
  "Revisit in 12 months",
  "No budget",
  "No need",
  "Lost to competitor",
] as const;
type LossReason = (typeof LOSS_REASONS)[number];

export const INBOUND_SOURCES = ["Web", "Webinar", "Content Download", "Demo Request", "Event", "Partner Referral"] as const;
export const OUTBOUND_SOURCES = ["Outbound Call", "Cold Email", "Purchased List"] as const;

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

    const simulation = new OrgSimulation({ rng, calendar, ids, users, accounts, campaigns, writers });
    for (const day of sampleLeadCreationDays(rng.fork("lead-days"), leads, calendar)) simulation.createLead(day);
    writeAccounts(writers.Account, accounts, simulation, rng.fork("account-rows"), calendar, users);

    const files: SampleSummary["files"] = {};
    for (const [object, writer] of Object.entries(writers)) files[`${object}.csv`] = writer.close();
    return { outDir: options.outDir, leads, seed, asOf, files, headline: simulation.headline() };
  } finally {
    for (const writer of Object.values(writers)) writer.close();
  }
}

/** Users (reps) for a number of leads: 40 at 10,000, 300 at 1,000,000, a power law in between. */
export function repCountFor(leads: number): number {
  return clamp(Math.round(40 * Math.pow(leads / 10_000, 0.4375)), 12, 400);
}

/** Accounts for a number of leads: one per 20 leads (at least 10). */
export function accountCountFor(leads: number): number {
  return Math.max(10, Math.round(leads / 20));
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// The model's parameters. Calibrated by measuring the output (docs/sample-data.md); change them together
// with the docs and the tests in test/sample/generate.test.ts.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

export type Tier = "A" | "B" | "C";
type Region = "Seoul" | "Busan" | "APAC" | "North America" | "EMEA";
type Channel = "inbound" | "outbound";
type Department = "Marketing" | "Inside Sales" | "Field Sales" | "Customer Success";
type Role = "manager" | "marketer" | "sdr" | "bdr" | "ae" | "csm";
type DealKind = "New Business" | "Renewal" | "Upsell";

const TIERS: readonly Tier[] = ["A", "B", "C"];

interface TierProfile {
  /** Share of all inbound / outbound leads that come from accounts of this tier. */
  inboundLeadShare: number;
  outboundLeadShare: number;
  /** Multiplies the chance of qualification (MQL, SQL) and of winning a deal. */
  qualify: number;
  win: number;
  /** Median new-business deal, USD. */
  dealMedian: number;
  /** Multiplies stage durations: bigger companies decide more slowly. */
  cycle: number;
  /** Mean number of leads in one burst of engagement from an account of this tier. */
  engagementSize: number;
  /** Multiplies the number of activities (tasks). */
  activity: number;
  renewal: number;
  upsell: number;
}

const TIER_PROFILES: Record<Tier, TierProfile> = {
  A: { inboundLeadShare: 0.27, outboundLeadShare: 0.37, qualify: 1.25, win: 1.3, dealMedian: 42_000, engagementSize: 5, cycle: 1.35, activity: 1.7, renewal: 0.89, upsell: 0.45 },
  B: { inboundLeadShare: 0.31, outboundLeadShare: 0.35, qualify: 1.05, win: 1.0, dealMedian: 16_000, engagementSize: 4, cycle: 1.1, activity: 1.0, renewal: 0.845, upsell: 0.3 },
  C: { inboundLeadShare: 0.42, outboundLeadShare: 0.28, qualify: 0.85, win: 0.72, dealMedian: 6_500, engagementSize: 2.2, cycle: 0.9, activity: 0.7, renewal: 0.785, upsell: 0.15 },
};

const OUTBOUND_SHARE = 0.6;
/** How long a loss keeps an account cool: see FUNNEL.soonAfterLossQualify. */
const SOON_AFTER_LOSS_DAYS = 90;
/** Days a burst of leads from one account stays open for more leads to join it. */
const ENGAGEMENT_OPEN_DAYS = 7;
/** Re-approaching a "Revisit in N months" account is an outbound call by inside sales. */
const REAPPROACH_SOURCE = { source: "Outbound Call", intent: 1.25 };

/** Lead source mix per channel, and how much buying intent each source signals (multiplies qualification). */
const SOURCE_PROFILES: Record<Channel, ReadonlyArray<{ source: string; weight: number; intent: number }>> = {
  inbound: [
    { source: "Web", weight: 25, intent: 0.9 },
    { source: "Webinar", weight: 18, intent: 0.95 },
    { source: "Content Download", weight: 20, intent: 0.7 },
    { source: "Demo Request", weight: 15, intent: 1.5 },
    { source: "Event", weight: 12, intent: 1.0 },
    { source: "Partner Referral", weight: 10, intent: 1.3 },
  ],
  outbound: [
    { source: "Outbound Call", weight: 40, intent: 1.25 },
    { source: "Cold Email", weight: 45, intent: 0.9 },
    { source: "Purchased List", weight: 15, intent: 0.6 },
  ],
};

/** The funnel's base rates before tier, source, rep and competitor effects. */
const FUNNEL = {
  inbound: { touched: 0.92, mql: 0.64, sqlGivenMql: 0.59, convertGivenSql: 0.9, win: 0.495 },
  outbound: { touched: 0.9, qualified: 0.085, convertGivenSql: 0.85, win: 0.29 },
  /** A re-approached account ("Revisit in N months" come due) qualifies this many times more often. */
  reapproachQualify: 2.6,
  /** A lead at an account that lost a deal or disqualified a lead in the last SOON_AFTER_LOSS_DAYS qualifies less often. */
  soonAfterLossQualify: 0.7,
  /** Share of "Revisit in N months" losses that inside sales re-approaches when N months have passed. */
  reapproachShare: 0.6,
  /** Leads that do not qualify: share disqualified with a reason (the rest stay open, in nurture). */
  disqualifyUnqualifiedInbound: 0.6,
  disqualifyUnqualifiedOutbound: 0.8,
  disqualifyAfterMql: 0.85,
  upsellWin: 0.5,
};

interface CompetitorProfile {
  name: string;
  /** How often a deal meets this competitor, relative to the others. */
  weight: number;
  /** Multiplies our chance to win a deal where this competitor is present. */
  win: number;
  strengths: string;
  weaknesses: string;
}

const COMPETITORS: readonly CompetitorProfile[] = [
  { name: "Salesbridge", weight: 25, win: 1.25, strengths: "Well-known brand", weaknesses: "Slow onboarding, expensive add-ons" },
  { name: "PipeCloud", weight: 25, win: 0.9, strengths: "Low entry price", weaknesses: "Limited reporting" },
  { name: "Dealwise", weight: 20, win: 0.72, strengths: "Strong forecasting features", weaknesses: "Few local references" },
  { name: "Kmetric", weight: 18, win: 0.56, strengths: "Local support and Korean-language product", weaknesses: "Weak integrations" },
  { name: "Orbital CRM", weight: 12, win: 0.45, strengths: "Bundled with existing ERP contracts", weaknesses: "Rigid customisation" },
];
/** Our win multiplier when no competitor is named on the deal. */
const NO_COMPETITOR_WIN = 1.15;
const COMPETITOR_SHARE = 0.5;
const SECOND_COMPETITOR_SHARE = 0.15;

/** New AEs: deals assigned and win rate grow linearly over the first months after their start date. */
const RAMP = { months: 6, startingWinFactor: 0.25, startingDealShare: 0.3 };

/** Stages, in order, with their probability and forecast category (API value, and label on Opportunity). */
const STAGES = [
  { name: "Qualification", probability: 10, forecast: "Pipeline", forecastLabel: "Pipeline" },
  { name: "Discovery", probability: 25, forecast: "Pipeline", forecastLabel: "Pipeline" },
  { name: "Proposal/Price Quote", probability: 50, forecast: "BestCase", forecastLabel: "Best Case" },
  { name: "Negotiation/Review", probability: 75, forecast: "Forecast", forecastLabel: "Commit" },
  { name: "Closed Won", probability: 100, forecast: "Closed", forecastLabel: "Closed" },
  { name: "Closed Lost", probability: 0, forecast: "Omitted", forecastLabel: "Omitted" },
] as const;
const WON = 4;
const LOST = 5;

/** Mean days in each open stage of a new-business deal (before the tier's cycle factor), and a minimum. */
const STAGE_DAYS = [
  { min: 2, mean: 8 },
  { min: 4, mean: 14 },
  { min: 4, mean: 14 },
  { min: 3, mean: 12 },
];
/**
 * How the chance of losing is spread over the open stages: the chance of advancing from stage i is
 * p^weight[i], so the product over the path is the deal's win probability p.
 */
/** Share of new-business and upsell deals that stall in one stage. */
const STALLED_DEAL_SHARE = 0.2;
/** Chance that the owner of a still-open deal moves its close date out once it has passed (the rest age in the pipeline). */
const OPEN_DEAL_PUSH_SHARE = 0.45;
/** Chance, per stage lasting ten days or more, that the rep slips the close date a month while the deal is in it. */
const MID_STAGE_SLIP_SHARE = 0.75;
const NEW_BUSINESS_EXIT_WEIGHTS = [0.32, 0.26, 0.24, 0.18];
const RENEWAL_EXIT_WEIGHTS = [0.1, 0.25, 0.65];

const REASONS_LEAD_UNQUALIFIED: Record<Channel, Partial<Record<LossReason, number>>> = {
  outbound: { Unreachable: 45, "No need": 25, "No budget": 12, "Revisit in 3 months": 6, "Revisit in 6 months": 7, "Revisit in 12 months": 5 },
  inbound: { Unreachable: 35, "No need": 30, "No budget": 15, "Revisit in 3 months": 6, "Revisit in 6 months": 8, "Revisit in 12 months": 6 },
};
const REASONS_LEAD_AFTER_QUALIFICATION: Partial<Record<LossReason, number>> = {
  "No budget": 30, "No need": 20, Unreachable: 10, "Revisit in 3 months": 12, "Revisit in 6 months": 16, "Revisit in 12 months": 12,
};
const REASONS_DEAL_LOST: Partial<Record<LossReason, number>> = {
  "No budget": 33, "No need": 25, Unreachable: 12, "Revisit in 3 months": 10, "Revisit in 6 months": 12, "Revisit in 12 months": 8,
};
/** Share of lost deals with a competitor on them that are lost to it. */
const LOST_TO_COMPETITOR_SHARE = 0.55;
const REASONS_RENEWAL_LOST: Partial<Record<LossReason, number>> = { "No budget": 45, "No need": 40, Unreachable: 15 };

const REGION_WEIGHTS: Record<Region, number> = { Seoul: 38, Busan: 9, APAC: 20, "North America": 18, EMEA: 15 };
const COUNTRIES: Record<Region, readonly string[]> = {
  Seoul: ["South Korea"],
  Busan: ["South Korea"],
  APAC: ["Japan", "Singapore", "Australia", "Taiwan", "Vietnam"],
  "North America": ["United States", "United States", "United States", "Canada"],
  EMEA: ["United Kingdom", "Germany", "France", "Netherlands", "United Arab Emirates"],
};
/** Office hours in UTC, [from, to) in hours: when people in the region create and change records. */
const OFFICE_HOURS_UTC: Record<Region, [number, number]> = {
  Seoul: [0, 9.5],
  Busan: [0, 9.5],
  APAC: [0, 9.5],
  "North America": [14, 23.5],
  EMEA: [8, 17],
};
const INDUSTRIES = ["Manufacturing", "Technology", "Retail", "Logistics", "Financial Services", "Healthcare", "Construction", "Media", "Education", "Energy", "Food & Beverage", "Chemicals"];

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Time: every instant is a number of seconds since 1970-01-01 UTC; a "day" is a day number since then.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

const DAY = 86_400;
const MONTH_DAYS = 30.44;

interface Calendar {
  asOf: string;
  /** First and last day of lead creation (two years, asOf included). */
  firstDay: number;
  lastDay: number;
  /** The export is taken at the end of asOf: events at or after this instant have not happened. */
  cutoff: number;
  /** Leads created before this day are old enough to have closed: the conversion cohort. */
  cohortEndDay: number;
}

function buildCalendar(asOf: string): Calendar {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!match) throw new Error(`asOf must be YYYY-MM-DD, got "${asOf}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const lastDay = Date.UTC(year, month - 1, day) / 1000 / DAY;
  if (formatDate(lastDay * DAY) !== asOf) throw new Error(`asOf is not a calendar date: "${asOf}"`);
  return {
    asOf,
    firstDay: lastDay - 729,
    lastDay,
    cutoff: (lastDay + 1) * DAY,
    cohortEndDay: Date.UTC(year, month - 1 - 6, day) / 1000 / DAY,
  };
}

/** Korean public holidays that empty offices (Seollal and Chuseok, 2023–2028). */
const HOLIDAYS = new Set(
  [
    "2023-01-21..2023-01-24", "2023-09-28..2023-10-03", "2024-02-09..2024-02-12", "2024-09-16..2024-09-18",
    "2025-01-27..2025-01-30", "2025-10-03..2025-10-09", "2026-02-16..2026-02-18", "2026-09-24..2026-09-26",
    "2027-02-06..2027-02-09", "2027-09-14..2027-09-16", "2028-01-26..2028-01-28", "2028-10-02..2028-10-04",
  ].flatMap((range) => {
    const [from, to] = range.split("..").map((d) => Date.parse(`${d}T00:00:00Z`) / 1000 / DAY) as [number, number];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }),
);

/** Lead volume by calendar month: strong Q1 and September–November, weak summer and December. */
const MONTH_SEASONALITY = [1.1, 1.0, 1.25, 1.05, 0.95, 0.85, 0.72, 0.68, 1.15, 1.12, 1.25, 0.8];

/** How many leads are created on `day`, relatively: season, weekday, holidays, year end, growth. */
function leadDayWeight(day: number, calendar: Calendar): number {
  const date = new Date(day * DAY * 1000);
  const month = date.getUTCMonth();
  const dayOfMonth = date.getUTCDate();
  let weight = MONTH_SEASONALITY[month] ?? 1;
  if (isWeekend(day)) weight *= 0.15;
  if (HOLIDAYS.has(day)) weight *= 0.2;
  if ((month === 11 && dayOfMonth >= 24) || (month === 0 && dayOfMonth === 1)) weight *= 0.4;
  const progress = (day - calendar.firstDay) / (calendar.lastDay - calendar.firstDay);
  return weight * (1 + 0.25 * progress); // mild growth: a quarter more leads at the end than at the start
}

/** The creation day of every lead, sorted. */
function sampleLeadCreationDays(rng: Random, count: number, calendar: Calendar): Int32Array {
  const days: number[] = [];
  const weights: number[] = [];
  for (let day = calendar.firstDay; day <= calendar.lastDay; day++) {
    days.push(day);
    weights.push(leadDayWeight(day, calendar));
  }
  const pickDay = weightedPicker(days, weights);
  const result = new Int32Array(count);
  for (let i = 0; i < count; i++) result[i] = pickDay(rng);
  return result.sort();
}

function isWeekend(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
}

function dayOf(time: number): number {
  return Math.floor(time / DAY);
}

/**
 * A moment during office hours in `region` on `day`. People work on the next working day if `day` is a
 * weekend; a few leads (web forms) do arrive on weekends, so lead creation passes `onWeekends`.
 */
function officeTime(day: number, region: Region, rng: Random, onWeekends = false): number {
  while (!onWeekends && isWeekend(day)) day++;
  const [from, to] = OFFICE_HOURS_UTC[region];
  return day * DAY + Math.floor(rng.uniform(from, to) * 3600);
}

/** An office-hours moment about `days` after `previous`, never before it. */
function timeAfter(previous: number, days: number, region: Region, rng: Random): number {
  const candidate = officeTime(dayOf(previous + days * DAY), region, rng);
  return candidate > previous ? candidate : previous + rng.int(600, 5400);
}

function endOfMonth(day: number): number {
  const date = new Date(day * DAY * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / 1000 / DAY;
}

const dayTextCache = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** YYYY-MM-DD of an instant (UTC). */
function formatDate(time: number): string {
  const day = dayOf(time);
  let text = dayTextCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dayTextCache.set(day, text);
  }
  return text;
}

/** YYYY-MM-DD HH:MM:SS of an instant (UTC), as Salesforce exports datetimes. */
function formatDateTime(time: number): string {
  const seconds = time - dayOf(time) * DAY;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${formatDate(time)} ${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[ss]}`;
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Ids: 15 characters (3-character key prefix, 2-character instance, a reserved 0, a 9-digit base-62
// counter) plus Salesforce's 3-character case checksum, so every id is a valid 18-character id.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

const KEY_PREFIXES = {
  Account: "001",
  Contact: "003",
  User: "005",
  Opportunity: "006",
  OpportunityHistory: "008",
  UserRole: "00E",
  OpportunityCompetitor: "00J",
  Lead: "00Q",
  Task: "00T",
  CampaignMember: "00v",
  Campaign: "701",
} as const;
type KeyedObject = keyof typeof KEY_PREFIXES;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

class IdFactory {
  private readonly counters = new Map<KeyedObject, number>();

  next(object: KeyedObject): string {
    // Counters start at a per-object offset so that ids look like a real org's, not 000…001.
    const counter = (this.counters.get(object) ?? 3_000_000 + 1_000_000 * Object.keys(KEY_PREFIXES).indexOf(object)) + 1;
    this.counters.set(object, counter);
    return salesforceId(KEY_PREFIXES[object], counter);
  }
}

/** An 18-character Salesforce id for a key prefix and a counter. */
export function salesforceId(prefix: string, counter: number): string {
  let digits = "";
  for (let n = counter; n > 0; n = Math.floor(n / 62)) digits = BASE62[n % 62] + digits;
  const id15 = `${prefix}5g0${digits.padStart(9, "0")}`;
  if (id15.length !== 15) throw new Error(`id counter out of range: ${counter}`);
  return id15 + idChecksum(id15);
}

/** Salesforce's case-safe suffix: for each 5-character chunk, a bit per upper-case letter. */
function idChecksum(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Names: deterministic word lists. Company names are invented; person names are common given names and
// surnames, combined at random, so no real person is described.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

const COMPANY_BRANDS = [
  "Hanbit", "Saebyeok", "Mirae", "Haneul", "Dasol", "Nuri", "Bomnal", "Gaon", "Narae", "Bitna", "Areum", "Taebaek",
  "Onnuri", "Seorin", "Jaram", "Northwind", "Bluepeak", "Silverline", "Ironbridge", "Cedar", "Harbor", "Summit",
  "Lumen", "Vertex", "Pinewood", "Redstone", "Brightwater", "Clearview", "Granite", "Maple", "Oakridge", "Riverside",
  "Skyline", "Sterling", "Tidewater", "Evergreen", "Crescent", "Beacon", "Falcon", "Atlas", "Nova", "Orion",
  "Polaris", "Zenith", "Apex", "Meridian", "Horizon", "Keystone", "Lakeshore", "Westgate", "Eastbridge", "Goldleaf",
  "Ember", "Copperfield", "Highland", "Kestrel", "Larkspur", "Monarch", "Northstar", "Prairie", "Sapphire", "Trident",
  "Vanguard", "Willow", "Aurora", "Blackwood", "Coral", "Driftwood", "Foxglove", "Sakura", "Kaimon", "Lotus",
  "Marlin", "Saffron", "Tamarind", "Juniper", "Halcyon", "Quarry", "Rookwood", "Bramble",
];
const COMPANY_QUALIFIERS = ["Global", "Digital", "Smart", "United", "Advanced", "Precision", "Green", "Pacific", "Asia", "Korea", "Coastal", "Metro", "Prime", "First", "Grand", "Modern", "Allied", "Central", "Bright", "Next"];
const COMPANY_CORES = [
  "Logistics", "Foods", "Systems", "Electronics", "Motors", "Chemicals", "Pharma", "Textiles", "Robotics", "Semiconductor",
  "Biotech", "Energy", "Construction", "Retail", "Media", "Software", "Networks", "Instruments", "Materials", "Machinery",
  "Shipping", "Hospitality", "Healthcare", "Analytics", "Security", "Packaging", "Plastics", "Steel", "Telecom", "Insurance",
  "Capital", "Beverages", "Apparel", "Cosmetics", "Furniture", "Engineering", "Labs", "Solutions", "Industries", "Trading",
];
const COMPANY_SUFFIXES = ["", "", " Co.", " Inc.", " Ltd.", " Corp.", " Group", " Holdings", " Co., Ltd."];
/** Korean company names: [hangul, romanisation for the e-mail domain]. */
const KOREAN_BRANDS: ReadonlyArray<[string, string]> = [
  ["서울", "seoul"], ["부산", "busan"], ["대한", "daehan"], ["한빛", "hanbit"], ["미래", "mirae"], ["세종", "sejong"],
  ["동방", "dongbang"], ["태평", "taepyeong"], ["새벽", "saebyeok"], ["하늘", "haneul"], ["누리", "nuri"], ["가온", "gaon"],
  ["한결", "hangyeol"], ["푸른", "pureun"], ["다솜", "dasom"], ["온누리", "onnuri"], ["바른", "bareun"], ["으뜸", "eutteum"],
  ["참빛", "chambit"], ["한울", "hanul"], ["청운", "cheongun"], ["백두", "baekdu"], ["금강", "geumgang"], ["태백", "taebaek"],
];
const KOREAN_CORES: ReadonlyArray<[string, string]> = [
  ["정밀", "precision"], ["물산", "trading"], ["전자", "electronics"], ["식품", "foods"], ["화학", "chemical"], ["건설", "construction"],
  ["테크", "tech"], ["시스템", "systems"], ["바이오", "bio"], ["로지스", "logis"], ["제약", "pharm"], ["섬유", "textile"],
  ["기계", "machinery"], ["소프트", "soft"], ["에너지", "energy"], ["통신", "telecom"], ["산업", "industrial"], ["유통", "distribution"],
];
const KOREAN_FORMS = ["{name}", "{name}", "(주){name}", "{name} 주식회사"];

const KOREAN_SURNAMES: ReadonlyArray<[string, string]> = [
  ["김", "Kim"], ["이", "Lee"], ["박", "Park"], ["최", "Choi"], ["정", "Jung"], ["강", "Kang"], ["조", "Cho"], ["윤", "Yoon"],
  ["장", "Jang"], ["임", "Lim"], ["한", "Han"], ["오", "Oh"], ["서", "Seo"], ["신", "Shin"], ["권", "Kwon"], ["황", "Hwang"],
  ["안", "Ahn"], ["송", "Song"], ["유", "Yoo"], ["홍", "Hong"],
];
const KOREAN_GIVEN_NAMES: ReadonlyArray<[string, string]> = [
  ["민준", "Minjun"], ["서연", "Seoyeon"], ["지우", "Jiwoo"], ["하준", "Hajun"], ["서준", "Seojun"], ["지호", "Jiho"],
  ["예준", "Yejun"], ["도윤", "Doyun"], ["하윤", "Hayoon"], ["지민", "Jimin"], ["수진", "Sujin"], ["현우", "Hyunwoo"],
  ["성민", "Sungmin"], ["재원", "Jaewon"], ["다혜", "Dahye"], ["민서", "Minseo"], ["혜진", "Hyejin"], ["영호", "Youngho"],
  ["동현", "Donghyun"], ["지훈", "Jihoon"], ["승우", "Seungwoo"], ["나연", "Nayeon"], ["유나", "Yuna"], ["은우", "Eunwoo"],
];
const WESTERN_GIVEN_NAMES = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan",
  "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Emily",
  "Paul", "Laura", "Steven", "Anna", "Andrew", "Olivia", "Lukas", "Sophie", "Hannah", "Pierre", "Camille", "Marco",
  "Giulia", "Lars", "Emma", "Noah", "Amélie", "Jürgen", "Chloé", "Mateo",
];
const WESTERN_SURNAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
  "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Müller", "Schmidt", "Schneider", "Fischer",
  "Dubois", "Moreau", "Rossi", "Bianchi", "Jansen", "de Vries", "O'Brien", "Murphy", "Kelly", "Novak", "Lindqvist",
];
const JAPANESE_GIVEN_NAMES = ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Sakura", "Kenji", "Mei"];
const JAPANESE_SURNAMES = ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Nakamura", "Kobayashi"];
const CHINESE_GIVEN_NAMES = ["Wei", "Jia Hui", "Jun Jie", "Xin Yi", "Hao", "Mei Ling", "Zhi Wei", "Li Na"];
const CHINESE_SURNAMES = ["Tan", "Lim", "Lee", "Ng", "Wong", "Chen", "Goh", "Nguyen", "Tran"];

const LEAD_TITLES = [
  "CEO", "COO", "CFO", "CTO", "VP of Sales", "Head of Sales Operations", "Sales Manager", "Marketing Director",
  "IT Manager", "Operations Manager", "Procurement Manager", "Director of Business Development", "Revenue Operations Lead",
  "Customer Service Manager", "General Manager", "Team Lead", "Business Analyst", "Project Manager",
];
const KOREAN_TITLES = ["대표이사", "영업팀장", "마케팅 팀장", "영업본부장", "경영지원팀 과장", "IT 팀장", "전략기획실 차장"];

interface PersonName {
  firstName: string;
  lastName: string;
  /** ASCII names for the e-mail address. */
  emailFirst: string;
  emailLast: string;
  hangul: boolean;
}

function personName(rng: Random, region: Region): PersonName {
  const roll = rng.next();
  if (region === "Seoul" || region === "Busan" || (region === "APAC" && roll < 0.1)) {
    const [lastHangul, lastRoman] = rng.pick(KOREAN_SURNAMES);
    const [firstHangul, firstRoman] = rng.pick(KOREAN_GIVEN_NAMES);
    const hangul = rng.chance(0.25);
    return hangul
      ? { firstName: firstHangul, lastName: lastHangul, emailFirst: firstRoman, emailLast: lastRoman, hangul }
      : { firstName: firstRoman, lastName: lastRoman, emailFirst: firstRoman, emailLast: lastRoman, hangul };
  }
  let firstName: string;
  let lastName: string;
  if (region === "APAC" && roll < 0.45) [firstName, lastName] = [rng.pick(JAPANESE_GIVEN_NAMES), rng.pick(JAPANESE_SURNAMES)];
  else if (region === "APAC" && roll < 0.8) [firstName, lastName] = [rng.pick(CHINESE_GIVEN_NAMES), rng.pick(CHINESE_SURNAMES)];
  else [firstName, lastName] = [rng.pick(WESTERN_GIVEN_NAMES), rng.pick(WESTERN_SURNAMES)];
  return { firstName, lastName, emailFirst: firstName, emailLast: lastName, hangul: false };
}

/** Lower-case ASCII for an e-mail local part or domain: accents dropped, spaces and apostrophes removed. */
function asciiSlug(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

function emailAddress(rng: Random, name: PersonName, domain: string): string {
  const first = asciiSlug(name.emailFirst);
  const last = asciiSlug(name.emailLast);
  const roll = rng.next();
  const local = roll < 0.75 ? `${first}.${last}` : roll < 0.9 ? `${first.charAt(0)}${last}` : first;
  return `${local}@${domain}`;
}

function digits(rng: Random, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

/** A plausible phone number for the country; North American, British, French and Australian ones are from the ranges reserved for fiction. */
function phoneNumber(rng: Random, country: string, mobile: boolean): string {
  switch (country) {
    case "South Korea":
      if (mobile) return `+82 10-${digits(rng, 4)}-${digits(rng, 4)}`;
      return rng.chance(0.8) ? `+82 2-${digits(rng, 4)}-${digits(rng, 4)}` : `+82 51-${digits(rng, 3)}-${digits(rng, 4)}`;
    case "United States":
    case "Canada":
      return `(${rng.pick(["212", "415", "646", "312", "617", "206", "512", "404", "303", "416", "604"])}) 555-01${digits(rng, 2)}`;
    case "United Kingdom":
      return mobile ? `+44 7700 900${digits(rng, 3)}` : `+44 20 7946 0${digits(rng, 3)}`;
    case "France":
      return `+33 1 99 00 ${digits(rng, 2)} ${digits(rng, 2)}`;
    case "Australia":
      return mobile ? `+61 491 570 ${digits(rng, 3)}` : `+61 2 5550 ${digits(rng, 4)}`;
    case "Japan":
      return mobile ? `+81 90-${digits(rng, 4)}-${digits(rng, 4)}` : `+81 3-${digits(rng, 4)}-${digits(rng, 4)}`;
    case "Singapore":
      return mobile ? `+65 9${digits(rng, 3)} ${digits(rng, 4)}` : `+65 6${digits(rng, 3)} ${digits(rng, 4)}`;
    case "Germany":
      return mobile ? `+49 151 ${digits(rng, 8)}` : `+49 30 ${digits(rng, 8)}`;
    case "Netherlands":
      return mobile ? `+31 6 ${digits(rng, 8)}` : `+31 20 ${digits(rng, 3)} ${digits(rng, 4)}`;
    case "Taiwan":
      return `+886 2 ${digits(rng, 4)} ${digits(rng, 4)}`;
    case "Vietnam":
      return `+84 28 ${digits(rng, 4)} ${digits(rng, 4)}`;
    default:
      return `+971 4 ${digits(rng, 3)} ${digits(rng, 4)}`;
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Users: four teams, one manager each; start dates before and during the two years; a few leavers.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  department: Department;
  role: Role;
  roleId: string;
  managerId: string;
  region: Region;
  startTime: number;
  /** When the user left (Infinity while still active). */
  leaveTime: number;
  /** Personal win-rate factor of an AE (1 for others). */
  skill: number;
}

interface Users {
  all: User[];
  byRole: Record<Exclude<Role, "manager">, User[]>;
  insideSalesManager: User;
}

const TEAM_TITLES: Record<Role, string> = {
  manager: "",
  marketer: "Marketing Specialist",
  sdr: "SDR",
  bdr: "BDR",
  ae: "Account Executive",
  csm: "Customer Success Manager",
};
const MANAGER_TITLES: Record<Department, string> = {
  Marketing: "Marketing Manager",
  "Inside Sales": "Inside Sales Manager",
  "Field Sales": "Head of Field Sales",
  "Customer Success": "Head of Customer Success",
};
const AE_REGION_WEIGHTS: Record<Region, number> = { Seoul: 40, Busan: 10, APAC: 20, "North America": 15, EMEA: 15 };
const OUR_DOMAIN = "modelworks.example";

function buildUsers(rng: Random, count: number, calendar: Calendar, ids: IdFactory): Users {
  const marketing = Math.max(2, Math.round(count * 0.15));
  const insideSales = Math.max(3, Math.round(count * 0.3));
  const customerSuccess = Math.max(2, Math.round(count * 0.15));
  const fieldSales = Math.max(3, count - marketing - insideSales - customerSuccess);
  const bdrs = Math.max(1, Math.ceil((insideSales - 1) * 0.55));
  const plan: Array<[Department, Role, number]> = [
    ["Marketing", "marketer", marketing - 1],
    ["Inside Sales", "bdr", bdrs],
    ["Inside Sales", "sdr", Math.max(1, insideSales - 1 - bdrs)],
    ["Field Sales", "ae", fieldSales - 1],
    ["Customer Success", "csm", customerSuccess - 1],
  ];
  const usedNames = new Set<string>();
  const roleIds = new Map<string, string>();
  const roleIdFor = (key: string) => roleIds.get(key) ?? (roleIds.set(key, ids.next("UserRole")), roleIds.get(key) as string);

  const makeUser = (department: Department, role: Role, managerId: string, region: Region, startTime: number, leaveTime: number): User => {
    let name: PersonName;
    do name = personName(rng, region);
    while (usedNames.has(`${name.emailFirst} ${name.emailLast}`) || name.hangul);
    usedNames.add(`${name.emailFirst} ${name.emailLast}`);
    return {
      id: ids.next("User"),
      firstName: name.firstName,
      lastName: name.lastName,
      email: `${asciiSlug(name.emailFirst)}.${asciiSlug(name.emailLast)}@${OUR_DOMAIN}`,
      title: role === "manager" ? MANAGER_TITLES[department] : TEAM_TITLES[role],
      department,
      role,
      roleId: roleIdFor(`${department}/${role}`),
      managerId,
      region,
      startTime,
      leaveTime,
      skill: 1,
    };
  };

  const all: User[] = [];
  const managers = new Map<Department, User>();
  for (const department of ["Marketing", "Inside Sales", "Field Sales", "Customer Success"] as const) {
    const start = officeTime(Math.floor(rng.uniform(Date.UTC(2019, 0, 1), Date.UTC(2022, 6, 1)) / 1000 / DAY), "Seoul", rng);
    const manager = makeUser(department, "manager", "", "Seoul", start, Infinity);
    managers.set(department, manager);
    all.push(manager);
  }
  const byRole: Users["byRole"] = { marketer: [], sdr: [], bdr: [], ae: [], csm: [] };
  for (const [department, role, members] of plan) {
    const managerId = (managers.get(department) as User).id;
    const careers = planCareers(rng, members, calendar);
    // Skills are spread evenly (0.8…1.2, mean 1) rather than drawn, so the team's average does not
    // depend on the seed.
    const skills = rng.shuffle(Array.from({ length: members }, (_, i) => 0.8 + (0.4 * (i + 0.5)) / members));
    for (let i = 0; i < members; i++) {
      const region = role === "ae" ? rng.weighted(keysOf(AE_REGION_WEIGHTS), Object.values(AE_REGION_WEIGHTS)) : rng.chance(0.85) ? "Seoul" : "Busan";
      const { startDay, leaveDay } = careers[i] as Career;
      const leaveTime = leaveDay === undefined ? Infinity : officeTime(leaveDay, region, rng);
      const user = makeUser(department, role, managerId, region, officeTime(startDay, region, rng), leaveTime);
      if (role === "ae") user.skill = skills[i] as number;
      all.push(user);
      byRole[role as Exclude<Role, "manager">].push(user);
    }
  }
  return { all, byRole, insideSalesManager: managers.get("Inside Sales") as User };
}

interface Career {
  startDay: number;
  leaveDay?: number;
}

/**
 * Start (and leave) days for the members of one role. The first member has been here all along, so every
 * role is staffed from day one. Of the others, a fixed share (45%) was hired during the two years, at
 * evenly spread dates, so ramping reps are always visible; a fixed share (15%) of the earlier hires left.
 */
function planCareers(rng: Random, members: number, calendar: Calendar): Career[] {
  const others = Array.from({ length: Math.max(0, members - 1) }, (_, i) => i + 1);
  const hires = rng.shuffle([...others]).slice(0, Math.round(others.length * 0.45)).sort((a, b) => a - b);
  const veterans = others.filter((i) => !hires.includes(i));
  const leavers = new Set(rng.shuffle([...veterans]).slice(0, Math.round(veterans.length * 0.15)));
  const hiringSpan = calendar.lastDay - 45 - calendar.firstDay;
  const earliestStart = dayOf(Date.UTC(2021, 2, 1) / 1000);
  return Array.from({ length: members }, (_, i): Career => {
    const hireRank = hires.indexOf(i);
    if (hireRank >= 0) {
      const slot = hiringSpan / hires.length;
      return { startDay: calendar.firstDay + Math.floor(slot * (hireRank + rng.uniform(0.1, 0.9))) };
    }
    const startDay = rng.int(earliestStart, calendar.firstDay - 30);
    return leavers.has(i) ? { startDay, leaveDay: rng.int(calendar.firstDay + 90, calendar.lastDay - 30) } : { startDay };
  });
}

function isActiveAt(user: User, time: number): boolean {
  return user.startTime <= time && time < user.leaveTime;
}

/** Months since the user's start date at `time`. */
function tenureMonths(user: User, time: number): number {
  return (time - user.startTime) / DAY / MONTH_DAYS;
}

/** How far a new AE has ramped at `time`, from 0 (first day) to 1 (after RAMP.months). */
function rampProgress(user: User, time: number): number {
  return clamp(tenureMonths(user, time) / RAMP.months, 0, 1);
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Accounts
// ────────────────────────────────────────────────────────────────────────────────────────────────────

interface Account {
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

function buildAccounts(rng: Random, count: number, ids: IdFactory): Account[] {
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
    const region = rng.weighted(keysOf(REGION_WEIGHTS), Object.values(REGION_WEIGHTS));
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

/** A unique company name and its e-mail domain. A few are Korean (Unicode), a few carry quotes or commas. */
function companyName(rng: Random, region: Region, used: Set<string>, quoted: boolean): { name: string; domain: string } {
  const korean = !quoted && (region === "Seoul" || region === "Busan") && rng.chance(0.12);
  for (let attempt = 0; attempt < 50; attempt++) {
    let name: string;
    let domain: string;
    if (korean && attempt < 10) {
      const [brand, brandRoman] = rng.pick(KOREAN_BRANDS);
      const [core, coreRoman] = rng.pick(KOREAN_CORES);
      name = rng.pick(KOREAN_FORMS).replace("{name}", brand + core);
      domain = `${brandRoman}-${coreRoman}.example`;
    } else {
      const brand = rng.pick(COMPANY_BRANDS);
      const qualifier = rng.chance(0.4) ? ` ${rng.pick(COMPANY_QUALIFIERS)}` : "";
      const core = rng.pick(COMPANY_CORES);
      name = `${quoted ? `"${brand}"` : brand}${qualifier} ${core}${rng.pick(COMPANY_SUFFIXES)}`;
      domain = `${asciiSlug(brand)}${asciiSlug(qualifier)}-${asciiSlug(core)}.example`;
    }
    if (!used.has(name)) {
      used.add(name);
      return { name, domain };
    }
  }
  // Name space exhausted (millions of accounts): number the name to keep it unique.
  const base = `${rng.pick(COMPANY_BRANDS)} ${rng.pick(COMPANY_CORES)}`;
  let n = 2;
  while (used.has(`${base} ${n}`)) n++;
  used.add(`${base} ${n}`);
  return { name: `${base} ${n}`, domain: `${asciiSlug(base)}${n}.example` };
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Campaigns: a few dozen over the two years, scheduled relative to asOf.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

type CampaignType = "Webinar" | "Content" | "Event" | "Paid Search" | "Outbound Sequence" | "Partner";

interface Campaign {
  id: string;
  name: string;
  type: CampaignType;
  startDay: number;
  endDay: number;
  budget: number;
  /** Actual cost ÷ budget once the campaign has run. */
  costRatio: number;
  ownerId: string;
  createdAt: number;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEBINAR_TOPICS = ["Pipeline Reviews that Work", "Forecasting with Confidence", "From MQL to Revenue", "Building an SDR Team", "Win More Deals against Incumbents", "Customer Success Playbook", "Sales Velocity 101", "Account Tiering in Practice", "Recycling Lost Deals"];
const CONTENT_TITLES = ["eBook: The Model Playbook", "Report: B2B Sales Benchmarks", "Guide: Lead Scoring", "Template: Account Plan", "Report: State of Sales in Korea", "Checklist: Renewal Readiness", "eBook: Outbound that Converts", "Guide: Pipeline Coverage"];
const OUTBOUND_FOCUS = ["Manufacturing", "Logistics", "Retail", "Financial Services", "Healthcare", "Technology"];
const EVENTS = ["Seoul Sales Summit", "Busan Business Fair", "SaaS Expo Tokyo", "RevOps Meetup Seoul", "Singapore Sales Forum", "Customer Day"];

function buildCampaigns(rng: Random, calendar: Calendar, users: Users, ids: IdFactory): Campaign[] {
  const campaigns: Campaign[] = [];
  const marketers = users.byRole.marketer;
  const marketingOwner = () => rng.pick(marketers.length > 0 ? marketers : users.all);
  const add = (type: CampaignType, name: string, startDay: number, endDay: number, budget: number, ownerId: string) => {
    const createdAt = officeTime(startDay - rng.int(20, 60), "Seoul", rng);
    campaigns.push({ id: "", name, type, startDay, endDay, budget, costRatio: rng.uniform(0.85, 1.12), ownerId, createdAt });
  };
  const label = (day: number) => {
    const date = new Date(day * DAY * 1000);
    return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  };
  const quarterLabel = (day: number) => {
    const date = new Date(day * DAY * 1000);
    return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
  };

  // Webinars every six weeks, into the next two months (planned ones).
  for (let day = calendar.firstDay + 10, n = 0; day <= calendar.lastDay + 60; day += 42, n++) {
    const topic = WEBINAR_TOPICS[n % WEBINAR_TOPICS.length] as string;
    add("Webinar", `Webinar: ${topic} (${label(day)})`, day, day, roundTo(rng.uniform(2000, 5000), 2), marketingOwner().id);
  }
  // A content piece each quarter, promoted for six months.
  for (let day = calendar.firstDay, n = 0; day <= calendar.lastDay; day += 91, n++) {
    const title = CONTENT_TITLES[n % CONTENT_TITLES.length] as string;
    add("Content", `${title} (${quarterLabel(day)})`, day, day + 182, roundTo(rng.uniform(5000, 15000), 2), marketingOwner().id);
  }
  // An event about every two months, the summit the biggest.
  for (let day = calendar.firstDay + 25, n = 0; day <= calendar.lastDay + 60; day += 61, n++) {
    const event = EVENTS[n % EVENTS.length] as string;
    const length = event.includes("Meetup") ? 0 : rng.int(1, 2);
    const year = new Date(day * DAY * 1000).getUTCFullYear();
    add("Event", `${event} ${year} (${label(day)})`, day, day + length, roundTo(event.includes("Meetup") ? rng.uniform(3000, 8000) : rng.uniform(30000, 120000), 2), marketingOwner().id);
  }
  // Always-on paid search, budgeted per half year.
  for (let day = calendar.firstDay; day <= calendar.lastDay; day += 182) {
    add("Paid Search", `Paid Search ${label(day)} – ${label(day + 181)}`, day, day + 181, roundTo(rng.uniform(40000, 80000), 2), marketingOwner().id);
  }
  // BDR outbound sequences, one per quarter, owned by the inside-sales manager.
  for (let day = calendar.firstDay, n = 0; day <= calendar.lastDay; day += 91, n++) {
    const focus = OUTBOUND_FOCUS[n % OUTBOUND_FOCUS.length] as string;
    add("Outbound Sequence", `Outbound ${quarterLabel(day)}: ${focus}`, day, day + 90, roundTo(rng.uniform(3000, 8000), 2), users.insideSalesManager.id);
  }
  // Partner programmes, one per year.
  for (let day = calendar.firstDay; day <= calendar.lastDay; day += 365) {
    add("Partner", `Partner Program ${new Date((day + 45) * DAY * 1000).getUTCFullYear()}`, day, day + 364, roundTo(rng.uniform(10000, 20000), 2), marketingOwner().id);
  }
  // Ids in creation order, as Salesforce assigns them.
  campaigns.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  for (const campaign of campaigns) campaign.id = ids.next("Campaign");
  return campaigns;
}

function campaignStatus(campaign: Campaign, calendar: Calendar): "Planned" | "In Progress" | "Completed" {
  if (campaign.startDay > calendar.lastDay) return "Planned";
  return campaign.endDay < calendar.lastDay ? "Completed" : "In Progress";
}

/** The campaign a lead responded to, if its source goes with one: the most recent matching campaign. */
function campaignForLead(rng: Random, campaigns: Campaign[], source: string, day: number): Campaign | undefined {
  const matches = (type: CampaignType, lookBackDays: number) => {
    let best: Campaign | undefined;
    for (const campaign of campaigns) {
      if (campaign.type !== type || campaign.startDay > day) continue;
      const active = campaign.endDay >= day || day - campaign.endDay <= lookBackDays;
      if (active && (!best || campaign.startDay > best.startDay)) best = campaign;
    }
    return best;
  };
  switch (source) {
    case "Webinar":
      return rng.chance(0.92) ? matches("Webinar", 45) : undefined;
    case "Content Download":
      return rng.chance(0.9) ? matches("Content", 0) : undefined;
    case "Event":
      return rng.chance(0.9) ? matches("Event", 70) : undefined;
    case "Partner Referral":
      return rng.chance(0.85) ? matches("Partner", 0) : undefined;
    case "Web":
    case "Demo Request":
      return rng.chance(0.6) ? matches("Paid Search", 0) : undefined;
    case "Cold Email":
      return rng.chance(0.7) ? matches("Outbound Sequence", 0) : undefined;
    case "Outbound Call":
      return rng.chance(0.3) ? matches("Outbound Sequence", 0) : undefined;
    default:
      return undefined;
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// The simulation: leads in time order, each with its whole future, written as it stands at asOf.
// ────────────────────────────────────────────────────────────────────────────────────────────────────

type Writers = Record<SampleObject, CsvFileWriter>;

function openWriters(outDir: string): Writers {
  const writers = {} as Writers;
  for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) {
    writers[object] = CsvFileWriter.create(join(outDir, `${object}.csv`), SAMPLE_COLUMNS[object]);
  }
  return writers;
}

interface SimulationInputs {
  rng: Random;
  calendar: Calendar;
  ids: IdFactory;
  users: Users;
  accounts: Account[];
  campaigns: Campaign[];
  writers: Writers;
}

/** A burst of leads from one account (see OrgSimulation.engagementFor). */
interface Engagement {
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
interface Reapproach {
  due: number;
  account: number;
  lostAt: number;
}

/** What happens to a lead; every instant may lie beyond the cutoff (then it has not happened yet). */
interface LeadJourney {
  touchedAt: number;
  mqlAt: number;
  sqlAt: number;
  convertedAt: number;
  disqualifiedAt: number;
  lossReason: LossReason | "";
  /** Owner before the MQL (a marketer for inbound leads), and the SDR/BDR who works it. */
  firstOwner: User;
  salesOwner: User;
}

/** The person behind a lead (and the contact it converts into). Personal data: it never leaves the warehouse. */
interface Person {
  name: PersonName;
  title: string;
  email: string;
  phone: string;
  mobile: string;
  /** Whether the lead carries the company's industry, revenue and size (forms often do not ask). */
  firmographics: boolean;
}

/** The outcome of an opportunity as far as it matters to what follows it. */
interface DealResult {
  id: string;
  outcome: "won" | "lost" | "open";
  closedAt: number;
  amount: number;
  lossReason: LossReason | "";
}

interface DealPlan {
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

interface HistoryEvent {
  time: number;
  actor: User;
  stage: number;
  amount: number;
  closeDay: number;
}

class OrgSimulation {
  private readonly rng: Random;
  private readonly personRng: Random;
  private readonly dealRng: Random;
  private readonly taskRng: Random;
  private readonly calendar: Calendar;
  private readonly ids: IdFactory;
  private readonly users: Users;
  private readonly accounts: Account[];
  private readonly campaigns: Campaign[];
  private readonly writers: Writers;
  private readonly pickInboundAccount: (rng: Random) => Account;
  private readonly pickOutboundAccount: (rng: Random) => Account;
  private readonly reapproachQueue = new MinHeap<Reapproach>((a, b) => a.due - b.due);
  private readonly openEngagements: Engagement[] = [];
  private readonly steadyChances = new Map<string, SteadyChance>();
  /** Per account, the times of its recent losses (lost deals, disqualified leads). */
  private readonly recentLosses: Array<number[] | undefined>;

  // Per-account state, in typed arrays so a million leads do not cost a million objects.
  readonly firstLeadAt: Float64Array;
  readonly lastLeadAt: Float64Array;
  readonly firstWonAt: Float64Array;
  readonly firstLeadSource: string[];
  readonly accountOwner: Array<User | undefined>;
  private readonly accountCsm: Array<User | undefined>;

  // Tallies for the summary.
  private leadCount = 0;
  private outboundLeads = 0;
  private readonly cohort = { inbound: { won: 0, leads: 0 }, outbound: { won: 0, leads: 0 } };
  private readonly closedDeals: Record<DealKind, [number, number]> = { "New Business": [0, 0], Renewal: [0, 0], Upsell: [0, 0] };
  private readonly bookings: Record<Tier, number> = { A: 0, B: 0, C: 0 };
  private openDeals = 0;
  private openPastClose = 0;

  constructor(inputs: SimulationInputs) {
    this.rng = inputs.rng.fork("leads");
    this.personRng = inputs.rng.fork("people");
    this.dealRng = inputs.rng.fork("deals");
    this.taskRng = inputs.rng.fork("tasks");
    this.calendar = inputs.calendar;
    this.ids = inputs.ids;
    this.users = inputs.users;
    this.accounts = inputs.accounts;
    this.campaigns = inputs.campaigns;
    this.writers = inputs.writers;
    // Accounts are drawn per burst: a tier with bigger bursts is drawn less often for the same lead volume.
    const perBurst = (a: Account, weight: number) => weight / TIER_PROFILES[a.tier].engagementSize;
    this.pickInboundAccount = weightedPicker(this.accounts, this.accounts.map((a) => perBurst(a, a.inboundWeight)));
    this.pickOutboundAccount = weightedPicker(this.accounts, this.accounts.map((a) => perBurst(a, a.outboundWeight)));
    const n = this.accounts.length;
    this.firstLeadAt = new Float64Array(n).fill(Infinity);
    this.lastLeadAt = new Float64Array(n).fill(-Infinity);
    this.firstWonAt = new Float64Array(n).fill(Infinity);
    this.firstLeadSource = new Array<string>(n).fill("");
    this.accountOwner = new Array<User | undefined>(n).fill(undefined);
    this.accountCsm = new Array<User | undefined>(n).fill(undefined);
    this.recentLosses = new Array<number[] | undefined>(n).fill(undefined);
  }

  /** Create one lead on `day` and everything that follows from it. */
  createLead(day: number): void {
    const rng = this.rng;
    const channel: Channel = this.decide("outbound", OUTBOUND_SHARE) ? "outbound" : "inbound";
    const engagement = this.engagementFor(channel, day);
    const { account, source } = engagement;
    const createdAt = officeTime(day, account.region, rng, true);
    const leadId = this.ids.next("Lead");

    // A re-approach timed to the customer's "revisit" date qualifies well; coming back soon after a loss
    // (the account said no a few weeks ago) rarely works.
    const timing = engagement.reapproach ? FUNNEL.reapproachQualify : this.lostRecently(account, createdAt) ? FUNNEL.soonAfterLossQualify : 1;
    const journey = this.planJourney(channel, source.intent * timing, account, createdAt);
    const campaign = campaignForLead(rng, this.campaigns, source.source, day);
    const cutoff = this.calendar.cutoff;
    const converted = journey.convertedAt < cutoff;
    const contactId = converted ? this.ids.next("Contact") : "";
    const person = this.makePerson(account);

    let deal: DealResult | undefined;
    if (converted) {
      this.writeContact(contactId, account, person, source.source, journey);
      deal = this.createNewBusiness(account, journey, source.source, campaign, channel);
    }
    this.writeLead(leadId, createdAt, account, person, source.source, journey, contactId, deal);
    if (campaign) this.writeCampaignMember(campaign, leadId, contactId, channel, journey, createdAt);
    this.writeLeadTasks(leadId, account, channel, journey, createdAt);

    const disqualified = journey.disqualifiedAt < cutoff;
    if (disqualified) this.recordLoss(account, journey.lossReason, journey.disqualifiedAt);
    this.recordLead(account, channel, source.source, createdAt, deal);
  }

  /**
   * A funnel decision (qualify, convert, win, …) drawn so that its rate over all records steadily follows
   * the records' probabilities (see SteadyChance): the story's rates do not drift with the seed.
   */
  private decide(decision: string, probability: number, rng: Random = this.rng): boolean {
    let chance = this.steadyChances.get(decision);
    if (!chance) this.steadyChances.set(decision, (chance = new SteadyChance(rng)));
    return chance.draw(probability);
  }

  /** Counts for the summary. */
  headline(): SampleSummary["headline"] {
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

  // ── leads ─────────────────────────────────────────────────────────────────────────────────────────

  /** Draw a lead's future: when it is worked, qualified, converted or disqualified, and by whom. */
  private planJourney(channel: Channel, intent: number, account: Account, createdAt: number): LeadJourney {
    const journey: LeadJourney = {
      touchedAt: Infinity,
      mqlAt: Infinity,
      sqlAt: Infinity,
      convertedAt: Infinity,
      disqualifiedAt: Infinity,
      lossReason: "",
      firstOwner: this.users.insideSalesManager,
      salesOwner: this.users.insideSalesManager,
    };
    if (channel === "inbound") this.planInboundJourney(journey, intent, account, createdAt);
    else this.planOutboundJourney(journey, intent, account, createdAt);
    return journey;
  }

  /** Marketing owns the lead until it is an MQL; then an SDR works it, qualifies it (SQL) and converts it. */
  private planInboundJourney(journey: LeadJourney, intent: number, account: Account, createdAt: number): void {
    const rng = this.rng;
    const funnel = FUNNEL.inbound;
    const region = account.region;
    const qualifies = Math.sqrt(intent) * TIER_PROFILES[account.tier].qualify;
    journey.firstOwner = this.assignee("marketer", createdAt, region);
    if (rng.chance(funnel.touched)) journey.touchedAt = timeAfter(createdAt, rng.exponential(1.5), region, rng);
    if (!this.decide("inbound/mql", Math.min(0.95, funnel.mql * qualifies))) {
      if (journey.touchedAt < Infinity && rng.chance(FUNNEL.disqualifyUnqualifiedInbound)) {
        this.disqualify(journey, timeAfter(journey.touchedAt, rng.uniform(20, 60), region, rng), REASONS_LEAD_UNQUALIFIED.inbound);
      }
      return;
    }
    // A demo request is an MQL within the day; other sources after a few days of nurture.
    journey.mqlAt = timeAfter(createdAt, intent > 1.2 ? rng.uniform(0.05, 1) : 0.2 + rng.exponential(4), region, rng);
    journey.touchedAt = Math.min(journey.touchedAt, journey.mqlAt);
    journey.salesOwner = this.assignee("sdr", journey.mqlAt, region);
    if (!this.decide("inbound/sql", Math.min(0.95, funnel.sqlGivenMql * qualifies))) {
      if (rng.chance(FUNNEL.disqualifyAfterMql)) {
        this.disqualify(journey, timeAfter(journey.mqlAt, rng.uniform(7, 45), region, rng), REASONS_LEAD_AFTER_QUALIFICATION);
      }
      return;
    }
    journey.sqlAt = timeAfter(journey.mqlAt, 0.5 + rng.exponential(6), region, rng);
    this.planConversion(journey, "inbound", funnel.convertGivenSql, region);
  }

  /** A BDR owns the lead from the start. Outbound leads skip marketing: the BDR's qualification is both the MQL and the SQL. */
  private planOutboundJourney(journey: LeadJourney, intent: number, account: Account, createdAt: number): void {
    const rng = this.rng;
    const funnel = FUNNEL.outbound;
    const region = account.region;
    journey.firstOwner = journey.salesOwner = this.assignee("bdr", createdAt, region);
    // Part of a purchased list is never worked at all.
    if (!rng.chance(funnel.touched * Math.min(1, intent + 0.2))) return;
    journey.touchedAt = timeAfter(createdAt, rng.exponential(2), region, rng);
    if (!this.decide("outbound/sql", Math.min(0.9, funnel.qualified * intent * TIER_PROFILES[account.tier].qualify))) {
      if (rng.chance(FUNNEL.disqualifyUnqualifiedOutbound)) {
        this.disqualify(journey, timeAfter(journey.touchedAt, rng.uniform(20, 70), region, rng), REASONS_LEAD_UNQUALIFIED.outbound);
      }
      return;
    }
    journey.mqlAt = journey.sqlAt = timeAfter(journey.touchedAt, rng.uniform(3, 45), region, rng);
    this.planConversion(journey, "outbound", funnel.convertGivenSql, region);
  }

  /** An SQL is converted into an opportunity within days, or disqualified after a few weeks. */
  private planConversion(journey: LeadJourney, channel: Channel, chance: number, region: Region): void {
    const rng = this.rng;
    if (this.decide(`${channel}/convert`, chance)) journey.convertedAt = timeAfter(journey.sqlAt, rng.exponential(2), region, rng);
    else this.disqualify(journey, timeAfter(journey.sqlAt, rng.uniform(10, 40), region, rng), REASONS_LEAD_AFTER_QUALIFICATION);
  }

  private disqualify(journey: LeadJourney, at: number, reasons: Partial<Record<LossReason, number>>): void {
    journey.disqualifiedAt = at;
    journey.lossReason = pickReason(this.rng, reasons);
  }

  /** The status a lead has at the cutoff, and the time of its last change. */
  private leadStatusAtCutoff(journey: LeadJourney, createdAt: number): { status: string; changedAt: number } {
    const cutoff = this.calendar.cutoff;
    if (journey.convertedAt < cutoff) return { status: "Closed - Converted", changedAt: journey.convertedAt };
    if (journey.disqualifiedAt < cutoff) return { status: "Closed - Not Converted", changedAt: journey.disqualifiedAt };
    if (journey.sqlAt < cutoff) return { status: "Sales Qualified", changedAt: journey.sqlAt };
    if (journey.mqlAt < cutoff) return { status: "Marketing Qualified", changedAt: journey.mqlAt };
    if (journey.touchedAt < cutoff) return { status: "Working - Contacted", changedAt: journey.touchedAt };
    return { status: "Open - Not Contacted", changedAt: createdAt };
  }

  private makePerson(account: Account): Person {
    const rng = this.personRng;
    const name = personName(rng, account.region);
    return {
      name,
      title: name.hangul && rng.chance(0.7) ? rng.pick(KOREAN_TITLES) : rng.pick(LEAD_TITLES),
      email: emailAddress(rng, name, account.domain),
      phone: rng.chance(0.85) ? phoneNumber(rng, account.country, false) : "",
      mobile: rng.chance(0.35) ? phoneNumber(rng, account.country, true) : "",
      firmographics: rng.chance(0.7),
    };
  }

  private writeLead(
    leadId: string,
    createdAt: number,
    account: Account,
    person: Person,
    source: string,
    journey: LeadJourney,
    contactId: string,
    deal: DealResult | undefined,
  ): void {
    const cutoff = this.calendar.cutoff;
    const { status, changedAt } = this.leadStatusAtCutoff(journey, createdAt);
    const closed = status.startsWith("Closed");
    // The current owner: the SDR/BDR once the lead is qualified (or the marketer before); a leaver's open
    // leads have been handed to a colleague.
    let owner = journey.mqlAt < cutoff ? journey.salesOwner : journey.firstOwner;
    if (!closed && owner.leaveTime < cutoff) owner = this.assignee(owner.role, owner.leaveTime, account.region);
    const converted = status === "Closed - Converted";
    const at = (time: number) => (time < cutoff ? formatDateTime(time) : "");
    this.writers.Lead.writeRow([
      leadId,
      "0",
      person.name.firstName,
      person.name.lastName,
      person.title,
      account.name,
      person.phone,
      person.mobile,
      person.email,
      source,
      status,
      person.firmographics ? account.industry : "",
      person.firmographics ? account.annualRevenue : "",
      person.firmographics ? account.employees : "",
      owner.id,
      converted ? "1" : "0",
      converted ? formatDate(journey.convertedAt) : "",
      converted ? account.id : EMPTY_LOOKUP,
      converted ? contactId : EMPTY_LOOKUP,
      converted && deal ? deal.id : EMPTY_LOOKUP,
      formatDateTime(createdAt),
      formatDateTime(changedAt),
      account.country,
      at(journey.mqlAt),
      at(journey.sqlAt),
      status === "Closed - Not Converted" ? journey.lossReason : "",
    ]);
  }

  private writeContact(contactId: string, account: Account, person: Person, source: string, journey: LeadJourney): void {
    this.writers.Contact.writeRow([
      contactId,
      "0",
      account.id,
      person.name.firstName,
      person.name.lastName,
      person.email,
      person.phone || person.mobile,
      person.title,
      source,
      journey.salesOwner.id,
      formatDateTime(journey.convertedAt),
    ]);
  }

  private writeCampaignMember(campaign: Campaign, leadId: string, contactId: string, channel: Channel, journey: LeadJourney, createdAt: number): void {
    const cutoff = this.calendar.cutoff;
    // Inbound leads exist because they responded; an outbound sequence's lead responds only if qualified.
    const respondedAt = channel === "inbound" ? createdAt : journey.sqlAt < cutoff ? journey.sqlAt : Infinity;
    const status = respondedAt === Infinity ? "Sent" : campaign.type === "Webinar" || campaign.type === "Event" ? "Attended" : "Responded";
    this.writers.CampaignMember.writeRow([
      this.ids.next("CampaignMember"),
      "0",
      campaign.id,
      leadId,
      contactId,
      status,
      respondedAt === Infinity ? "0" : "1",
      formatDateTime(createdAt),
      respondedAt === Infinity ? "" : formatDate(respondedAt),
    ]);
  }

  private recordLead(account: Account, channel: Channel, source: string, createdAt: number, deal: DealResult | undefined): void {
    const i = account.index;
    if (createdAt < (this.firstLeadAt[i] as number)) {
      this.firstLeadAt[i] = createdAt;
      this.firstLeadSource[i] = source;
    }
    this.lastLeadAt[i] = Math.max(this.lastLeadAt[i] as number, createdAt);
    this.leadCount++;
    if (channel === "outbound") this.outboundLeads++;
    if (dayOf(createdAt) < this.calendar.cohortEndDay) {
      const tally = this.cohort[channel];
      tally.leads++;
      if (deal?.outcome === "won") tally.won++;
    }
  }

  /**
   * The engagement a new lead belongs to. Leads come from accounts in bursts: colleagues who attend the
   * same webinar, the contacts of one outbound sequence. A burst stays open for a week; a lead joins an
   * open burst of its channel, or starts a new one: a re-approach that has come due (outbound), or an
   * account drawn by its lead volume. Between bursts an account is quiet, so a loss is followed by a
   * comeback weeks or months later, not by the next lead the same day.
   */
  private engagementFor(channel: Channel, day: number): Engagement {
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
    const rng = this.rng;
    const reapproach = channel === "outbound" ? this.takeDueReapproach(day) : undefined;
    const account = reapproach ? (this.accounts[reapproach.account] as Account) : channel === "inbound" ? this.pickInboundAccount(rng) : this.pickOutboundAccount(rng);
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
  private lostRecently(account: Account, time: number): boolean {
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
      const cameBack = (this.lastLeadAt[next.account] as number) > next.lostAt;
      const missed = endOfDay - next.due > 45 * DAY;
      if (!cameBack && !missed) return next;
    }
    return undefined;
  }

  /** A lost deal or disqualified lead: remembered for a while, and queued for a re-approach if the customer asked to revisit. */
  private recordLoss(account: Account, reason: LossReason | "", lostAt: number): void {
    const losses = this.recentLosses[account.index];
    if (losses) losses.push(lostAt);
    else this.recentLosses[account.index] = [lostAt];
    const months = revisitMonths(reason);
    if (months === 0 || !this.decide("reapproach", FUNNEL.reapproachShare)) return;
    const due = lostAt + months * MONTH_DAYS * DAY * this.rng.uniform(0.92, 1.12);
    if (due < this.calendar.cutoff) this.reapproachQueue.push({ due, account: account.index, lostAt });
  }

  // ── users ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A member of `role` active at `time`, preferring the account's region; AEs still ramping get fewer
   * new deals. Falls back to any member of the role if nobody was active (a gap between a leaver and
   * the next hire).
   */
  private assignee(role: Role, time: number, region: Region): User {
    const team = role === "manager" ? [this.users.insideSalesManager] : this.users.byRole[role];
    const weights = team.map((user) => {
      if (!isActiveAt(user, time)) return 0;
      const regional = user.region === region ? 4 : 1;
      const ramp = role === "ae" ? RAMP.startingDealShare + (1 - RAMP.startingDealShare) * rampProgress(user, time) : 1;
      return regional * ramp;
    });
    if (weights.every((w) => w === 0)) return team.find((u) => u.leaveTime === Infinity) ?? (team[0] as User);
    return this.rng.weighted(team, weights);
  }

  /** The owner of a record at `time`: the original owner, or who took over after they left. */
  private ownerAt(original: User, replacement: User, time: number): User {
    return time < original.leaveTime ? original : replacement;
  }

  // ── opportunities ─────────────────────────────────────────────────────────────────────────────────

  private createNewBusiness(account: Account, journey: LeadJourney, source: string, campaign: Campaign | undefined, channel: Channel): DealResult {
    const rng = this.dealRng;
    const tier = TIER_PROFILES[account.tier];
    const createdAt = journey.convertedAt;
    const owner = this.assignee("ae", createdAt, account.region);
    const competitors = this.drawCompetitors();
    const competitorFactor = competitors.length === 0 ? NO_COMPETITOR_WIN : competitors.reduce((f, c) => f * c.win, 1);
    const rampFactor = RAMP.startingWinFactor + (1 - RAMP.startingWinFactor) * rampProgress(owner, createdAt);
    const winProbability = clamp(FUNNEL[channel].win * tier.win * competitorFactor * rampFactor * owner.skill, 0.01, 0.92);
    // Reps forecast optimistically: the first close date is shorter than the typical cycle.
    const expectedDays = STAGE_DAYS.reduce((sum, s) => sum + s.min + s.mean, 0) * tier.cycle * rng.uniform(0.6, 1.0);
    const result = this.simulateDeal({
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
    this.accountOwner[account.index] = owner.leaveTime < this.calendar.cutoff ? this.assignee("ae", owner.leaveTime, account.region) : owner;
    if (result.outcome === "won") this.onWon(account, result);
    return result;
  }

  private drawCompetitors(): CompetitorProfile[] {
    const rng = this.dealRng;
    if (!this.decide("competitor", COMPETITOR_SHARE, rng)) return [];
    const weights = COMPETITORS.map((c) => c.weight);
    const first = rng.weighted(COMPETITORS, weights);
    if (!rng.chance(SECOND_COMPETITOR_SHARE)) return [first];
    const others = COMPETITORS.filter((c) => c !== first);
    return [first, rng.weighted(others, others.map((c) => c.weight))];
  }

  /** A won deal makes a customer: customer success renews it about eleven months later and may upsell. */
  private onWon(account: Account, won: DealResult): void {
    const rng = this.dealRng;
    const i = account.index;
    this.firstWonAt[i] = Math.min(this.firstWonAt[i] as number, won.closedAt);
    let csm = this.accountCsm[i];
    if (!csm || !isActiveAt(csm, won.closedAt)) csm = this.assignee("csm", won.closedAt, account.region);
    this.accountCsm[i] = csm;
    this.createRenewal(account, won, csm);
    if (this.decide("upsell", TIER_PROFILES[account.tier].upsell, rng)) this.createUpsell(account, won, csm);
  }

  private createRenewal(account: Account, won: DealResult, csm: User): void {
    const rng = this.dealRng;
    const contractEnd = won.closedAt + 365 * DAY;
    const createdAt = officeTime(dayOf(won.closedAt) + rng.int(320, 340), account.region, rng);
    if (createdAt >= this.calendar.cutoff) return;
    const owner = isActiveAt(csm, createdAt) ? csm : this.assignee("csm", createdAt, account.region);
    const result = this.simulateDeal({
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
    if (result.outcome === "won") this.createRenewal(account, result, owner);
  }

  private createUpsell(account: Account, won: DealResult, csm: User): void {
    const rng = this.dealRng;
    const tier = TIER_PROFILES[account.tier];
    const createdAt = officeTime(dayOf(won.closedAt) + rng.int(120, 330), account.region, rng);
    if (createdAt >= this.calendar.cutoff) return;
    const owner = isActiveAt(csm, createdAt) ? csm : this.assignee("csm", createdAt, account.region);
    this.simulateDeal({
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

  /**
   * Play one deal out: which stage it reaches, when each change happens, close-date pushes and
   * amount changes; then write its history, competitors, tasks and the opportunity as it stands at the
   * cutoff.
   */
  private simulateDeal(plan: DealPlan): DealResult {
    const rng = this.dealRng;
    const cutoff = this.calendar.cutoff;
    const region = plan.account.region;
    const id = this.ids.next("Opportunity");

    const wins = this.decide(`win/${plan.decisionKey}`, plan.winProbability, rng);
    const lostAtPosition = wins ? -1 : this.lossPosition(plan);
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
    const handover = plan.owner.leaveTime < Math.min(closedAt, cutoff) ? this.assignee(plan.owner.role, plan.owner.leaveTime, region) : plan.owner;

    const events = this.dealHistory(plan, entries, lastPosition, closedAt, lostAtPosition < 0, handover);
    const visible = events.filter((event) => event.time < cutoff);
    const final = visible[visible.length - 1] as HistoryEvent;
    this.writeHistory(id, visible);

    const competitorRows = this.writeCompetitors(id, plan, handover, outcome === "open" ? cutoff : closedAt);
    const lossReason = outcome === "lost" ? this.dealLossReason(plan, competitorRows) : "";
    if (lossReason && plan.kind !== "Renewal") this.recordLoss(plan.account, lossReason, closedAt);

    const owner = this.ownerAt(plan.owner, handover, Math.min(closedAt, cutoff - 1));
    this.writeOpportunity(id, plan, visible, outcome, owner, lossReason);
    this.writeDealTasks(id, plan, owner, closedAt, outcome);
    this.recordDeal(plan, outcome, final);
    return { id, outcome, closedAt, amount: final.amount, lossReason };
  }

  /** The opportunity as it stands at the cutoff: the state of its last visible history event. */
  private writeOpportunity(id: string, plan: DealPlan, visible: HistoryEvent[], outcome: DealResult["outcome"], owner: User, lossReason: string): void {
    const final = visible[visible.length - 1] as HistoryEvent;
    const stage = STAGES[final.stage] as (typeof STAGES)[number];
    let lastStageChangeAt = plan.createdAt;
    for (let i = 1; i < visible.length; i++) if (visible[i]?.stage !== visible[i - 1]?.stage) lastStageChangeAt = (visible[i] as HistoryEvent).time;
    const closeDate = new Date(final.closeDay * DAY * 1000);
    this.writers.Opportunity.writeRow([
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
  private lossPosition(plan: DealPlan): number {
    const advance = plan.exitWeights.map((weight) => Math.pow(plan.winProbability, weight));
    let reach = 1;
    const weights = advance.map((a) => {
      const stopHere = reach * (1 - a);
      reach *= a;
      return stopHere;
    });
    return this.dealRng.weighted(advance.map((_, position) => position), weights);
  }

  /** The deal's history events: one per stage entry, close-date pushes, an amount change, the close. */
  private dealHistory(plan: DealPlan, entries: number[], lastPosition: number, closedAt: number, willWin: boolean, handover: User): HistoryEvent[] {
    const rng = this.dealRng;
    const cutoff = this.calendar.cutoff;
    const region = plan.account.region;
    const actor = (time: number) => (time === plan.createdAt ? plan.creator : this.ownerAt(plan.owner, handover, time));

    // Stage entries, with the amount revised at the proposal (the quote replaces the first estimate).
    const stageEvents: Array<{ time: number; stage: number; amountFactor: number }> = entries.map((time, position) => ({
      time,
      stage: plan.stages[position] as number,
      amountFactor: plan.stages[position] === 2 && rng.chance(0.5) ? rng.lognormal(1, 0.15) : 1,
    }));
    // A discount during negotiation, for some deals.
    if (plan.stages[lastPosition] === 3 && rng.chance(0.4)) {
      const from = entries[lastPosition] as number;
      stageEvents.push({ time: from + Math.floor((closedAt - from) * rng.uniform(0.3, 0.8)), stage: 3, amountFactor: rng.uniform(0.85, 0.97) });
    }
    // The close (it is cut off later, with everything else after the cutoff, if the deal is still open).
    stageEvents.push({ time: closedAt, stage: willWin ? WON : LOST, amountFactor: 1 });

    const pushes = this.closeDatePushes(plan, entries, closedAt);

    // Merge in time order and carry the running state forward.
    const merged = [
      ...stageEvents.map((e) => ({ ...e, push: undefined as number | undefined })),
      ...pushes.map((p) => ({ time: p.time, stage: -1, amountFactor: 1, push: p.closeDay as number | undefined })),
    ].sort((a, b) => a.time - b.time);
    const events: HistoryEvent[] = [];
    let state: HistoryEvent = { time: plan.createdAt, actor: plan.creator, stage: plan.stages[0] as number, amount: plan.amount, closeDay: plan.expectedCloseDay };
    for (const event of merged) {
      const stage = event.stage >= 0 ? event.stage : state.stage;
      const closed = stage === WON || stage === LOST;
      state = {
        time: event.time,
        actor: actor(event.time),
        stage,
        amount: roundTo(state.amount * event.amountFactor, 3),
        closeDay: closed ? dayOf(event.time) : (event.push ?? state.closeDay),
      };
      events.push(state);
    }
    return events;
  }

  /**
   * Close-date pushes. Reps slip some deals a month while a stage drags on; and when the close date
   * passes with the deal still open, the owner usually moves it out a month or two. Some never do:
   * those deals sit in the pipeline past their close date.
   */
  private closeDatePushes(plan: DealPlan, entries: number[], closedAt: number): Array<{ time: number; closeDay: number }> {
    const rng = this.dealRng;
    const region = plan.account.region;
    const end = Math.min(closedAt, this.calendar.cutoff);
    const stillOpen = closedAt >= this.calendar.cutoff;
    // A slip happens in a stage that drags on (ten days or more), not in one the deal passes quickly.
    const slips = entries
      .map((entered, i) => ({ entered, left: entries[i + 1] ?? closedAt }))
      .filter(({ entered, left }) => plan.closeNear === undefined && left - entered >= 10 * DAY && rng.chance(MID_STAGE_SLIP_SHARE))
      .map(({ entered, left }) => entered + Math.floor((left - entered) * rng.uniform(0.3, 0.7)));
    const pushes: Array<{ time: number; closeDay: number }> = [];
    let closeDay = plan.expectedCloseDay;
    let last = plan.createdAt;
    let ownerKeepsUp = true;
    for (;;) {
      const dueAt = ownerKeepsUp && (closeDay + 1) * DAY < end ? Math.max(last + 3600, officeTime(closeDay - rng.int(0, 3), region, rng)) : Infinity;
      const slipAt = slips.find((time) => time > last) ?? Infinity;
      const time = Math.min(dueAt, slipAt);
      if (time >= end) break;
      if (time === dueAt && !rng.chance(stillOpen ? OPEN_DEAL_PUSH_SHARE : 0.6)) {
        ownerKeepsUp = false;
        continue;
      }
      closeDay = endOfMonth(Math.max(closeDay, dayOf(time)) + (rng.chance(0.3) ? 50 : 20));
      pushes.push({ time, closeDay });
      last = time;
    }
    return pushes;
  }

  private writeHistory(opportunityId: string, events: HistoryEvent[]): void {
    let lastStageChange = 0;
    let lastForecastChange = 0;
    events.forEach((event, i) => {
      const previous = events[i - 1];
      const next = events[i + 1];
      const stage = STAGES[event.stage] as (typeof STAGES)[number];
      const previousStage = previous ? (STAGES[previous.stage] as (typeof STAGES)[number]) : undefined;
      const createdDate = formatDateTime(event.time);
      this.writers.OpportunityHistory.writeRow([
        this.ids.next("OpportunityHistory"),
        opportunityId,
        event.actor.id,
        createdDate,
        createdDate,
        stage.name,
        event.amount,
        Math.round((event.amount * stage.probability) / 100),
        formatDate(event.closeDay * DAY),
        stage.probability,
        previousStage ? previousStage.forecast : "",
        stage.forecast,
        previousStage ? formatDateTime(lastForecastChange) : "",
        previousStage ? previousStage.name : "",
        previousStage ? formatDateTime(lastStageChange) : "",
        "USD",
        next ? formatDateTime(next.time) : "",
        createdDate,
        "0",
        previous ? previous.amount : "",
        previous ? formatDate(previous.closeDay * DAY) : "",
      ]);
      if (!previous || previous.stage !== event.stage) lastStageChange = event.time;
      if (!previousStage || previousStage.forecast !== stage.forecast) lastForecastChange = event.time;
    });
  }

  /** Competitor rows, named within two weeks of creation (and before the deal closes). */
  private writeCompetitors(opportunityId: string, plan: DealPlan, handover: User, until: number): CompetitorProfile[] {
    const rng = this.dealRng;
    const written: CompetitorProfile[] = [];
    let time = plan.createdAt;
    for (const competitor of plan.competitors) {
      time = Math.min(timeAfter(time, rng.uniform(1, 14), plan.account.region, rng), until - 60);
      if (time >= this.calendar.cutoff || time <= plan.createdAt) continue;
      const by = this.ownerAt(plan.owner, handover, time).id;
      const at = formatDateTime(time);
      this.writers.OpportunityCompetitor.writeRow([this.ids.next("OpportunityCompetitor"), opportunityId, competitor.name, competitor.strengths, competitor.weaknesses, by, at, by, at, at, "0"]);
      written.push(competitor);
    }
    return written;
  }

  private dealLossReason(plan: DealPlan, competitors: CompetitorProfile[]): LossReason {
    const rng = this.dealRng;
    if (plan.kind === "Renewal") return pickReason(rng, REASONS_RENEWAL_LOST);
    if (competitors.length > 0 && this.decide("lost-to-competitor", LOST_TO_COMPETITOR_SHARE, rng)) return "Lost to competitor";
    return pickReason(rng, REASONS_DEAL_LOST);
  }

  private recordDeal(plan: DealPlan, outcome: DealResult["outcome"], final: HistoryEvent): void {
    if (outcome === "open") {
      this.openDeals++;
      if (final.closeDay < this.calendar.lastDay) this.openPastClose++;
      return;
    }
    const tally = this.closedDeals[plan.kind];
    if (outcome === "won") {
      tally[0]++;
      this.bookings[plan.account.tier] += final.amount;
    } else tally[1]++;
  }

  // ── tasks ─────────────────────────────────────────────────────────────────────────────────────────

  /** Calls and e-mails by the SDR/BDR while working a lead; a qualification meeting for qualified ones. */
  private writeLeadTasks(leadId: string, account: Account, channel: Channel, journey: LeadJourney, createdAt: number): void {
    const rng = this.taskRng;
    const cutoff = this.calendar.cutoff;
    const activity = TIER_PROFILES[account.tier].activity;
    const workedFrom = channel === "inbound" ? journey.mqlAt : journey.touchedAt;
    if (workedFrom >= cutoff) return;
    const workedUntil = Math.min(journey.convertedAt, journey.disqualifiedAt, workedFrom + 30 * DAY, cutoff);
    const touches = rng.poisson((channel === "inbound" ? 0.6 : 0.3) * activity);
    for (let i = 0; i < touches; i++) {
      const time = Math.min(workedUntil - 60, officeTime(dayOf(rng.uniform(workedFrom, workedUntil)), account.region, rng));
      this.writeTask(rng.chance(0.55) ? "Call" : "Email", leadId, "", "", journey.salesOwner, Math.max(time, createdAt), false);
    }
    if (journey.sqlAt < cutoff && rng.chance(0.5)) this.writeTask("Meeting: qualification", leadId, "", "", journey.salesOwner, journey.sqlAt, false);
  }

  /** Calls, e-mails and meetings on a deal (more on A accounts); open deals have a next step planned. */
  private writeDealTasks(opportunityId: string, plan: DealPlan, owner: User, closedAt: number, outcome: DealResult["outcome"]): void {
    const rng = this.taskRng;
    const cutoff = this.calendar.cutoff;
    const end = Math.min(closedAt, cutoff);
    const activity = TIER_PROFILES[plan.account.tier].activity;
    const count = rng.poisson((plan.kind === "New Business" ? 1.6 : 0.9) * activity);
    for (let i = 0; i < count; i++) {
      const time = Math.min(end - 60, officeTime(dayOf(rng.uniform(plan.createdAt, end)), plan.account.region, rng));
      const kind = rng.weighted(["Call", "Email", "Meeting"] as const, [35, 40, 25]);
      this.writeTask(kind === "Meeting" ? rng.pick(["Meeting: demo", "Meeting: discovery", "Meeting: proposal review"]) : kind, "", opportunityId, plan.account.id, owner, Math.max(time, plan.createdAt), false);
    }
    if (outcome === "open" && rng.chance(0.5)) {
      const due = officeTime(this.calendar.lastDay + rng.int(1, 14), plan.account.region, rng);
      this.writeTask(rng.chance(0.5) ? "Call" : "Meeting: proposal review", "", opportunityId, plan.account.id, owner, due, true);
    }
  }

  /** One task. `subject` starts with its kind (Call, Email, Meeting); future tasks are still open. */
  private writeTask(subject: string, whoId: string, whatId: string, accountId: string, owner: User, time: number, planned: boolean): void {
    const rng = this.taskRng;
    const kind = subject.startsWith("Meeting") ? "Meeting" : subject.startsWith("Email") ? "Email" : "Call";
    const text = kind === "Email" ? rng.pick(["Email: follow-up", "Email: intro", "Email: proposal sent"]) : kind === "Call" ? rng.pick(["Call", "Call: follow-up", "Call: check-in"]) : subject;
    const createdAt = planned ? this.calendar.cutoff - rng.int(3600, 5 * DAY) : time;
    this.writers.Task.writeRow([
      this.ids.next("Task"),
      "0",
      whoId,
      whatId,
      accountId,
      text,
      formatDate(time),
      planned ? "Not Started" : "Completed",
      rng.chance(0.15) ? "High" : "Normal",
      owner.id,
      kind,
      kind === "Meeting" ? "Task" : kind,
      planned ? "0" : "1",
      formatDateTime(createdAt),
      kind === "Call" && !planned ? Math.round(clamp(rng.lognormal(180, 0.9), 15, 3600)) : "",
    ]);
  }
}

function pickReason(rng: Random, weights: Partial<Record<LossReason, number>>): LossReason {
  const reasons = Object.keys(weights) as LossReason[];
  return rng.weighted(reasons, reasons.map((r) => weights[r] ?? 0));
}

/** N for "Revisit in N months", 0 for other reasons. */
function revisitMonths(reason: string): number {
  const match = /^Revisit in (\d+) months$/.exec(reason);
  return match ? Number(match[1]) : 0;
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Rows for the small objects
// ────────────────────────────────────────────────────────────────────────────────────────────────────

function writeUsers(writer: CsvFileWriter, users: Users): void {
  for (const user of users.all) {
    writer.writeRow([
      user.id,
      user.email,
      user.firstName,
      user.lastName,
      user.email,
      user.title,
      user.department,
      user.roleId,
      user.leaveTime === Infinity ? "1" : "0",
      user.managerId,
      formatDateTime(user.startTime - 7 * DAY),
      formatDate(user.startTime),
      user.region,
    ]);
  }
}

function writeCampaigns(writer: CsvFileWriter, campaigns: Campaign[], calendar: Calendar): void {
  for (const campaign of campaigns) {
    const status = campaignStatus(campaign, calendar);
    const spent = status === "Completed" ? 1 : status === "Planned" ? 0 : (calendar.lastDay - campaign.startDay) / Math.max(1, campaign.endDay - campaign.startDay);
    writer.writeRow([
      campaign.id,
      "0",
      campaign.name,
      campaign.type,
      status,
      formatDate(campaign.startDay * DAY),
      formatDate(campaign.endDay * DAY),
      campaign.budget,
      status === "Planned" ? "" : roundTo(campaign.budget * spent * campaign.costRatio, 3),
      status === "Completed" ? "0" : "1",
      campaign.ownerId,
      formatDateTime(campaign.createdAt),
    ]);
  }
}

/** Accounts last: their type, owner and dates depend on everything that happened to them. */
function writeAccounts(writer: CsvFileWriter, accounts: Account[], simulation: OrgSimulation, rng: Random, calendar: Calendar, users: Users): void {
  const aes = users.byRole.ae;
  const activeAes = aes.filter((u) => u.leaveTime === Infinity);
  for (const account of accounts) {
    const i = account.index;
    const firstLead = simulation.firstLeadAt[i] as number;
    // Some accounts were imported long before their first lead; most are created just before it.
    const legacy = firstLead === Infinity || rng.chance(0.3);
    const createdAt = legacy
      ? officeTime(rng.int(dayOf(Date.UTC(2019, 0, 1) / 1000), Math.min(calendar.firstDay, dayOf(firstLead)) - 1), account.region, rng)
      : Math.max(firstLead - rng.int(600, 20 * DAY), calendar.firstDay * DAY - 30 * DAY);
    const wonAt = simulation.firstWonAt[i] as number;
    const customer = wonAt < calendar.cutoff;
    const regional = activeAes.filter((u) => u.region === account.region);
    const owner = simulation.accountOwner[i] ?? rng.pick(regional.length > 0 ? regional : activeAes.length > 0 ? activeAes : aes);
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
      simulation.firstLeadSource[i] || "Purchased List",
      "USD",
      account.tier,
    ]);
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────────
// Small helpers
// ────────────────────────────────────────────────────────────────────────────────────────────────────

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Round to `significant` significant digits (amounts and revenues look typed in, not computed). */
function roundTo(value: number, significant: number): number {
  if (value <= 0) return 0;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)) - significant + 1);
  return Math.round(value / magnitude) * magnitude;
}

function keysOf<K extends string>(record: Record<K, unknown>): K[] {
  return Object.keys(record) as K[];
}

/** A binary min-heap, for the re-approach queue. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
        if (right < items.length && this.compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
        i = smallest;
      }
    }
    return top;
  }
}
