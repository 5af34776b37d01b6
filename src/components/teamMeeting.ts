/**
 * What the team pages (src/teams/[team].md) need besides the marts as they are: which KPIs each team
 * reads out, the window of periods a trend shows, and the act-on lists, each sorted by urgency. Pure
 * functions of mart rows, so they can be checked on a few hand-made rows; no metric is re-derived here
 * (conversions and counts come from the marts; only changes between two mart values are taken).
 */
import type { Period } from "./filters.js";
import type { Locale } from "./labels.js";

type Row = Record<string, any>;

/** Each team's KPIs (mart_team_kpis.kpi) in card order, and the one its trend chart opens on. */
export const TEAM_MEETING: Record<string, { kpis: string[]; main: string }> = {
  marketing: { kpis: ["leads", "mqls"], main: "mqls" },
  inside_sales: { kpis: ["sqls", "opportunities_created"], main: "opportunities_created" },
  field_sales: { kpis: ["won_deals", "bookings"], main: "bookings" },
  customer_success: { kpis: ["renewals", "renewal_bookings", "expansion_bookings", "net_revenue_retention"], main: "renewal_bookings" },
};

/** The handoff conversion a team's card shows (mart_team_kpis.handoff_metric), in the users' words. */
export function handoffLabel(metric: string | null | undefined, locale: Locale = "en"): string {
  const words: Record<string, [string, string]> = {
    mql_to_sql: ["MQL → SQL", "MQL → SQL 전환율"],
    opportunity_accepted: ["Opportunities accepted by field sales", "필드 세일즈 수용률 (영업기회)"],
    new_business_win_rate: ["Win rate, new business", "신규 계약 승률"],
    renewal_rate: ["Renewal rate", "계약 갱신율"],
  };
  const entry = metric ? words[metric] : undefined;
  return entry ? entry[locale === "ko" ? 1 : 0] : (metric ?? "");
}

/**
 * The periods of one type a trend shows: the last `count` up to the latest, or, when the selected period
 * is older than those, the `count` ending at the selected one (the first `count` when the data begins
 * less than `count` periods before it), so the selected period is always on the chart.
 * @example trendWindow(periods, "month", "2026-10") // ["2025-12", …, "2026-11"]
 */
export function trendWindow(periods: Period[], type: string, selectedKey: string, count = 12): Period[] {
  const ofType = periods.filter((p) => p.period_type === type).sort((a, b) => a.period_start.localeCompare(b.period_start));
  const selected = ofType.findIndex((p) => p.period_key === selectedKey);
  const end = selected >= 0 && selected < ofType.length - count ? Math.max(selected + 1, count) : ofType.length;
  return ofType.slice(Math.max(0, end - count), end);
}

/** The quarter holding a period (the marts that are kept by quarter only: mart_channel, mart_rep_performance). */
export function quarterOf(periods: Period[], period: Pick<Period, "period_start">): Period | undefined {
  return periods.find((p) => p.period_type === "quarter" && p.period_start <= period.period_start && period.period_start < p.period_end);
}

/** Days from the start of a period to its end, or to the day after `asOf` while it is in progress. */
export function elapsedDays(period: Pick<Period, "period_start" | "period_end">, asOf: string): number {
  const end = period.period_end <= asOf ? period.period_end : addDays(asOf, 1);
  return Math.max(1, daysBetween(period.period_start, end));
}

export interface SourceWatchRow {
  cut: "lead_source" | "campaign";
  name: string;
  channel: string;
  leads: number;
  previous_leads: number | null;
  /** Leads per day against the previous quarter's leads per day, −1…; null without a previous quarter. */
  volume_change: number | null;
  lead_to_mql: number | null;
  lead_to_mql_change: number | null;
  mql_to_sql: number | null;
  mql_to_sql_low: number | null;
  mql_to_sql_high: number | null;
  mql_to_sql_change: number | null;
  mqls: number | null;
  low_sample: boolean;
  /** The worst of the three relative changes: what the list is sorted by. */
  shortfall: number | null;
  flag: string;
}

/**
 * Marketing's list: every lead source and campaign of a quarter's lead cohort (mart_channel), with its
 * lead → MQL and MQL → SQL conversion and lead volume, each against the same source's previous quarter.
 * Sorted by the largest fall of the three (volume per day, so a quarter in progress compares fairly);
 * rows below the minimum sample go last, never ranked above rows with enough data.
 */
export function sourceWatchlist(
  channel: Row[],
  { quarter, previous, asOf, minimumSample = 10, locale = "en" as Locale }: { quarter: Period; previous: Period | undefined; asOf: string; minimumSample?: number; locale?: Locale },
): SourceWatchRow[] {
  const leadRows = (key: string | undefined) =>
    channel.filter((d) => d.period_type === "quarter" && d.period_key === key && d.entry_step === "lead" && (d.cut === "lead_source" || d.cut === "campaign"));
  const nameOf = (d: Row) => String(d.cut === "campaign" ? d.campaign_name : d.lead_source);
  const before = new Map(leadRows(previous?.period_key).map((d) => [`${d.cut}|${nameOf(d)}`, d]));
  const days = elapsedDays(quarter, asOf);
  const previousDays = previous ? elapsedDays(previous, asOf) : 1;
  const rows = leadRows(quarter.period_key).map((d): SourceWatchRow => {
    const prior = before.get(`${d.cut}|${nameOf(d)}`);
    const volume_change = prior?.leads ? d.leads / days / (prior.leads / previousDays) - 1 : null;
    const lead_to_mql_change = relativeChange(d.lead_to_mql_rate, prior?.lead_to_mql_rate);
    const mql_to_sql_change = relativeChange(d.mql_to_sql_rate, prior?.mql_to_sql_rate);
    const low_sample = Number(d.leads ?? 0) < minimumSample || Boolean(d.low_sample);
    const changes = [
      { key: "volume", value: volume_change },
      { key: "lead_to_mql", value: lead_to_mql_change },
      // A rate over fewer MQLs than the minimum sample is too noisy to flag.
      { key: "mql_to_sql", value: Number(d.mqls ?? 0) >= minimumSample ? mql_to_sql_change : null },
    ].filter((c): c is { key: string; value: number } => c.value !== null && Number.isFinite(c.value));
    const worst = changes.sort((a, b) => a.value - b.value)[0];
    return {
      cut: d.cut,
      name: nameOf(d),
      channel: d.cut === "lead_source" ? d.channel : "",
      leads: d.leads,
      previous_leads: prior?.leads ?? null,
      volume_change,
      lead_to_mql: d.lead_to_mql_rate,
      lead_to_mql_change,
      mql_to_sql: d.mql_to_sql_rate,
      mql_to_sql_low: d.mql_to_sql_rate_low,
      mql_to_sql_high: d.mql_to_sql_rate_high,
      mql_to_sql_change,
      mqls: d.mqls,
      low_sample,
      shortfall: worst?.value ?? null,
      flag: worst && worst.value < 0 ? flagText(worst.key, locale) : prior ? "" : locale === "ko" ? "신규" : "new",
    };
  });
  return rows.sort((a, b) => Number(a.low_sample) - Number(b.low_sample) || (a.shortfall ?? Infinity) - (b.shortfall ?? Infinity) || b.leads - a.leads);
}

/** The size of an act-on list (mart_act_on_summary rows of one list), for one owner's name or for everyone ("all"). */
export function listTotals(summary: Row[], list: string, owner = "all"): { items: number; amount: number; overdue_items: number; overdue_amount: number } {
  const totals = { items: 0, amount: 0, overdue_items: 0, overdue_amount: 0 };
  for (const d of summary) {
    if (d.list !== list || (owner !== "all" && String(d.owner_name) !== owner)) continue;
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += Number(d[k] ?? 0);
  }
  return totals;
}

/** Whether a recycle-queue record became due in the selected period: what is new on the list since the last meeting. */
export function dueInPeriod(row: Row, period: Pick<Period, "period_start" | "period_end">): boolean {
  const due = String(row.due_date).slice(0, 10);
  return due >= period.period_start && due < period.period_end;
}

function relativeChange(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  return now / before - 1;
}

function flagText(key: string, locale: Locale): string {
  const words: Record<string, [string, string]> = {
    volume: ["Lead volume fell", "리드 유입 감소"],
    lead_to_mql: ["Lead → MQL fell", "리드 → MQL 전환율 하락"],
    mql_to_sql: ["MQL → SQL fell", "MQL → SQL 전환율 하락"],
  };
  return words[key]![locale === "ko" ? 1 : 0];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86400000);
}
