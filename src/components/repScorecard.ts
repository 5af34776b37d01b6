/**
 * Reps side by side: one row per rep and one small panel per measure — bookings (with won deals), win
 * rate (dot and 95% Wilson interval, n at the end, low sample drawn lighter and labelled), average deal
 * size, median cycle and open pipeline. Every panel shares the rows' order, so a rep reads across; the
 * rep's name is written once per line of panels. One rep can be highlighted (a selected rep).
 * Rep names come from the CRM and go in as Plot text only.
 *
 * repScorecard(perf.filter((d) => d.period_key === "2026-Q3"), {width, locale, currency, highlight: ownerId, sortBy: "bookings"})
 */
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import { MUTED } from "./ink.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { AMOUNT_COLOR, COUNT_COLOR } from "./winRateChart.js";
import { textWidth } from "./text.js";
import { translator } from "./words.js";

/** The scorecard's words in both languages (read through t()). */
const WORDS = {
  measure: {
    average_deal_size: ["Average deal size", "평균 수주 금액"],
    median_cycle_days: ["Median cycle (days)", "영업 사이클 중앙값 (일)"],
    open_pipeline: ["Open pipeline", "진행 중 파이프라인"],
    open_deals: ["Open deals", "진행 중 건수"],
  },
  inactive: [" (inactive)", " (비활성)"],
  won: [(n: string) => `${n} won`, (n: string) => `${n}건 수주`],
  deals: [(n: string) => `${n} deals`, (n: string) => `${n}건`],
  wonAxis: ["won", "수주 건수"],
  dealsAxis: ["deals", "건수"],
} as const;

export const REP_MEASURES = ["bookings", "won_deals", "win_rate", "average_deal_size", "median_cycle_days", "open_pipeline"] as const;
export type RepMeasure = (typeof REP_MEASURES)[number];

export interface RepScorecardOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  highlight?: string | null;
  sortBy?: RepMeasure;
  minimumSample?: number;
}

/** The measure's name in the user's words. */
export function repMeasureLabel(measure: string, locale: Locale): string {
  if (measure === "bookings" || measure === "won_deals" || measure === "win_rate") return label(measure, locale);
  return measure in WORDS.measure ? translator(WORDS, locale)(`measure.${measure}`) : measure;
}

/**
 * Reps in the order of a measure: largest first, except the cycle (shortest first); for the win rate,
 * reps with enough closed deals before low-sample ones (METRICS.md). Reps without a value go last.
 */
export function sortReps(rows: Row[], sortBy: RepMeasure = "bookings"): Row[] {
  const sign = sortBy === "median_cycle_days" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sortBy === "win_rate" && a.low_sample !== b.low_sample) return a.low_sample ? 1 : -1;
    const x = a[sortBy];
    const y = b[sortBy];
    if (x === null || x === undefined) return y === null || y === undefined ? String(a.rep_name).localeCompare(String(b.rep_name)) : 1;
    if (y === null || y === undefined) return -1;
    return sign * (x - y) || String(a.rep_name).localeCompare(String(b.rep_name));
  });
}

export function repScorecard(rows: Row[], options: RepScorecardOptions = {}): HTMLElement {
  const { width = 900, locale = "en", currency = "USD", highlight = null, sortBy = "bookings", minimumSample = 10 } = options;
  const t = translator(WORDS, locale);
  const sorted = sortReps(rows, sortBy);
  const keys = sorted.map((d) => String(d.owner_id));
  const nameOf = (d: Row) => `${d.rep_name}${d.is_active === false ? t("inactive") : ""}`;
  const names = new Map(sorted.map((d) => [String(d.owner_id), nameOf(d)]));
  const selected = highlight && names.has(highlight) ? highlight : null;
  const money = (v: number | null) => formatMoney(v, currency, locale);
  const lowSampleText = label("low_sample", locale);

  // Some exports keep no amount on open deals: then the last panel counts open deals instead of summing nothing.
  const pipelineKnown = sorted.some((d) => (d.open_pipeline ?? 0) > 0);
  const panels = ["bookings", "win_rate", "average_deal_size", "median_cycle_days", pipelineKnown ? "open_pipeline" : "open_deals"] as const;
  const gap = 10;
  const perLine = width >= 1200 ? 5 : width >= 640 ? 3 : width >= 440 ? 2 : 1;
  const labelWidth = Math.round(Math.min(Math.max(...keys.map((k) => textWidth(names.get(k)!)), 40) + 12, perLine === 1 ? width * 0.4 : 150));
  const panelWidth = Math.floor((width - labelWidth - (gap + 14) * (perLine - 1)) / perLine);
  const rowHeight = 22;
  const height = 56 + keys.length * rowHeight;

  const fill = (d: Row) => (selected === null || String(d.owner_id) === selected ? (selected ? AMOUNT_COLOR : COUNT_COLOR) : COUNT_COLOR);
  const fillOpacity = (d: Row) => (selected === null ? 0.85 : String(d.owner_id) === selected ? 1 : 0.35);
  const title = (d: Row) =>
    [
      nameOf(d),
      `${label("bookings", locale)}: ${money(d.bookings)} (${t("won", formatCount(d.won_deals, locale))})`,
      `${label("win_rate", locale)}: ${d.win_rate === null ? "–" : `${formatPercent(d.win_rate)} (${formatCount(d.won_deals, locale)} / ${formatCount(d.closed_deals, locale)}) · 95% ${formatPercent(d.win_rate_low)}–${formatPercent(d.win_rate_high)}`}`,
      d.low_sample ? `${lowSampleText} (n < ${minimumSample})` : null,
      `${repMeasureLabel("average_deal_size", locale)}: ${money(d.average_deal_size)}`,
      `${repMeasureLabel("median_cycle_days", locale)}: ${d.median_cycle_days === null ? "–" : formatCount(d.median_cycle_days, locale)}`,
      `${repMeasureLabel("open_pipeline", locale)}: ${money(d.open_pipeline)} (${t("deals", formatCount(d.open_deals, locale))})`,
    ]
      .filter(Boolean)
      .join("\n");

  const panel = (measure: (typeof panels)[number], first: boolean): SVGSVGElement | HTMLElement => {
    const w = panelWidth + (first ? labelWidth : 14);
    const isMoney = measure !== "median_cycle_days" && measure !== "win_rate" && measure !== "open_deals";
    const endText = (d: Row) =>
      measure === "bookings" ? `${money(d.bookings)} · ${formatCount(d.won_deals, locale)}`
      : measure === "open_pipeline" ? `${money(d.open_pipeline)} · ${formatCount(d.open_deals, locale)}`
      : !isMoney ? (d[measure] === null ? "–" : formatCount(d[measure], locale))
      : money(d[measure]);
    const max = Math.max(1, ...sorted.map((d) => d[measure] ?? 0));
    // Room right of the longest bar for its label, in the bar's units.
    const room = Math.max(...sorted.map((d) => textWidth(endText(d)))) + 8;
    const domainMax = max / Math.max(0.35, 1 - room / Math.max(panelWidth - 8, 1));
    const common = {
      width: w,
      height,
      marginLeft: first ? labelWidth : 14,
      marginRight: 4,
      marginTop: 40,
      marginBottom: 8,
      y: { domain: keys, axis: null, label: null },
    };
    // The selected rep's row, shaded across the panel.
    const band = (to: number) =>
      selected ? Plot.barX([selected], { y: (k: string) => k, x1: 0, x2: to, fill: AMOUNT_COLOR, fillOpacity: 0.14, inset: -1 }) : null;
    const names_ = first
      ? Plot.axisY({
          tickFormat: (k: string) => names.get(k) ?? k,
          tickSize: 0,
          textOverflow: "ellipsis",
          lineWidth: (labelWidth - 8) / 11.5,
          fill: (k: string) => (selected === null || k === selected ? "currentColor" : MUTED),
        })
      : null;
    if (measure === "win_rate") {
      const rated = sorted.filter((d) => d.win_rate !== null);
      const nText = (d: Row) => `n=${formatCount(d.closed_deals, locale)}${d.low_sample ? ` · ${lowSampleText}` : ""}`;
      const nRoom = Math.max(...sorted.map((d) => textWidth(nText(d)))) + 10;
      const rateMax = 1 / Math.max(0.4, 1 - nRoom / Math.max(panelWidth - 8, 1));
      return Plot.plot({
        ...common,
        marginRight: 4,
        x: { domain: [0, rateMax], ticks: [0, 0.5, 1], tickFormat: "%", grid: true, axis: "top", label: `${repMeasureLabel(measure, locale)} · 95%`, labelAnchor: "left" },
        marks: [
          band(rateMax),
          names_,
          Plot.ruleY(rated, { className: "interval", y: (d: Row) => String(d.owner_id), x1: "win_rate_low", x2: "win_rate_high", stroke: fill, strokeWidth: 2.5, strokeOpacity: (d: Row) => (d.low_sample ? 0.3 : 0.7), title }),
          Plot.dot(rated, { y: (d: Row) => String(d.owner_id), x: "win_rate", r: 4.5, fill, fillOpacity: (d: Row) => (d.low_sample ? 0.38 : 1), title, tip: true }),
          Plot.text(sorted, {
            y: (d: Row) => String(d.owner_id),
            x: 1,
            dx: 6,
            textAnchor: "start",
            fill: (d: Row) => (d.low_sample ? MUTED : "currentColor"),
            text: nText,
          }),
        ],
      });
    }
    return Plot.plot({
      ...common,
      x: {
        domain: [0, domainMax],
        // Ticks within the bars' own range: a tick at the domain's end (room for labels) would have its label cut.
        ticks: d3.ticks(0, max, 2).filter((v) => v <= max),
        tickFormat: isMoney ? (v: number) => money(v) : (v: number) => formatCount(v, locale),
        grid: true,
        axis: "top",
        label:
          measure === "bookings"
            ? `${repMeasureLabel(measure, locale)} · ${t("wonAxis")}`
            : measure === "open_pipeline"
              ? `${repMeasureLabel(measure, locale)} · ${t("dealsAxis")}`
              : repMeasureLabel(measure, locale),
        labelAnchor: "left",
      },
      marks: [
        band(domainMax),
        names_,
        Plot.barX(sorted, { y: (d: Row) => String(d.owner_id), x: (d: Row) => d[measure] ?? 0, fill, fillOpacity, title, tip: true }),
        Plot.text(sorted, { y: (d: Row) => String(d.owner_id), x: (d: Row) => d[measure] ?? 0, dx: 4, textAnchor: "start", fill: "currentColor", text: endText }),
        Plot.ruleX([0]),
      ],
    });
  };

  const figure = document.createElement("div");
  figure.className = "rep-scorecard";
  for (let i = 0; i < panels.length; i += perLine) {
    const line = document.createElement("div");
    line.style.cssText = `display:flex;gap:${gap}px;align-items:flex-start;margin-bottom:0.75rem`;
    panels.slice(i, i + perLine).forEach((measure, j) => line.append(panel(measure, j === 0)));
    figure.append(line);
  }
  return figure;
}
