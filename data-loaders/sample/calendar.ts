/**
 * The sample's calendar: two years of lead creation ending at `asOf`, the cutoff after which nothing has
 * happened yet, and the seasonal curve (months, weekdays, Korean holidays, the year end, growth) that
 * decides how many leads each day brings.
 */
import { weightedPicker, type Random } from "./random.ts";
import { DAY, formatDate, isWeekend } from "./time.ts";

/** The dates every part of the generator works against. */
export interface Calendar {
  asOf: string;
  /** First and last day of lead creation (two years, asOf included). */
  firstDay: number;
  lastDay: number;
  /** The export is taken at the end of asOf: events at or after this instant have not happened. */
  cutoff: number;
  /** Leads created before this day are old enough to have closed: the conversion cohort. */
  cohortEndDay: number;
}

/** The calendar of an export taken at the end of `asOf` (YYYY-MM-DD); throws on anything else. */
export function buildCalendar(asOf: string): Calendar {
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
export function sampleLeadCreationDays(rng: Random, count: number, calendar: Calendar): Int32Array {
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
