/**
 * Time: every instant is a number of seconds since 1970-01-01 UTC; a "day" is a day number since then.
 * Records are created and changed during office hours in their region, and written as Salesforce
 * exports dates and datetimes (UTC).
 */
import { OFFICE_HOURS_UTC, type Region } from "./parameters.ts";
import type { Random } from "./random.ts";

/** Seconds in a day. */
export const DAY = 86_400;
/** Days in an average month, for "N months later". */
export const MONTH_DAYS = 30.44;

/** Whether `day` is a Saturday or a Sunday. */
export function isWeekend(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/** The day of an instant. */
export function dayOf(time: number): number {
  return Math.floor(time / DAY);
}

/**
 * A moment during office hours in `region` on `day`. People work on the next working day if `day` is a
 * weekend; a few leads (web forms) do arrive on weekends, so lead creation passes `onWeekends`.
 */
export function officeTime(day: number, region: Region, rng: Random, onWeekends = false): number {
  while (!onWeekends && isWeekend(day)) day++;
  const [from, to] = OFFICE_HOURS_UTC[region];
  return day * DAY + Math.floor(rng.uniform(from, to) * 3600);
}

/** An office-hours moment about `days` after `previous`, never before it. */
export function timeAfter(previous: number, days: number, region: Region, rng: Random): number {
  const candidate = officeTime(dayOf(previous + days * DAY), region, rng);
  return candidate > previous ? candidate : previous + rng.int(600, 5400);
}

/** The last day of the month `day` is in. */
export function endOfMonth(day: number): number {
  const date = new Date(day * DAY * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / 1000 / DAY;
}

const dayTextCache = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** YYYY-MM-DD of an instant (UTC). */
export function formatDate(time: number): string {
  const day = dayOf(time);
  let text = dayTextCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dayTextCache.set(day, text);
  }
  return text;
}

/** YYYY-MM-DD HH:MM:SS of an instant (UTC), as Salesforce exports datetimes. */
export function formatDateTime(time: number): string {
  const seconds = time - dayOf(time) * DAY;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${formatDate(time)} ${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[ss]}`;
}
