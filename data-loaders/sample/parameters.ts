/**
 * The model's parameters: the sizes, shares and rates that make the sample tell its story (see the
 * overview in generate.ts). Calibrated by measuring the output (docs/sample-data.md); change them together
 * with the docs and the tests in test/sample/generate.test.ts.
 */
import type { LossReason } from "./loss-reasons.ts";

export type Tier = "A" | "B" | "C";
export type Region = "Seoul" | "Busan" | "APAC" | "North America" | "EMEA";
export type Channel = "inbound" | "outbound";

export const TIERS: readonly Tier[] = ["A", "B", "C"];

export interface TierProfile {
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

export const TIER_PROFILES: Record<Tier, TierProfile> = {
  A: { inboundLeadShare: 0.27, outboundLeadShare: 0.37, qualify: 1.25, win: 1.3, dealMedian: 42_000, engagementSize: 5, cycle: 1.35, activity: 1.7, renewal: 0.89, upsell: 0.45 },
  B: { inboundLeadShare: 0.31, outboundLeadShare: 0.35, qualify: 1.05, win: 1.0, dealMedian: 16_000, engagementSize: 4, cycle: 1.1, activity: 1.0, renewal: 0.845, upsell: 0.3 },
  C: { inboundLeadShare: 0.42, outboundLeadShare: 0.28, qualify: 0.85, win: 0.72, dealMedian: 6_500, engagementSize: 2.2, cycle: 0.9, activity: 0.7, renewal: 0.785, upsell: 0.15 },
};

export const OUTBOUND_SHARE = 0.6;
/** How long a loss keeps an account cool: see FUNNEL.soonAfterLossQualify. */
export const SOON_AFTER_LOSS_DAYS = 90;
/** Days a burst of leads from one account stays open for more leads to join it. */
export const ENGAGEMENT_OPEN_DAYS = 7;
/** Re-approaching a "Revisit in N months" account is an outbound call by inside sales. */
export const REAPPROACH_SOURCE = { source: "Outbound Call", intent: 1.25 };

/** Lead source mix per channel, and how much buying intent each source signals (multiplies qualification). */
export const SOURCE_PROFILES: Record<Channel, ReadonlyArray<{ source: string; weight: number; intent: number }>> = {
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

/** The LeadSource values of each channel (the sources of SOURCE_PROFILES). */
export const INBOUND_SOURCES = ["Web", "Webinar", "Content Download", "Demo Request", "Event", "Partner Referral"] as const;
export const OUTBOUND_SOURCES = ["Outbound Call", "Cold Email", "Purchased List"] as const;

/** The funnel's base rates before tier, source, rep and competitor effects. */
export const FUNNEL = {
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

export interface CompetitorProfile {
  name: string;
  /** How often a deal meets this competitor, relative to the others. */
  weight: number;
  /** Multiplies our chance to win a deal where this competitor is present. */
  win: number;
  strengths: string;
  weaknesses: string;
}

export const COMPETITORS: readonly CompetitorProfile[] = [
  { name: "Salesbridge", weight: 25, win: 1.25, strengths: "Well-known brand", weaknesses: "Slow onboarding, expensive add-ons" },
  { name: "PipeCloud", weight: 25, win: 0.9, strengths: "Low entry price", weaknesses: "Limited reporting" },
  { name: "Dealwise", weight: 20, win: 0.72, strengths: "Strong forecasting features", weaknesses: "Few local references" },
  { name: "Kmetric", weight: 18, win: 0.56, strengths: "Local support and Korean-language product", weaknesses: "Weak integrations" },
  { name: "Orbital CRM", weight: 12, win: 0.45, strengths: "Bundled with existing ERP contracts", weaknesses: "Rigid customisation" },
];
/** Our win multiplier when no competitor is named on the deal. */
export const NO_COMPETITOR_WIN = 1.15;
export const COMPETITOR_SHARE = 0.5;
export const SECOND_COMPETITOR_SHARE = 0.15;

/** New AEs: deals assigned and win rate grow linearly over the first months after their start date. */
export const RAMP = { months: 6, startingWinFactor: 0.25, startingDealShare: 0.3 };

/** Stages, in order, with their probability and forecast category (API value, and label on Opportunity). */
export const STAGES = [
  { name: "Qualification", probability: 10, forecast: "Pipeline", forecastLabel: "Pipeline" },
  { name: "Discovery", probability: 25, forecast: "Pipeline", forecastLabel: "Pipeline" },
  { name: "Proposal/Price Quote", probability: 50, forecast: "BestCase", forecastLabel: "Best Case" },
  { name: "Negotiation/Review", probability: 75, forecast: "Forecast", forecastLabel: "Commit" },
  { name: "Closed Won", probability: 100, forecast: "Closed", forecastLabel: "Closed" },
  { name: "Closed Lost", probability: 0, forecast: "Omitted", forecastLabel: "Omitted" },
] as const;
export const WON = 4;
export const LOST = 5;

/** Mean days in each open stage of a new-business deal (before the tier's cycle factor), and a minimum. */
export const STAGE_DAYS = [
  { min: 2, mean: 8 },
  { min: 4, mean: 14 },
  { min: 4, mean: 14 },
  { min: 3, mean: 12 },
];
/** Share of new-business and upsell deals that stall in one stage. */
export const STALLED_DEAL_SHARE = 0.2;
/** Chance that the owner of a still-open deal moves its close date out once it has passed (the rest age in the pipeline). */
export const OPEN_DEAL_PUSH_SHARE = 0.45;
/** Chance, per stage lasting ten days or more, that the rep slips the close date a month while the deal is in it. */
export const MID_STAGE_SLIP_SHARE = 0.75;
/**
 * How the chance of losing is spread over the open stages: the chance of advancing from stage i is
 * p^weight[i], so the product over the path is the deal's win probability p.
 */
export const NEW_BUSINESS_EXIT_WEIGHTS = [0.32, 0.26, 0.24, 0.18];
export const RENEWAL_EXIT_WEIGHTS = [0.1, 0.25, 0.65];

export const REASONS_LEAD_UNQUALIFIED: Record<Channel, Partial<Record<LossReason, number>>> = {
  outbound: { Unreachable: 45, "No need": 25, "No budget": 12, "Revisit in 3 months": 6, "Revisit in 6 months": 7, "Revisit in 12 months": 5 },
  inbound: { Unreachable: 35, "No need": 30, "No budget": 15, "Revisit in 3 months": 6, "Revisit in 6 months": 8, "Revisit in 12 months": 6 },
};
export const REASONS_LEAD_AFTER_QUALIFICATION: Partial<Record<LossReason, number>> = {
  "No budget": 30, "No need": 20, Unreachable: 10, "Revisit in 3 months": 12, "Revisit in 6 months": 16, "Revisit in 12 months": 12,
};
export const REASONS_DEAL_LOST: Partial<Record<LossReason, number>> = {
  "No budget": 33, "No need": 25, Unreachable: 12, "Revisit in 3 months": 10, "Revisit in 6 months": 12, "Revisit in 12 months": 8,
};
/** Share of lost deals with a competitor on them that are lost to it. */
export const LOST_TO_COMPETITOR_SHARE = 0.55;
export const REASONS_RENEWAL_LOST: Partial<Record<LossReason, number>> = { "No budget": 45, "No need": 40, Unreachable: 15 };

export const REGION_WEIGHTS: Record<Region, number> = { Seoul: 38, Busan: 9, APAC: 20, "North America": 18, EMEA: 15 };
export const COUNTRIES: Record<Region, readonly string[]> = {
  Seoul: ["South Korea"],
  Busan: ["South Korea"],
  APAC: ["Japan", "Singapore", "Australia", "Taiwan", "Vietnam"],
  "North America": ["United States", "United States", "United States", "Canada"],
  EMEA: ["United Kingdom", "Germany", "France", "Netherlands", "United Arab Emirates"],
};
/** Office hours in UTC, [from, to) in hours: when people in the region create and change records. */
export const OFFICE_HOURS_UTC: Record<Region, [number, number]> = {
  Seoul: [0, 9.5],
  Busan: [0, 9.5],
  APAC: [0, 9.5],
  "North America": [14, 23.5],
  EMEA: [8, 17],
};
export const INDUSTRIES = ["Manufacturing", "Technology", "Retail", "Logistics", "Financial Services", "Healthcare", "Construction", "Media", "Education", "Energy", "Food & Beverage", "Chemicals"];
