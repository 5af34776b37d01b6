/**
 * What the team pages (src/teams/[team].md) need besides the marts as they are: which KPIs each team
 * reads out, the window of periods a trend shows, and the act-on lists, each sorted by urgency. Pure
 * functions of mart rows, so they can be checked on a few hand-made rows; no metric is re-derived here
 * (conversions and counts come from the marts; only changes between two mart values are taken).
 */
import type { Period } from "./filters.js";
import type { Locale } from "./labels.js";
import { translator } from "./words.js";

import type { Row } from "./mart.js";

/** Each team's KPIs (mart_team_kpis.kpi) in card order, and the one its trend chart opens on. */
export const TEAM_MEETING: Record<string, { kpis: string[]; main: string }> = {
  marketing: { kpis: ["leads", "mqls"], main: "mqls" },
  inside_sales: { kpis: ["sqls", "opportunities_created"], main: "opportunities_created" },
  field_sales: { kpis: ["won_deals", "bookings"], main: "bookings" },
  customer_success: { kpis: ["renewals", "renewal_bookings", "expansion_bookings", "net_revenue_retention"], main: "renewal_bookings" },
};

/** The handoff conversion a team's card shows (mart_team_kpis.handoff_metric), in the users' words. */
const HANDOFFS = {
  mql_to_sql: ["MQL → SQL", "MQL → SQL 전환율"],
  opportunity_accepted: ["Opportunities accepted by field sales", "필드 세일즈 수용률 (영업기회)"],
  new_business_win_rate: ["Win rate, new business", "신규 계약 승률"],
  renewal_rate: ["Renewal rate", "계약 갱신율"],
} as const;

export function handoffLabel(metric: string | null | undefined, locale: Locale = "en"): string {
  return metric && metric in HANDOFFS ? translator(HANDOFFS, locale)(metric) : (metric ?? "");
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

/**
 * The quarter holding a period (the marts that are kept by quarter only: mart_channel, mart_rep_performance):
 * picked by the period's quarter_key (int_periods), never by comparing dates.
 */
export function quarterOf(periods: Period[], period: Pick<Period, "quarter_key">): Period | undefined {
  return periods.find((p) => p.period_type === "quarter" && p.period_key === period.quarter_key);
}

/**
 * The size of an act-on list, as mart_act_on_summary gives it: the team's row (level 'team') for everyone
 * ("all"), or one owner's row (level 'owner', by user id), over every reason group. Picked, never summed.
 * `summary` holds the rows of one list.
 */
export function listSize(summary: Row[], team: string, owner = "all"): Row | undefined {
  return summary.find((d) =>
    d.team === team && d.reason_group === "all" &&
    (owner === "all" ? d.level === "team" : d.level === "owner" && String(d.owner_id) === owner));
}
