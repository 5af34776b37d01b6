import * as Plot from "@observablehq/plot";
import type { FunnelStep } from "./funnel.js";
import { formatCount, formatPercent, type Locale } from "./format.js";

export const TEAM_COLORS: Record<string, string> = {
  marketing: "#4e79a7",
  inside_sales: "#f28e2b",
  field_sales: "#59a14f",
  customer_success: "#b07aa1",
};

export const TEAM_LABELS: Record<Locale, Record<string, string>> = {
  en: { marketing: "Marketing", inside_sales: "Inside sales", field_sales: "Field sales", customer_success: "Customer success" },
  ko: { marketing: "마케팅", inside_sales: "인사이드 세일즈", field_sales: "필드 세일즈", customer_success: "고객 성공 (CS)" },
};

/**
 * The funnel as horizontal bars, one per step, coloured by the team that owns the step; each bar is
 * labelled with its count and the conversion from the step above.
 */
export function funnelChart(
  steps: FunnelStep[],
  { width = 640, locale = "en" as Locale, highlight = null as string | null } = {},
): SVGSVGElement | HTMLElement {
  const labels = steps.map((s) => s.label);
  const teamLabel = (team: string) => TEAM_LABELS[locale][team] ?? team;
  const fromPrevious = locale === "ko" ? "전 단계 대비" : "from previous";
  const text = (d: FunnelStep) =>
    d.conversionFromPrevious === null
      ? formatCount(d.reached, locale)
      : `${formatCount(d.reached, locale)}  ·  ${formatPercent(d.conversionFromPrevious)} ${fromPrevious}`;
  return Plot.plot({
    width,
    height: Math.max(180, steps.length * 38 + 40),
    marginLeft: 110,
    marginRight: 20,
    x: { label: locale === "ko" ? "도달 건수" : "Records reached", grid: true, tickFormat: (d: number) => formatCount(d, locale) },
    y: { domain: labels, label: null },
    color: {
      domain: Object.keys(TEAM_COLORS).map(teamLabel),
      range: Object.values(TEAM_COLORS),
      legend: true,
    },
    marks: [
      Plot.barX(steps, {
        y: "label",
        x: "reached",
        fill: (d: FunnelStep) => teamLabel(d.team),
        tip: true,
        title: (d: FunnelStep) =>
          [
            `${d.label} (${teamLabel(d.team)})`,
            `${locale === "ko" ? "도달" : "Reached"}: ${formatCount(d.reached, locale)}`,
            d.conversionFromPrevious === null ? null : `${fromPrevious}: ${formatPercent(d.conversionFromPrevious)}`,
            d.cumulative === null ? null : `${locale === "ko" ? "최상단 대비" : "from top"}: ${formatPercent(d.cumulative)}`,
          ]
            .filter(Boolean)
            .join("\n"),
      }),
      Plot.text(steps, {
        y: "label",
        x: "reached",
        text,
        textAnchor: "start",
        dx: 6,
        fill: "currentColor",
        // Keep the label readable when the bar spans most of the width: put it inside the bar.
        filter: (d: FunnelStep) => d.reached < 0.6 * Math.max(...steps.map((s) => s.reached)),
      }),
      Plot.text(steps, {
        y: "label",
        x: "reached",
        text,
        textAnchor: "end",
        dx: -6,
        fill: "white",
        filter: (d: FunnelStep) => d.reached >= 0.6 * Math.max(...steps.map((s) => s.reached)),
      }),
      // The highlighted step (the bottleneck) gets an outline, drawn as its own mark.
      Plot.barX(
        steps.filter((d) => d.step === highlight),
        { y: "label", x: "reached", stroke: "currentColor", strokeWidth: 2, fill: "none" },
      ),
      Plot.ruleX([0]),
    ],
  });
}
