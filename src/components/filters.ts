/**
 * The period selector and filters every page shares, initialised from and written back to the URL.
 * Options come from the data (the marts' own values), never typed in.
 */
import * as Inputs from "@observablehq/inputs";
import { label, type Locale } from "./labels.js";
import { defaultPeriodKey, periodMark, type Period } from "../lib/periods.js";
import { readParam } from "./state.js";

export type { Period };


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

/** A select for one filter (team, tier, channel, region) over the values the data has, plus "all". */
export function filterInput(name: string, values: unknown[], locale: Locale, format: (value: string) => string = (value) => label(value, locale)) {
  const options = ["all", ...[...new Set(values.filter((v) => v !== null && v !== undefined).map(String))].sort()];
  return Inputs.select(options, {
    label: label(name, locale),
    value: readParam(name, options, "all"),
    format: (value: string) => (value === "all" ? label("all", locale) : format(value)),
  });
}

/** Keep rows that match every filter set to something other than "all". */
export function applyFilters<T extends Record<string, any>>(rows: T[], filters: Record<string, string>): T[] {
  const active = Object.entries(filters).filter(([, value]) => value !== "all");
  return active.length ? rows.filter((row) => active.every(([name, value]) => String(row[name]) === value)) : rows;
}
