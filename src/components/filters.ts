/**
 * The period selector and filters every page shares, initialised from and written back to the URL.
 * Options come from the data (the marts' own values), never typed in.
 */
import * as Inputs from "@observablehq/inputs";
import { label, type Locale } from "./labels.js";
import { readParam } from "./state.js";

export interface Period {
  period_type: string;
  period_key: string;
  period_start: string;
  period_end: string;
  previous_key: string | null;
  is_complete: boolean;
  period_index: number;
  /** A lead or deal was created, or a deal closed, in the period. */
  has_data: boolean;
  /** The period began before the export's first date: only part of it is in the data. */
  starts_before_data: boolean;
}

export const PERIOD_TYPES = ["week", "month", "quarter", "year"] as const;

/** A radio for the period type (week, month, quarter, year — those the page offers). */
export function periodTypeInput(locale: Locale, types: readonly string[] = ["month", "quarter", "year"], fallback = "quarter") {
  return Inputs.radio(types, {
    label: label("period", locale),
    value: readParam("period", types, fallback),
    format: (type: string) => label(type, locale),
  });
}

/**
 * A select of the periods of one type, latest first. The default is the latest complete period that holds
 * data (a meeting reviews a finished week, month or quarter), else the latest that holds any: a page never
 * opens on an empty period. A period in progress, or one the export covers only in part, is marked.
 */
export function periodKeyInput(periods: Period[], type: string, locale: Locale) {
  const options = periods.filter((p) => p.period_type === type).sort((a, b) => b.period_start.localeCompare(a.period_start));
  const keys = options.map((p) => p.period_key);
  return Inputs.select(keys, {
    value: readParam("key", keys, defaultPeriodKey(options)),
    format: (key: string) => key + periodMark(options.find((p) => p.period_key === key), locale),
  });
}

/** The period a page opens on: latest complete with data and wholly in the export, else latest with data. */
export function defaultPeriodKey(options: Period[]): string {
  const latestFirst = [...options].sort((a, b) => b.period_start.localeCompare(a.period_start));
  return (
    latestFirst.find((p) => p.is_complete && p.has_data && !p.starts_before_data) ??
    latestFirst.find((p) => p.has_data) ??
    latestFirst[0]
  )?.period_key ?? "";
}

/** " (in progress)", " (partial)" or nothing. */
export function periodMark(period: Period | undefined, locale: Locale): string {
  if (!period) return "";
  if (!period.is_complete) return locale === "ko" ? " (진행 중)" : " (in progress)";
  if (period.starts_before_data) return locale === "ko" ? " (일부 기간)" : " (partial)";
  return "";
}

/** A select for one filter (team, tier, channel, region) over the values the data has, plus "all". */
export function filterInput(name: string, values: unknown[], locale: Locale) {
  const options = ["all", ...[...new Set(values.filter((v) => v !== null && v !== undefined).map(String))].sort()];
  return Inputs.select(options, {
    label: label(name, locale),
    value: readParam(name, options, "all"),
    format: (value: string) => label(value, locale),
  });
}

/** Keep rows that match every filter set to something other than "all". */
export function applyFilters<T extends Record<string, any>>(rows: T[], filters: Record<string, string>): T[] {
  const active = Object.entries(filters).filter(([, value]) => value !== "all");
  return active.length ? rows.filter((row) => active.every(([name, value]) => String(row[name]) === value)) : rows;
}
