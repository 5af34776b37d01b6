/**
 * Lost deals by one dimension of mart_lost_reasons (reason group, reason, stage at loss, competitor):
 * one row per value, a bar for its share of the period's lost deals and, beside it, its share of the lost
 * amount, each labelled with the count or amount. Wide: two aligned panels; narrow: one panel with the
 * amount share as a tick on the count bar. Rows are drawn in the order given.
 *
 * lostReasonsChart(rows.filter((d) => d.dimension === "reason_group"), {width, locale, currency})
 */
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import type { Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { AMOUNT_COLOR, COUNT_COLOR, textWidth } from "./winRateChart.js";

export interface LostReasonsChartOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  labelOf?: (d: Row) => string;
  /** Extra tooltip lines for a row (e.g. the reason's group). */
  detail?: (d: Row) => string | null;
  narrowWidth?: number;
}

export function lostReasonsChart(rows: Row[], options: LostReasonsChartOptions = {}): HTMLElement {
  const { width = 640, locale = "en", currency = "USD", labelOf = (d: Row) => String(d.value), detail = () => null, narrowWidth = 560 } = options;
  const ko = locale === "ko";
  const hasAmount = rows.some((d) => d.share_of_amount_lost !== null && d.share_of_amount_lost !== undefined);
  const split = hasAmount && width >= narrowWidth;
  const keys = rows.map((d) => String(d.value));
  const names = new Map(rows.map((d) => [String(d.value), labelOf(d)]));
  const marginLeft = Math.round(Math.min(Math.max(...keys.map((k) => textWidth(names.get(k)!)), 40) + 14, width * (split ? 0.28 : 0.36)));
  const max = Math.max(0.05, ...rows.map((d) => Math.max(d.share_of_lost ?? 0, d.share_of_amount_lost ?? 0)));
  const countText = (d: Row) => `${formatCount(d.lost_deals, locale)} (${formatPercent(d.share_of_lost, 0)})`;
  const amountText = (d: Row) => `${formatMoney(d.amount_lost, currency, locale)} (${formatPercent(d.share_of_amount_lost, 0)})`;
  const title = (d: Row) =>
    [
      labelOf(d),
      detail(d),
      `${ko ? "실패 건수" : "Deals lost"}: ${formatCount(d.lost_deals, locale)} / ${formatCount(d.period_lost_deals, locale)} (${formatPercent(d.share_of_lost)})`,
      `${ko ? "실패 금액" : "Amount lost"}: ${formatMoney(d.amount_lost, currency, locale)} (${formatPercent(d.share_of_amount_lost)})`,
    ]
      .filter(Boolean)
      .join("\n");
  const counts = rows.map((d) => ({ ...d, measure: "count", share: d.share_of_lost }));
  const amounts = rows
    .filter((d) => d.share_of_amount_lost !== null && d.share_of_amount_lost !== undefined)
    .map((d) => ({ ...d, measure: split ? "amount" : "count", share: d.share_of_amount_lost }));
  const fx = split ? "measure" : undefined;
  // Room for the labels right of the bars: the longest label, in units of the share axis.
  const labelRoom = (Math.max(...rows.map((d) => textWidth(split ? amountText(d) : `${countText(d)} · ${formatMoney(d.amount_lost, currency, locale)}`))) + 10);
  const panel = split ? (width - marginLeft - 20) / 2 : width - marginLeft - 16;
  const domainMax = Math.min(1.6, max / Math.max(0.25, 1 - labelRoom / Math.max(panel, 1)));

  const plot = Plot.plot({
    width,
    height: (split ? 62 : 40) + keys.length * 24,
    marginLeft,
    marginRight: 16,
    marginTop: split ? 26 : 8,
    marginBottom: 34,
    fx: split
      ? {
          domain: ["count", "amount"],
          tickFormat: (m: string) => (m === "count" ? (ko ? "실패 건수 비중" : "Share of deals lost") : ko ? "실패 금액 비중" : "Share of amount lost"),
          label: null,
          axis: "top",
          padding: 0.1,
        }
      : undefined,
    x: { domain: [0, domainMax], tickFormat: "%", grid: true, label: ko ? "해당 기간 실패 대비 비중 →" : "Share of the period's losses →",
      // No share is above 100%: the room past it is for the labels, without ticks.
      ticks: d3.ticks(0, Math.min(1, domainMax), width < 400 ? 3 : 4) },
    y: { domain: keys, label: null, axis: null },
    marks: [
      Plot.axisY({ tickFormat: (k: string) => names.get(k) ?? k, tickSize: 0, textOverflow: "ellipsis", lineWidth: (marginLeft - 10) / 11.5 }),
      Plot.barX(counts, { fx, y: (d: Row) => String(d.value), x: "share", fill: COUNT_COLOR, fillOpacity: 0.85, title, tip: true }),
      split
        ? Plot.barX(amounts, { fx, y: (d: Row) => String(d.value), x: "share", fill: AMOUNT_COLOR, fillOpacity: 0.85, title, tip: true })
        : Plot.tickX(amounts, { y: (d: Row) => String(d.value), x: "share", stroke: AMOUNT_COLOR, strokeWidth: 3, title }),
      Plot.text(counts, {
        fx,
        y: (d: Row) => String(d.value),
        // In one panel the label starts after the bar or the amount tick, whichever is further right.
        x: split ? "share" : (d: Row) => Math.max(d.share_of_lost ?? 0, d.share_of_amount_lost ?? 0),
        dx: 4,
        textAnchor: "start",
        fill: "currentColor",
        text: split ? countText : (d: Row) => (hasAmount ? `${countText(d)} · ${formatMoney(d.amount_lost, currency, locale)}` : countText(d)),
      }),
      split ? Plot.text(amounts, { fx, y: (d: Row) => String(d.value), x: "share", dx: 4, textAnchor: "start", fill: "currentColor", text: amountText }) : null,
      Plot.ruleX([0]),
    ],
  });

  const figure = document.createElement("div");
  figure.className = "lost-reasons-chart";
  if (!split) {
    const legend = document.createElement("div");
    legend.style.cssText = "font-size:0.8rem;color:var(--theme-foreground-muted);margin:0 0 0.25rem";
    legend.textContent = hasAmount
      ? ko
        ? "막대: 실패 건수 비중 · 주황 눈금: 실패 금액 비중"
        : "Bar: share of deals lost · orange tick: share of the amount lost"
      : ko
        ? "실패 건의 금액이 없어 금액 비중은 알 수 없습니다"
        : "The export records no lost deal's amount: shares of amount are unknown";
    figure.append(legend);
  }
  figure.append(plot);
  return figure;
}
