/**
 * Activities (Task rows): calls and e-mails while inside sales works a lead, and calls, e-mails and
 * meetings on deals, more of them on A accounts. Open deals have a next step planned after asOf.
 */
import type { Account } from "./accounts.ts";
import type { LeadJourney } from "./lead-journey.ts";
import { clamp } from "./numbers.ts";
import type { User } from "./organisation.ts";
import { TIER_PROFILES, type Channel } from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { DAY, dayOf, formatDate, formatDateTime, officeTime } from "./time.ts";
import type { DealPlan, DealResult } from "./types.ts";

/** Calls and e-mails by the SDR/BDR while working a lead; a qualification meeting for qualified ones. */
export function writeLeadTasks(sim: Simulation, leadId: string, account: Account, channel: Channel, journey: LeadJourney, createdAt: number): void {
  const rng = sim.taskRng;
  const cutoff = sim.calendar.cutoff;
  const activity = TIER_PROFILES[account.tier].activity;
  const workedFrom = channel === "inbound" ? journey.mqlAt : journey.touchedAt;
  if (workedFrom >= cutoff) return;
  const workedUntil = Math.min(journey.convertedAt, journey.disqualifiedAt, workedFrom + 30 * DAY, cutoff);
  const touches = rng.poisson((channel === "inbound" ? 0.6 : 0.3) * activity);
  for (let i = 0; i < touches; i++) {
    const time = Math.min(workedUntil - 60, officeTime(dayOf(rng.uniform(workedFrom, workedUntil)), account.region, rng));
    writeTask(sim, rng.chance(0.55) ? "Call" : "Email", leadId, "", "", journey.salesOwner, Math.max(time, createdAt), false);
  }
  if (journey.sqlAt < cutoff && rng.chance(0.5)) writeTask(sim, "Meeting: qualification", leadId, "", "", journey.salesOwner, journey.sqlAt, false);
}

/** Calls, e-mails and meetings on a deal (more on A accounts); open deals have a next step planned. */
export function writeDealTasks(sim: Simulation, opportunityId: string, plan: DealPlan, owner: User, closedAt: number, outcome: DealResult["outcome"]): void {
  const rng = sim.taskRng;
  const cutoff = sim.calendar.cutoff;
  const end = Math.min(closedAt, cutoff);
  const activity = TIER_PROFILES[plan.account.tier].activity;
  const count = rng.poisson((plan.kind === "New Business" ? 1.6 : 0.9) * activity);
  for (let i = 0; i < count; i++) {
    const time = Math.min(end - 60, officeTime(dayOf(rng.uniform(plan.createdAt, end)), plan.account.region, rng));
    const kind = rng.weighted(["Call", "Email", "Meeting"] as const, [35, 40, 25]);
    writeTask(sim, kind === "Meeting" ? rng.pick(["Meeting: demo", "Meeting: discovery", "Meeting: proposal review"]) : kind, "", opportunityId, plan.account.id, owner, Math.max(time, plan.createdAt), false);
  }
  if (outcome === "open" && rng.chance(0.5)) {
    const due = officeTime(sim.calendar.lastDay + rng.int(1, 14), plan.account.region, rng);
    writeTask(sim, rng.chance(0.5) ? "Call" : "Meeting: proposal review", "", opportunityId, plan.account.id, owner, due, true);
  }
}

/** One task. `subject` starts with its kind (Call, Email, Meeting); future tasks are still open. */
function writeTask(sim: Simulation, subject: string, whoId: string, whatId: string, accountId: string, owner: User, time: number, planned: boolean): void {
  const rng = sim.taskRng;
  const kind = subject.startsWith("Meeting") ? "Meeting" : subject.startsWith("Email") ? "Email" : "Call";
  const text = kind === "Email" ? rng.pick(["Email: follow-up", "Email: intro", "Email: proposal sent"]) : kind === "Call" ? rng.pick(["Call", "Call: follow-up", "Call: check-in"]) : subject;
  const createdAt = planned ? sim.calendar.cutoff - rng.int(3600, 5 * DAY) : time;
  sim.writers.Task.writeRow([
    sim.ids.next("Task"),
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
