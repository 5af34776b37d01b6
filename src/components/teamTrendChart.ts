/**
 * A team KPI over consecutive periods (mart_team_kpis rows of one team, KPI and period type): one bar per
 * period, the target as a dashed tick where one is set, the selected period in the team's colour and the
 * period in progress lighter, marked "*" (measured to date).
 */
import * as Plot from "@observablehq/plot";
import { formatKpiValue } from "./kpi.js";
import { formatPercent, type Locale } from "./format.js";
import { translator } from "./words.js";

const WORDS = {
  toDate: [" (in progress, to date)", " (진행 중, 현재까지)"],
  vsPrevious: ["vs previous", "전기 대비"],
  target: [
    (target: string, attainment: string) => `Target ${target} · attainment ${attainment}`,
    (target: string, attainment: string) => `목표 ${target} · 달성률 ${attainment}`,
  ],
} as const;

export interface TrendRow {
  period_key: string;
  is_complete: boolean;
  value: number | null;
  previous_value: number | null;
  change_rate: number | null;
  target: number | null;
  attainment: number | null;
}

export const TARGET_COLOR = "#d62728";

export function teamTrendChart(
  rows: TrendRow[],
  {
    width = 640,
    height = 260,
    keys = rows.map((d) => d.period_key),
    selectedKey = null as string | null,
    unit = "count",
    currency = "USD",
    locale = "en" as Locale,
    color = "#4e79a7",
    yLabel = "",
  } = {},
): SVGSVGElement | HTMLElement {
  const narrow = width < 560;
  const incomplete = new Set(rows.filter((d) => !d.is_complete).map((d) => d.period_key));
  const format = (v: number | null) => formatKpiValue(v, unit, currency, locale);
  const withValue = rows.filter((d) => d.value !== null);
  const t = translator(WORDS, locale);
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginBottom: narrow ? 52 : 32,
    x: {
      type: "band",
      domain: keys,
      label: null,
      padding: 0.2,
      tickRotate: narrow ? -45 : 0,
      tickFormat: (key: string) => `${narrow || keys.length > 8 ? shortKey(key) : key}${incomplete.has(key) ? "*" : ""}`,
    },
    y: { label: yLabel, grid: true, nice: true, zero: true, tickFormat: (v: number) => format(v), ticks: 5 },
    marks: [
      Plot.barY(withValue, {
        x: "period_key",
        y: "value",
        fill: (d: TrendRow) => (d.period_key === selectedKey ? color : "currentColor"),
        fillOpacity: (d: TrendRow) => (d.period_key === selectedKey ? (d.is_complete ? 1 : 0.6) : d.is_complete ? 0.28 : 0.12),
        // A period in progress is also outlined, dashed: its faint fill alone nearly vanishes on a dark page.
        stroke: (d: TrendRow) => (d.is_complete ? "none" : d.period_key === selectedKey ? color : "currentColor"),
        strokeOpacity: 0.6,
        strokeDasharray: "3 2",
        tip: true,
        title: (d: TrendRow) =>
          [
            `${d.period_key}${d.is_complete ? "" : t("toDate")}`,
            `${yLabel}: ${format(d.value)}`,
            d.change_rate !== null
              ? `${d.change_rate > 0 ? "▲" : d.change_rate < 0 ? "▼" : "■"} ${formatPercent(Math.abs(d.change_rate))} ${t("vsPrevious")}`
              : null,
            d.target !== null ? t("target", format(d.target), formatPercent(d.attainment, 0)) : null,
          ]
            .filter(Boolean)
            .join("\n"),
      }),
      Plot.tickY(
        rows.filter((d) => d.target !== null),
        { x: "period_key", y: "target", stroke: TARGET_COLOR, strokeWidth: 2, strokeDasharray: "4 2" },
      ),
      Plot.text(
        withValue.filter((d) => d.period_key === selectedKey),
        { x: "period_key", y: "value", text: (d: TrendRow) => format(d.value), dy: -7, lineAnchor: "bottom", fill: "currentColor", fontWeight: 600 },
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** "2026-10" → "26-10", "2026-W46" → "W46", "2026-Q3" → "26Q3": labels that fit twelve to a phone. */
export function shortKey(key: string): string {
  const week = /^\d{4}-(W\d+)$/.exec(key);
  if (week) return week[1]!;
  const quarter = /^\d{2}(\d{2})-(Q\d)$/.exec(key);
  if (quarter) return `${quarter[1]}${quarter[2]}`;
  const month = /^\d{2}(\d{2})-(\d{2})$/.exec(key);
  return month ? `${month[1]}-${month[2]}` : key;
}
