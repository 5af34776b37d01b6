/**
 * An opportunity's history (OpportunityHistory rows): one event per stage entry, close-date pushes,
 * amount revisions and the close, each carrying the deal's running state forward.
 */
import { roundTo } from "./numbers.ts";
import { ownerAt, type User } from "./organisation.ts";
import { LOST, MID_STAGE_SLIP_SHARE, OPEN_DEAL_PUSH_SHARE, STAGES, WON } from "./parameters.ts";
import type { Simulation } from "./simulation.ts";
import { DAY, dayOf, endOfMonth, formatDate, formatDateTime, officeTime } from "./time.ts";
import type { DealPlan } from "./types.ts";

/** The state of a deal after one change. */
export interface HistoryEvent {
  time: number;
  actor: User;
  stage: number;
  amount: number;
  closeDay: number;
}

/** The deal's history events: one per stage entry, close-date pushes, an amount change, the close. */
export function dealHistory(sim: Simulation, plan: DealPlan, entries: number[], lastPosition: number, closedAt: number, willWin: boolean, handover: User): HistoryEvent[] {
  const rng = sim.dealRng;
  const cutoff = sim.calendar.cutoff;
  const region = plan.account.region;
  const actor = (time: number) => (time === plan.createdAt ? plan.creator : ownerAt(plan.owner, handover, time));

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

  const pushes = closeDatePushes(sim, plan, entries, closedAt);

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
function closeDatePushes(sim: Simulation, plan: DealPlan, entries: number[], closedAt: number): Array<{ time: number; closeDay: number }> {
  const rng = sim.dealRng;
  const region = plan.account.region;
  const end = Math.min(closedAt, sim.calendar.cutoff);
  const stillOpen = closedAt >= sim.calendar.cutoff;
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

/** The OpportunityHistory rows, each pointing back at the previous stage and forecast change. */
export function writeHistory(sim: Simulation, opportunityId: string, events: HistoryEvent[]): void {
  let lastStageChange = 0;
  let lastForecastChange = 0;
  events.forEach((event, i) => {
    const previous = events[i - 1];
    const next = events[i + 1];
    const stage = STAGES[event.stage] as (typeof STAGES)[number];
    const previousStage = previous ? (STAGES[previous.stage] as (typeof STAGES)[number]) : undefined;
    const createdDate = formatDateTime(event.time);
    sim.writers.OpportunityHistory.writeRow([
      sim.ids.next("OpportunityHistory"),
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
