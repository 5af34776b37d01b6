/**
 * Lost deals by one dimension of mart_lost_reasons (reason group, reason, stage at loss, competitor):
 * one row per value with two bars, its share of the period's lost deals (blue, above) and its share of the
 * lost amount (orange, below), each labelled with the count or amount. The same encoding at every width,
 * and the same colours as the win-rate charts (count blue, amount orange). Rows are drawn in the order given.
 *
 * lostReasonsChart(rows.filter((d) => d.dimension === "reason_group"), {width, locale, currency})
 */
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import type { Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { AMOUNT_COLOR, COUNT_COLOR } from "./winRateChart.js";
import { textWidth } from "./text.js";
import { translator } from "./words.js";

export interface LostReasonsChartOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  labelOf?: (d: Row) => string;
  /** Extra tooltip lines for a row (e.g. the reason's group). */
  detail?: (d: Row) => string | null;
}

/** The chart's words in both languages. */
const WORDS = {
  dealsLost: ["Deals lost", "실패 건수"],
  amountLost: ["Amount lost", "실패 금액"],
  axis: ["Share of the period's losses →", "해당 기간 실패 대비 비중 →"],
  legendCount: ["share of deals lost", "실패 건수 비중"],
  legendAmount: ["share of the amount lost", "실패 금액 비중"],
  noAmount: [
    "The export records no lost deal's amount: shares of amount are unknown",
    "실패 건의 금액이 없어 금액 비중은 알 수 없습니다",
  ],
} as const;

export function lostReasonsChart(rows: Row[], options: LostReasonsChartOptions = {}): HTMLElement {
  const { width = 640, locale = "en", currency = "USD", labelOf = (d: Row) => String(d.value), detail = () => null } = options;
  const t = translator(WORDS, locale);
  const hasAmount = rows.some((d) => d.share_of_amount_lost !== null && d.share_of_amount_lost !== undefined);
  const keys = rows.map((d) => String(d.value));
  const names = new Map(rows.map((d) => [String(d.value), labelOf(d)]));
  const marginLeft = Math.round(Math.min(Math.max(...keys.map((k) => textWidth(names.get(k)!)), 40) + 14, width * 0.38));
  const countText = (d: Row) => `${formatCount(d.lost_deals, locale)} (${formatPercent(d.share_of_lost, 0)})`;
  const amountText = (d: Row) => `${formatMoney(d.amount_lost, currency, locale)} (${formatPercent(d.share_of_amount_lost, 0)})`;
  const title = (d: Row) =>
    [
      labelOf(d),
      detail(d),
      `${t("dealsLost")}: ${formatCount(d.lost_deals, locale)} / ${formatCount(d.period_lost_deals, locale)} (${formatPercent(d.share_of_lost)})`,
      `${t("amountLost")}: ${formatMoney(d.amount_lost, currency, locale)} (${formatPercent(d.share_of_amount_lost)})`,
    ]
      .filter(Boolean)
      .join("\n");
  const amounts = rows.filter((d) => d.share_of_amount_lost !== null && d.share_of_amount_lost !== undefined);
  // Room right of the longest bar for its label, in units of the share axis.
  const max = Math.max(0.05, ...rows.map((d) => Math.max(d.share_of_lost ?? 0, d.share_of_amount_lost ?? 0)));
  const labelRoom = Math.max(...rows.map((d) => Math.max(textWidth(countText(d)), hasAmount ? textWidth(amountText(d)) : 0))) + 10;
  const panel = Math.max(width - marginLeft - 16, 1);
  const domainMax = Math.min(1.6, max / Math.max(0.25, 1 - labelRoom / panel));
  // Each row is a band of two bars: the count in its upper half, the amount in its lower half.
  const rowHeight = hasAmount ? 34 : 22;
  const half = hasAmount ? 14 : 0;
  const y = (d: Row) => String(d.value);

  const plot = Plot.plot({
    width,
    height: 44 + keys.length * rowHeight,
    marginLeft,
    marginRight: 16,
    marginTop: 8,
    marginBottom: 34,
    x: {
      domain: [0, domainMax],
      tickFormat: "%",
      grid: true,
      label: t("axis"),
      // No share is above 100%: the room past it is for the labels, without ticks.
      ticks: d3.ticks(0, Math.min(1, domainMax), width < 400 ? 3 : 4),
    },
    y: { domain: keys, label: null, axis: null, paddingInner: 0.18, paddingOuter: 0.1 },
    marks: [
      Plot.axisY({ tickFormat: (k: string) => names.get(k) ?? k, tickSize: 0, textOverflow: "ellipsis", lineWidth: (marginLeft - 8) / 10 }),
      Plot.barX(rows, { className: "count", y, x: "share_of_lost", insetBottom: half, fill: COUNT_COLOR, fillOpacity: 0.85, title, tip: true }),
      Plot.barX(amounts, { className: "amount", y, x: "share_of_amount_lost", insetTop: half, fill: AMOUNT_COLOR, fillOpacity: 0.85, title, tip: true }),
      Plot.text(rows, { y, x: "share_of_lost", dy: -half / 2, dx: 4, textAnchor: "start", fill: "currentColor", text: countText }),
      Plot.text(amounts, { y, x: "share_of_amount_lost", dy: half / 2, dx: 4, textAnchor: "start", fill: "currentColor", text: amountText }),
      Plot.ruleX([0]),
    ],
  });

  const legend = document.createElement("div");
  legend.className = "chart-legend";
  legend.style.cssText = "display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:0.8rem;color:var(--theme-foreground-muted);margin:0 0 0.25rem";
  const item = (color: string, text: string) => {
    const span = document.createElement("span");
    const mark = document.createElement("span");
    mark.style.color = color;
    mark.textContent = "■";
    span.append(mark, document.createTextNode(` ${text}`));
    legend.append(span);
  };
  item(COUNT_COLOR, t("legendCount"));
  if (hasAmount) item(AMOUNT_COLOR, t("legendAmount"));
  else legend.append(document.createTextNode(t("noAmount")));

  const figure = document.createElement("div");
  figure.className = "lost-reasons-chart";
  figure.append(legend, plot);
  return figure;
}
