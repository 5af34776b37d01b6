/**
 * Reporting periods as pages receive them (int_periods, through data/settings.json), and which one a page
 * opens on. No DOM here: the tests and the pages share it.
 */
import type { Locale } from "../components/labels.js";

export interface Period {
  period_type: string;
  period_key: string;
  period_start: string;
  period_end: string;
  /** The period's last day (the day before period_end), for pages to name. */
  period_last_day?: string;
  /** The quarter holding the period's first day (int_periods.quarter_key). */
  quarter_key?: string;
  previous_key: string | null;
  is_complete: boolean;
  period_index: number;
  /** A lead or deal was created, or a deal closed, in the period. */
  has_data: boolean;
  /** The period began before the export's first date: only part of it is in the data. */
  is_partial: boolean;
  /** The period ended config `cohortMaturityDays` or more before the as-of date: its cohorts have had time to convert. */
  is_mature?: boolean;
}

/** The period a page opens on: latest complete with data and wholly in the export, else latest with data. */
export function defaultPeriodKey(options: Period[]): string {
  const latestFirst = [...options].sort((a, b) => b.period_start.localeCompare(a.period_start));
  return (
    latestFirst.find((p) => p.is_complete && p.has_data && !p.is_partial) ??
    latestFirst.find((p) => p.has_data) ??
    latestFirst[0]
  )?.period_key ?? "";
}

/** " (in progress)", " (partial)" or nothing. */
export function periodMark(period: Period | undefined, locale: Locale): string {
  if (!period) return "";
  if (!period.is_complete) return locale === "ko" ? " (진행 중)" : " (in progress)";
  if (period.is_partial) return locale === "ko" ? " (일부 기간)" : " (partial)";
  return "";
}

