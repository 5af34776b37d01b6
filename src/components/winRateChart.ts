/**
 * Win rate for one dimension (competitor, rep, tier, …): one row per value, in the mart's rank order, so
 * low-sample rows come last. Each row has a dot at the win rate by count with its 95% Wilson interval as
 * a line, and beside it the win rate by amount: a drop in amount only points to deal size, a drop in both
 * points to competition. n is written at the end of each row; low-sample rows are drawn lighter and
 * labelled. Wide: two aligned panels (count | amount). Narrow (a phone): one panel, amount as a hollow
 * diamond on the same row. All CRM text goes in as Plot text (escaped).
 *
 * winRateChart(rows.filter((d) => d.dimension === "competitor"), {width, locale, currency, reference: overall})
 */
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";

/** The colours of the two measures; mid-tones that read on the light and the dark theme. */
export const COUNT_COLOR = "#4e79a7";
export const AMOUNT_COLOR = "#f28e2b";

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
  /** Below this width per panel, one panel with both measures. */
  minPanelWidth?: number;
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
    minPanelWidth = 125,
  } = options;
  const sorted = [...rows].sort((a, b) => a.rank - b.rank || b.n_closed - a.n_closed);
  const hasAmount = sorted.some((d) => d.win_rate_amount !== null && d.win_rate_amount !== undefined);
  const ko = locale === "ko";
  const lowSampleText = label("low_sample", locale);

  const keys = sorted.map(key);
  const byKey = new Map(sorted.map((d) => [key(d), d]));
  const names = new Map(sorted.map((d) => [key(d), labelOf(d)]));
  const low = new Set(sorted.filter((d) => d.low_sample).map(key));
  const opacity = (d: Row) => (d.low_sample ? 0.38 : 1);

  const marginLeft = Math.round(Math.min(Math.max(...keys.map((k) => textWidth(names.get(k)!)), 20) + 14, width * 0.3));
  const endText = (d: Row) => `n=${formatCount(d.n_closed, locale)}${d.low_sample ? ` · ${lowSampleText}` : ""}`;
  const marginRight = Math.round(Math.min(Math.max(...sorted.map((d) => textWidth(endText(d))), 30) + 12, width * 0.3));
  // Two panels when each still has room for a readable 0–100% axis; otherwise both measures in one.
  const split = hasAmount && (width - marginLeft - marginRight) / 2 >= minPanelWidth;
  const panelWidth = (width - marginLeft - marginRight) / (split ? 2 : 1);
  const rowHeight = 26;
  const measures = split ? ["count", "amount"] : ["count"];
  const measureLabel = (m: string) =>
    m === "count" ? (ko ? "승률 (건수) · 95% 신뢰구간" : "Win rate by count · 95% interval") : ko ? "승률 (금액)" : "Win rate by amount";

  const title = (d: Row) =>
    [
      labelOf(d),
      `${label("win_rate_count", locale)}: ${formatPercent(d.win_rate)} (${formatCount(d.won, locale)} / ${formatCount(d.n_closed, locale)} ${ko ? "종결" : "closed"})`,
      `95% ${ko ? "신뢰구간" : "interval"}: ${formatPercent(d.win_rate_low)}–${formatPercent(d.win_rate_high)}`,
      `${label("win_rate_amount", locale)}: ${formatPercent(d.win_rate_amount)} (${formatMoney(d.amount_won, currency, locale)} / ${formatMoney(d.amount_closed, currency, locale)})`,
      `${ko ? "실패" : "Lost"}: ${formatCount(d.lost, locale)} · ${ko ? "순위" : "rank"} ${d.rank}`,
      d.low_sample ? `${lowSampleText} (n < ${minimumSample})` : null,
    ]
      .filter(Boolean)
      .join("\n");

  // The long form: one record per row and measure, so both panels share the rows' y positions.
  const counts: Row[] = sorted.map((d) => ({ ...d, measure: "count", rate: d.win_rate }));
  const amounts = sorted
    .filter((d) => d.win_rate_amount !== null && d.win_rate_amount !== undefined)
    .map((d) => ({ ...d, measure: split ? "amount" : "count", rate: d.win_rate_amount }));
  const references = reference
    ? [
        { measure: "count", rate: reference.win_rate },
        ...(hasAmount ? [{ measure: split ? "amount" : "count", rate: reference.win_rate_amount, amount: true }] : []),
      ].filter((r) => r.rate !== null && r.rate !== undefined)
    : [];
  const fx = split ? "measure" : undefined;
  const lastPanel = measures.at(-1)!;

  const plot = Plot.plot({
    width,
    height: 40 + (split ? 22 : 0) + keys.length * rowHeight,
    marginLeft,
    marginRight,
    marginTop: split ? 28 : 8,
    marginBottom: 34,
    style: { overflow: "visible" },
    fx: split ? { domain: measures, tickFormat: measureLabel, label: null, axis: "top", padding: 0.16 } : undefined,
    x: { domain: [0, 1], tickFormat: "%", grid: true, label: ko ? "승률 →" : "Win rate →", ticks: panelWidth < 220 ? [0, 0.5, 1] : 5 },
    y: { domain: keys, label: null, axis: null },
    marks: [
      highlight && byKey.has(highlight)
        ? Plot.barX(measures.map((m) => ({ measure: m, key: highlight })), {
            fx,
            y: "key",
            x1: 0,
            x2: 1,
            fill: AMOUNT_COLOR,
            fillOpacity: 0.16,
            inset: -2,
          })
        : null,
      Plot.axisY({
        tickFormat: (k: string) => names.get(k) ?? k,
        fillOpacity: (k: string) => (low.has(k) ? 0.55 : 1),
        tickSize: 0,
        textOverflow: "ellipsis",
        lineWidth: (marginLeft - 10) / 11.5,
      }),
      Plot.ruleX(references, {
        className: "overall",
        fx,
        x: "rate",
        stroke: (r: Row) => (r.amount ? AMOUNT_COLOR : COUNT_COLOR),
        strokeDasharray: "4 3",
        strokeOpacity: 0.8,
      }),
      // The 95% Wilson interval of the win rate by count.
      Plot.ruleY(counts.filter((d) => d.win_rate_low !== null), {
        className: "interval",
        fx,
        y: key,
        x1: "win_rate_low",
        x2: "win_rate_high",
        stroke: COUNT_COLOR,
        strokeWidth: 2.5,
        strokeOpacity: (d: Row) => (d.low_sample ? 0.3 : 0.7),
        title,
      }),
      Plot.dot(counts.filter((d) => d.rate !== null), {
        fx,
        y: key,
        x: "rate",
        r: 5,
        fill: COUNT_COLOR,
        fillOpacity: opacity,
        stroke: "var(--theme-background, white)",
        strokeWidth: 1,
        title,
        tip: true,
      }),
      Plot.dot(amounts, {
        fx,
        y: key,
        x: "rate",
        r: 5,
        symbol: split ? "circle" : "diamond",
        fill: split ? AMOUNT_COLOR : "none",
        fillOpacity: opacity,
        stroke: split ? "var(--theme-background, white)" : AMOUNT_COLOR,
        strokeOpacity: opacity,
        strokeWidth: split ? 1 : 2,
        title,
        tip: true,
      }),
      // n (and the low-sample label) at the end of each row, right of the last panel.
      Plot.text(sorted.map((d) => ({ ...d, measure: lastPanel })), {
        fx,
        y: key,
        x: 1,
        dx: 8,
        text: endText,
        textAnchor: "start",
        fill: "currentColor",
        fillOpacity: (d: Row) => (d.low_sample ? 0.6 : 0.85),
      }),
    ],
  });

  const figure = document.createElement("div");
  figure.className = "win-rate-chart";
  figure.append(legend(split, hasAmount, reference !== null, locale), plot);
  return figure;
}

/** Our own values in the user's words; CRM values (rep, competitor, source names) as they are. */
export function valueLabel(value: string, locale: Locale): string {
  if (value === "(no competitor)") return locale === "ko" ? "(경쟁사 없음)" : "(no competitor)";
  if (value === "(none)") return label("none", locale);
  return label(value, locale);
}

/** A rough width in pixels of a 10px label: Hangul and other wide glyphs count double. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3\uff00-\uffef]/.test(ch) ? 10 : 6;
  return width;
}

function legend(split: boolean, hasAmount: boolean, hasReference: boolean, locale: Locale): HTMLElement {
  const ko = locale === "ko";
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
  item("●━", COUNT_COLOR, ko ? "건수 기준 승률과 95% 신뢰구간" : "win rate by count, with its 95% interval");
  if (hasAmount) item(split ? "●" : "◇", AMOUNT_COLOR, ko ? "금액 기준 승률" : "win rate by amount");
  if (hasReference) item("┆", "currentColor", ko ? "전체 승률" : "overall");
  if (!hasAmount) {
    const note = document.createElement("span");
    note.textContent = ko ? "금액 기준 승률: 실패 건의 금액이 없어 알 수 없음" : "Win rate by amount unknown: the export records no lost deal's amount";
    line.append(note);
  }
  return line;
}
