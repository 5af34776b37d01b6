/**
 * A team's handoff conversion into the next team over consecutive periods (mart_team_kpis handoff
 * columns): a dot per period with its 95% Wilson interval, the selected period in the team's colour,
 * periods below the minimum sample as hollow, lighter dots.
 */
import * as Plot from "@observablehq/plot";
import { formatCount, formatPercent, type Locale } from "./format.js";
import { shortKey } from "./teamTrendChart.js";
import { translator } from "./words.js";

const WORDS = {
  lowSample: ["low sample", "표본 부족"],
  inProgress: [" (in progress)", " (진행 중)"],
} as const;

export interface HandoffRow {
  period_key: string;
  is_complete: boolean;
  handoff_n: number | null;
  handoff_converted: number | null;
  handoff_conversion: number | null;
  handoff_conversion_low: number | null;
  handoff_conversion_high: number | null;
  low_sample: boolean;
}

export function handoffTrendChart(
  rows: HandoffRow[],
  {
    width = 640,
    height = 260,
    keys = rows.map((d) => d.period_key),
    selectedKey = null as string | null,
    locale = "en" as Locale,
    color = "#4e79a7",
    yLabel = "",
  } = {},
): SVGSVGElement | HTMLElement {
  const narrow = width < 560;
  const data = rows.filter((d) => d.handoff_conversion !== null);
  const incomplete = new Set(rows.filter((d) => !d.is_complete).map((d) => d.period_key));
  const t = translator(WORDS, locale);
  const colorOf = (d: HandoffRow) => (d.period_key === selectedKey ? color : "currentColor");
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    marginBottom: narrow ? 52 : 32,
    x: {
      type: "band",
      domain: keys,
      label: null,
      tickRotate: narrow ? -45 : 0,
      tickFormat: (key: string) => `${narrow || keys.length > 8 ? shortKey(key) : key}${incomplete.has(key) ? "*" : ""}`,
    },
    y: { label: yLabel, domain: [0, 1], grid: true, tickFormat: "%" },
    marks: [
      Plot.ruleX(data, {
        x: "period_key",
        y1: "handoff_conversion_low",
        y2: "handoff_conversion_high",
        stroke: colorOf,
        strokeOpacity: (d: HandoffRow) => (d.low_sample ? 0.25 : 0.6),
        strokeWidth: 2,
      }),
      Plot.dot(data, {
        x: "period_key",
        y: "handoff_conversion",
        r: (d: HandoffRow) => (d.period_key === selectedKey ? 6 : 4),
        stroke: colorOf,
        fill: colorOf,
        fillOpacity: (d: HandoffRow) => (d.low_sample ? 0 : 1),
        strokeOpacity: (d: HandoffRow) => (d.low_sample ? 0.6 : 1),
        tip: true,
        title: (d: HandoffRow) =>
          `${d.period_key}${d.is_complete ? "" : t("inProgress")}\n` +
          `${yLabel}: ${formatPercent(d.handoff_conversion)} (${formatCount(d.handoff_converted, locale)} / ${formatCount(d.handoff_n, locale)})\n` +
          `95% ${formatPercent(d.handoff_conversion_low, 0)}–${formatPercent(d.handoff_conversion_high, 0)}${d.low_sample ? ` · ${t("lowSample")}` : ""}`,
      }),
    ],
  });
}
