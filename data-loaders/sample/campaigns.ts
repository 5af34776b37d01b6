/**
 * Campaigns: a few dozen over the two years, scheduled relative to asOf (webinars, content, events, paid
 * search, BDR outbound sequences, partner programmes), and which campaign a lead responded to.
 */
import type { Calendar } from "./calendar.ts";
import type { CsvFileWriter } from "./csv.ts";
import type { IdFactory } from "./ids.ts";
import { roundTo } from "./numbers.ts";
import type { Users } from "./organisation.ts";
import type { Random } from "./random.ts";
import { DAY, formatDate, formatDateTime, officeTime } from "./time.ts";

export type CampaignType = "Webinar" | "Content" | "Event" | "Paid Search" | "Outbound Sequence" | "Partner";

/** A campaign as planned; its status and actual cost follow from asOf (writeCampaigns). */
export interface Campaign {
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

/** The campaigns of the two years and the next two months, with ids in creation order. */
export function buildCampaigns(rng: Random, calendar: Calendar, users: Users, ids: IdFactory): Campaign[] {
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
export function campaignForLead(rng: Random, campaigns: Campaign[], source: string, day: number): Campaign | undefined {
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

/** The Campaign rows: status and actual cost as they stand at asOf. */
export function writeCampaigns(writer: CsvFileWriter, campaigns: Campaign[], calendar: Calendar): void {
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
