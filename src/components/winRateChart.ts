/**
 * Win rate for one dimension (competitor, rep, tier, …): one row per value, in the mart's rank order, so
 * low-sample rows come last. Each row has a dot at the win rate by count with its 95% Wilson interval as
 * a line, and on the same row a hollow diamond at the win rate by amount: a drop in amount only points to
 * deal size, a drop in both points to competition. One panel and one encoding at every width (the count a
 * filled dot, the amount a hollow orange diamond). n is written at the end of each row; low-sample rows are
 * drawn lighter and labelled. All CRM text goes in as Plot text (escaped).
 *
 * winRateChart(rows.filter((d) => d.dimension === "competitor"), {width, locale, currency, reference: overall})
 */
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import { MUTED } from "./ink.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { textWidth } from "./text.js";
import { translator } from "./words.js";

/** The colours of the two measures; mid-tones that read on the light and the dark theme. */
export const COUNT_COLOR = "#4e79a7";
export const AMOUNT_COLOR = "#f28e2b";

/** The chart's words in both languages. */
const WORDS = {
  closed: [(won: string, n: string) => `${won} / ${n} closed`, (won: string, n: string) => `종결 ${n}건 중 수주 ${won}건`],
  interval: ["95% interval", "95% 신뢰구간"],
  lost: ["Lost", "실패"],
  rank: ["rank", "순위"],
  axis: ["Win rate →", "승률 →"],
  legendCount: ["win rate by count, with its 95% interval", "건수 기준 승률과 95% 신뢰구간"],
  legendAmount: ["win rate by amount", "금액 기준 승률"],
  legendOverall: ["overall", "전체 승률"],
  noAmount: [
    "Win rate by amount unknown: the export records no lost deal's amount",
    "금액 기준 승률: 실패 건의 금액이 없어 알 수 없음",
  ],
  noCompetitor: ["(no competitor)", "(경쟁사 없음)"],
} as const;
const words = (locale: Locale) => translator(WORDS, locale);
export interface WinRateChartOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  /** The overall row of the same period: drawn as a dashed reference line in each panel. */
  reference?: Row | null;
  /** The key of one row to highlight (a selected rep). */
  highlight?: string | null;
  /** What identifies a row (two reps may share a name): default the value. */
  key?: (d: Row) => string;
  /** The row's label: default the value, translated where it is one of ours ("inbound", "(none)"). */
  labelOf?: (d: Row) => string;
  minimumSample?: number;
}

export function winRateChart(rows: Row[], options: WinRateChartOptions = {}): HTMLElement {
  const {
    width = 640,
    locale = "en",
    currency = "USD",
    reference = null,
    highlight = null,
    key = (d: Row) => String(d.value),
    labelOf = (d: Row) => valueLabel(String(d.value), locale),
    minimumSample = 10,
  } = options;
  const t = words(locale);
  const sorted = [...rows].sort((a, b) => a.rank - b.rank || b.n_closed - a.n_closed);
  const hasAmount = sorted.some((d) => d.win_rate_amount !== null && d.win_rate_amount !== undefined);
  const lowSampleText = label("low_sample", locale);

  const keys = sorted.map(key);
  const byKey = new Map(sorted.map((d) => [key(d), d]));
  const names = new Map(sorted.map((d) => [key(d), labelOf(d)]));
  const low = new Set(sorted.filter((d) => d.low_sample).map(key));
  const opacity = (d: Row) => (d.low_sample ? 0.55 : 1);

  const narrow = width < 480;
  // A name is cut (full text on hover) only past 38% of the width; n and the low-sample mark fit at the end.
  const marginLeft = Math.round(Math.min(Math.max(...keys.map((k) => textWidth(names.get(k)!)), 20) + 14, width * 0.38));
  const endText = (d: Row) => `n=${formatCount(d.n_closed, locale)}${d.low_sample ? (narrow ? "*" : ` · ${lowSampleText}`) : ""}`;
  const marginRight = Math.round(Math.max(...sorted.map((d) => textWidth(endText(d))), 30) + 14);
  const rowHeight = 26;

  const title = (d: Row) =>
    [
      labelOf(d),
      `${label("win_rate_count", locale)}: ${formatPercent(d.win_rate)} (${t("closed", formatCount(d.won, locale), formatCount(d.n_closed, locale))})`,
      `${t("interval")}: ${formatPercent(d.win_rate_low)}–${formatPercent(d.win_rate_high)}`,
      `${label("win_rate_amount", locale)}: ${formatPercent(d.win_rate_amount)} (${formatMoney(d.amount_won, currency, locale)} / ${formatMoney(d.amount_closed, currency, locale)})`,
      `${t("lost")}: ${formatCount(d.lost, locale)} · ${t("rank")} ${d.rank}`,
      d.low_sample ? `${lowSampleText} (n < ${minimumSample})` : null,
    ]
      .filter(Boolean)
      .join("\n");

  const amounts = sorted.filter((d) => d.win_rate_amount !== null && d.win_rate_amount !== undefined);
  const references = reference
    ? [
        { rate: reference.win_rate, amount: false },
        ...(hasAmount ? [{ rate: reference.win_rate_amount, amount: true }] : []),
      ].filter((r) => r.rate !== null && r.rate !== undefined)
    : [];

  const plot = Plot.plot({
    width,
    height: 42 + keys.length * rowHeight,
    marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: 34,
    x: { domain: [0, 1], tickFormat: "%", grid: true, label: t("axis"), ticks: narrow ? [0, 0.5, 1] : 5 },
    y: { domain: keys, label: null, axis: null },
    marks: [
      highlight && byKey.has(highlight)
        ? Plot.barX([highlight], { y: (k: string) => k, x1: 0, x2: 1, fill: AMOUNT_COLOR, fillOpacity: 0.16, inset: -2 })
        : null,
      Plot.axisY({
        tickFormat: (k: string) => names.get(k) ?? k,
        fill: (k: string) => (low.has(k) ? MUTED : "currentColor"),
        tickSize: 0,
        textOverflow: "ellipsis",
        // Plot measures in ems of the 10px axis font.
        lineWidth: (marginLeft - 8) / 10,
      }),
      Plot.ruleX(references, {
        className: "overall",
        x: "rate",
        stroke: (r: { amount: boolean }) => (r.amount ? AMOUNT_COLOR : COUNT_COLOR),
        strokeDasharray: "4 3",
        strokeOpacity: 0.8,
      }),
      // The 95% Wilson interval of the win rate by count.
      Plot.ruleY(sorted.filter((d) => d.win_rate_low !== null), {
        className: "interval",
        y: key,
        x1: "win_rate_low",
        x2: "win_rate_high",
        stroke: COUNT_COLOR,
        strokeWidth: 2.5,
        strokeOpacity: (d: Row) => (d.low_sample ? 0.45 : 0.8),
        title,
      }),
      Plot.dot(sorted.filter((d) => d.win_rate !== null), {
        className: "count",
        y: key,
        x: "win_rate",
        r: 5,
        fill: COUNT_COLOR,
        fillOpacity: opacity,
        stroke: "var(--theme-background, white)",
        strokeWidth: 1,
        title,
        tip: true,
      }),
      Plot.dot(amounts, {
        className: "amount",
        y: key,
        x: "win_rate_amount",
        r: 5.5,
        symbol: "diamond",
        fill: "none",
        stroke: AMOUNT_COLOR,
        strokeOpacity: opacity,
        strokeWidth: 2,
        title,
        tip: true,
      }),
      // n (and the low-sample label) at the end of each row.
      Plot.text(sorted, {
        y: key,
        x: 1,
        dx: 8,
        text: endText,
        textAnchor: "start",
        fill: (d: Row) => (d.low_sample ? MUTED : "currentColor"),
      }),
    ],
  });

  const figure = document.createElement("div");
  figure.className = "win-rate-chart";
  figure.append(legend(hasAmount, reference !== null, locale), plot);
  return figure;
}

/** Our own values in the user's words; CRM values (rep, competitor, source names) as they are. */
export function valueLabel(value: string, locale: Locale): string {
  if (value === "(no competitor)") return words(locale)("noCompetitor");
  if (value === "(none)") return label("none", locale);
  return label(value, locale);
}

function legend(hasAmount: boolean, hasReference: boolean, locale: Locale): HTMLElement {
  const t = words(locale);
  const line = document.createElement("div");
  line.className = "chart-legend";
  line.style.cssText = "display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:0.8rem;color:var(--theme-foreground-muted);margin:0 0 0.25rem";
  const item = (swatch: string, color: string, text: string) => {
    const span = document.createElement("span");
    const mark = document.createElement("span");
    mark.className = "swatch";
    mark.style.color = color;
    mark.textContent = swatch;
    span.append(mark, document.createTextNode(` ${text}`));
    line.append(span);
  };
  item("●━", COUNT_COLOR, t("legendCount"));
  if (hasAmount) item("◇", AMOUNT_COLOR, t("legendAmount"));
  if (hasReference) item("┆", "currentColor", t("legendOverall"));
  if (!hasAmount) {
    const note = document.createElement("span");
    note.textContent = t("noAmount");
    line.append(note);
  }
  return line;
}
