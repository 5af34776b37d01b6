/**
 * Leads, created in time order: each comes from an engagement (a burst of leads from one account), gets
 * its whole journey drawn at once (lead-journey.ts), and is written as it stands at the cutoff, with its
 * contact, new-business opportunity, campaign membership and tasks if it got that far.
 */
import type { Account } from "./accounts.ts";
import { writeLeadTasks } from "./activities.ts";
import { campaignForLead, type Campaign } from "./campaigns.ts";
import { EMPTY_LOOKUP } from "./export-format.ts";
import { leadStatusAtCutoff, planJourney, type LeadJourney } from "./lead-journey.ts";
import { emailAddress, KOREAN_TITLES, LEAD_TITLES, personName, type PersonName } from "./names.ts";
import { createNewBusiness } from "./new-business.ts";
import { FUNNEL, OUTBOUND_SHARE, type Channel } from "./parameters.ts";
import { phoneNumber } from "./phones.ts";
import type { Simulation } from "./simulation.ts";
import { formatDate, formatDateTime, officeTime } from "./time.ts";
import type { DealResult } from "./types.ts";

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

/** Create one lead on `day` and everything that follows from it. */
export function createLead(sim: Simulation, day: number): void {
  const rng = sim.leadRng;
  const channel: Channel = sim.decide("outbound", OUTBOUND_SHARE) ? "outbound" : "inbound";
  const engagement = sim.engagements.engagementFor(channel, day);
  const { account, source } = engagement;
  const createdAt = officeTime(day, account.region, rng, true);
  const leadId = sim.ids.next("Lead");

  // A re-approach timed to the customer's "revisit" date qualifies well; coming back soon after a loss
  // (the account said no a few weeks ago) rarely works.
  const timing = engagement.reapproach ? FUNNEL.reapproachQualify : sim.engagements.lostRecently(account, createdAt) ? FUNNEL.soonAfterLossQualify : 1;
  const journey = planJourney(sim, channel, source.intent * timing, account, createdAt);
  const campaign = campaignForLead(rng, sim.campaigns, source.source, day);
  const cutoff = sim.calendar.cutoff;
  const converted = journey.convertedAt < cutoff;
  const contactId = converted ? sim.ids.next("Contact") : "";
  const person = makePerson(sim, account);

  let deal: DealResult | undefined;
  if (converted) {
    writeContact(sim, contactId, account, person, source.source, journey);
    deal = createNewBusiness(sim, account, journey, source.source, campaign, channel);
  }
  writeLead(sim, leadId, createdAt, account, person, source.source, journey, contactId, deal);
  if (campaign) writeCampaignMember(sim, campaign, leadId, contactId, channel, journey, createdAt);
  writeLeadTasks(sim, leadId, account, channel, journey, createdAt);

  const disqualified = journey.disqualifiedAt < cutoff;
  if (disqualified) sim.engagements.recordLoss(account, journey.lossReason, journey.disqualifiedAt);
  sim.history.recordLead(account.index, source.source, createdAt);
  sim.tally.recordLead(channel, createdAt, deal?.outcome === "won");
}

/** The person behind a new lead at `account`, from the people stream. */
function makePerson(sim: Simulation, account: Account): Person {
  const rng = sim.personRng;
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

/** The Lead row as it stands at the cutoff. */
function writeLead(
  sim: Simulation,
  leadId: string,
  createdAt: number,
  account: Account,
  person: Person,
  source: string,
  journey: LeadJourney,
  contactId: string,
  deal: DealResult | undefined,
): void {
  const cutoff = sim.calendar.cutoff;
  const { status, changedAt } = leadStatusAtCutoff(sim, journey, createdAt);
  const closed = status.startsWith("Closed");
  // The current owner: the SDR/BDR once the lead is qualified (or the marketer before); a leaver's open
  // leads have been handed to a colleague.
  let owner = journey.mqlAt < cutoff ? journey.salesOwner : journey.firstOwner;
  if (!closed && owner.leaveTime < cutoff) owner = sim.assignee(owner.role, owner.leaveTime, account.region);
  const converted = status === "Closed - Converted";
  const at = (time: number) => (time < cutoff ? formatDateTime(time) : "");
  sim.writers.Lead.writeRow([
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

/** The Contact a converted lead becomes. */
function writeContact(sim: Simulation, contactId: string, account: Account, person: Person, source: string, journey: LeadJourney): void {
  sim.writers.Contact.writeRow([
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

/** The lead's membership of the campaign it came from. */
function writeCampaignMember(sim: Simulation, campaign: Campaign, leadId: string, contactId: string, channel: Channel, journey: LeadJourney, createdAt: number): void {
  const cutoff = sim.calendar.cutoff;
  // Inbound leads exist because they responded; an outbound sequence's lead responds only if qualified.
  const respondedAt = channel === "inbound" ? createdAt : journey.sqlAt < cutoff ? journey.sqlAt : Infinity;
  const status = respondedAt === Infinity ? "Sent" : campaign.type === "Webinar" || campaign.type === "Event" ? "Attended" : "Responded";
  sim.writers.CampaignMember.writeRow([
    sim.ids.next("CampaignMember"),
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
