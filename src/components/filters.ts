/**
 * The period selector and filters every page shares, initialised from and written back to the URL.
 * Options come from the data (the marts' own values), never typed in. The period the reader chooses is
 * also remembered for the next page (state.ts rememberPeriod): a page opens on the URL's period, else on
 * the one last chosen if it offers it, else on its own default.
 */
import * as Inputs from "@observablehq/inputs";
import { label, type Locale } from "./labels.js";
import { defaultPeriodKey, periodMark, type Period } from "../lib/periods.js";
import { readParam, rememberedOr, rememberPeriod } from "./state.js";

export type { Period };


export const PERIOD_TYPES = ["week", "month", "quarter", "year"] as const;

/**
 * The period type every page opens on when the reader has chosen none: one for the whole site, so the
 * overview, the funnel and a team's meeting page first show the same quarter. Every page offers it.
 */
export const DEFAULT_PERIOD_TYPE = "quarter";

/** A radio for the period type (week, month, quarter, year, all — those the page offers). */
export function periodTypeInput(locale: Locale, types: readonly string[] = ["month", "quarter", "year"]) {
  const input = Inputs.radio(types, {
    label: label("period", locale),
    value: readParam("period", types, rememberedOr("period", types, types.includes(DEFAULT_PERIOD_TYPE) ? DEFAULT_PERIOD_TYPE : types[0] ?? DEFAULT_PERIOD_TYPE)),
    format: (type: string) => label(type, locale),
  });
  // Only the reader's own change (an input event), not a page opening on its default, is remembered.
  input.addEventListener("input", () => rememberPeriod({ period: input.value }));
  return input;
}

/**
 * A select of the periods of one type, latest first (`offered` narrows them to those the page's mart
 * has). The default is the site's: the latest complete period that holds data (a meeting reviews a
 * finished week, month or quarter), else the latest that holds any — chosen over all the site's periods,
 * so every page opens on the same one; only a page that lacks it opens on its own latest. A period in
 * progress, or one the export covers only in part, is marked.
 */
export function periodKeyInput(periods: Period[], type: string, locale: Locale, offered: (period: Period) => boolean = () => true) {
  const ofType = periods.filter((p) => p.period_type === type);
  const options = ofType.filter(offered).sort((a, b) => b.period_start.localeCompare(a.period_start));
  const keys = options.map((p) => p.period_key);
  const siteDefault = defaultPeriodKey(ofType);
  const input = Inputs.select(keys, {
    value: readParam("key", keys, rememberedOr("key", keys, keys.includes(siteDefault) ? siteDefault : defaultPeriodKey(options))),
    format: (key: string) => key + periodMark(options.find((p) => p.period_key === key), locale),
  });
  input.addEventListener("input", () => rememberPeriod({ period: type, key: input.value }));
  return input;
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
