import * as d3 from "d3";
import { chartSvg, rowLabel, rowTips } from "./svgChart.js";
import type { PlanStep } from "./reverseFunnel.js";
import { wholeNumber } from "./reverseFunnel.js";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import { inkOn, MUTED } from "./ink.js";
import { TEAM_COLORS } from "./funnelHandoffChart.js";
import { label, type Locale } from "./labels.js";
import { translator } from "./words.js";

/** The chart's words in both languages (read through t()). */
const WORDS = {
  rates: {
    average_won_deal_size: ["average won deal", "평균 수주 금액"],
    win_rate: ["win rate", "승률"],
    sql_to_opportunity_rate: ["SQL → opportunity", "SQL → 영업기회"],
    mql_to_sql_rate: ["MQL → SQL", "MQL → SQL"],
    lead_to_mql_rate: ["lead → MQL", "리드 → MQL"],
  },
  missing: [(rate: string) => `${rate}: missing`, (rate: string) => `${rate}: 데이터 없음`],
  stops: [(rate: string) => `${rate}: missing — the plan stops here`, (rate: string) => `${rate}: 데이터 없음 — 여기서 계산 중단`],
  needed: [(step: string, n: string) => `${step}: ${n} needed`, (step: string, n: string) => `${step}: ${n} 필요`],
  atBounds: [(range: string) => `If every rate sat at its 95% bound: ${range}`, (range: string) => `전환율이 95% 구간 끝에 있을 때: ${range}`],
  dividedBy: [(rate: string) => `Divided by ${rate}`, (rate: string) => `나눈 값: ${rate}`],
  restsOnLow: ["rests on a low-sample rate further down", "아래 단계의 전환율이 표본 부족"],
  cannotCompute: ["cannot compute", "계산 불가"],
  target: [(amount: string) => `Target ${amount}`, (amount: string) => `목표 ${amount}`],
  aria: ["Reverse funnel from the bookings target", "목표 매출 역산 퍼널"],
} as const;

export interface ReverseFunnelOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  target?: number;
  /** Step labels (config_funnel_step) by funnel step: lead, mql, sql, opportunity, won. */
  stepLabels?: Record<string, string>;
  /** Team of each funnel step, for the bar colours. */
  stepTeams?: Record<string, string>;
  rowHeight?: number;
  gap?: number;
}

/**
 * The reverse funnel as a funnel: one centred bar per step from leads (top) to won deals, each as wide
 * as the records needed and labelled with the number; between two bars the rate that links them, with
 * its n, and at the bottom the average deal that turns won deals into the target. A rate below the
 * minimum sample is marked (italic, "low sample") and the bars that rest on it are drawn lighter; a
 * missing rate leaves the bars above it as dashed outlines saying why. A faint whisker on a bar's right
 * edge spans the count needed if every rate used sat at its 95% interval bound.
 * D3 because the rate between two bars has no Plot mark; every text goes in as text.
 */
export function reverseFunnelChart(steps: PlanStep[], options: ReverseFunnelOptions = {}): SVGSVGElement {
  const { width = 640, locale = "en", currency = "USD", target = 0, stepLabels = {}, stepTeams = {}, rowHeight = 30, gap = 26 } = options;
  const t = translator(WORDS, locale);
  const narrow = width < 520;
  const labelColumn = narrow ? 104 : 130;
  const margin = { top: 6, right: 8, bottom: 8, left: labelColumn };
  // Rows for the steps, then one more gap and a row for the target they add up to.
  const height = margin.top + margin.bottom + (steps.length + 1) * rowHeight + steps.length * gap;
  // Never negative: a container can be very narrow for a moment while the page lays out.
  const inner = Math.max(width - margin.left - margin.right, 40);
  const centre = margin.left + inner / 2;
  const max = d3.max(steps, (d) => d.neededHigh ?? d.needed ?? 0) || 1;
  const x = d3.scaleLinear().domain([0, max]).range([0, inner]);
  const y = (i: number) => margin.top + i * (rowHeight + gap);
  const barWidth = (d: PlanStep) => (d.needed === null ? inner * 0.6 : Math.max(x(d.needed), 2));
  // A bar is as trustworthy as the least-sampled rate it was divided by (rates below it in the chain).
  const shaky = steps.map((_, i) => steps.slice(i).some((s) => s.lowSample));
  const barColor = (d: PlanStep) => TEAM_COLORS[stepTeams[d.funnelStep] ?? ""] ?? "#808080";
  const stepName = (d: PlanStep) => stepLabels[d.funnelStep] ?? label(d.step, locale);
  const rateName = (d: PlanStep) => t(`rates.${d.divisor}`);
  const lowSample = label("low_sample", locale);
  // The missing divisor nearest the target is where the plan stops; the ones above it are just missing.
  const firstMissing = steps.findLast((d) => d.missing);
  // The rate itself: "27.9% lead → MQL (n = 4,910)".
  const rateValue = (d: PlanStep) => {
    const value = d.divisor === "average_won_deal_size" ? formatMoney(d.divisorValue, currency, locale) : formatPercent(d.divisorValue);
    return `${value} ${rateName(d)} (n = ${formatCount(d.n, locale)})${d.lowSample ? ` · ${lowSample}` : ""}`;
  };
  const rateText = (d: PlanStep) => {
    if (d.missing) return t(d === firstMissing ? "stops" : "missing", rateName(d));
    return `× ${rateValue(d)}`;
  };

  // A step's count needed, its range at the rates' bounds, and the rate it was divided by.
  const details = (d: PlanStep) =>
    [
      t("needed", stepName(d), d.needed === null ? "–" : formatCount(wholeNumber(d.needed), locale)),
      d.neededLow !== null && d.neededHigh !== null && d.step !== "won_deals"
        ? t("atBounds", `${formatCount(wholeNumber(d.neededLow), locale)}–${formatCount(wholeNumber(d.neededHigh), locale)}`)
        : null,
      d.missing ? rateText(d) : t("dividedBy", rateValue(d)),
      shaky[steps.indexOf(d)] && !d.lowSample ? t("restsOnLow") : null,
    ].filter((line): line is string => line !== null);

  const svg = chartSvg("reverse-funnel", width, height, t("aria"));

  const row = svg
    .append("g")
    .attr("class", "steps")
    .selectAll("g")
    .data(steps)
    .join("g")
    .attr("class", "step")
    .attr("transform", (_, i) => `translate(0,${y(i)})`);

  rowLabel(row, margin.left - 8, rowHeight).attr("class", "step-label").style("font-weight", 600).style("font-size", narrow ? "11px" : "12px").text(stepName);

  row
    .append("rect")
    .attr("class", "bar")
    .attr("x", (d) => centre - barWidth(d) / 2)
    .attr("width", barWidth)
    .attr("height", rowHeight)
    .attr("rx", 3)
    .attr("fill", (d) => (d.needed === null ? "none" : barColor(d)))
    .attr("fill-opacity", (_, i) => (shaky[i] ? 0.45 : 1))
    .attr("stroke", (d) => (d.needed === null ? "currentColor" : "none"))
    .attr("stroke-opacity", 0.5)
    .attr("stroke-dasharray", "4 3");

  // The whisker: the count needed at the rates' interval bounds, on the bar's right edge.
  row
    .filter((d) => d.needed !== null && d.neededLow !== null && d.neededHigh !== null && d.step !== "won_deals")
    .append("path")
    .attr("class", "range")
    .attr("d", (d) => {
      const left = centre + x(d.neededLow!) / 2;
      const right = centre + x(d.neededHigh!) / 2;
      const middle = rowHeight / 2;
      return `M${left},${middle - 5}V${middle + 5}M${left},${middle}H${right}M${right},${middle - 5}V${middle + 5}`;
    })
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.6)
    .attr("fill", "none");

  // The number goes inside a wide bar (and "cannot compute" inside its dashed outline), else beside it.
  const inside = (d: PlanStep) => d.needed === null || barWidth(d) > 90;
  row
    .append("text")
    .attr("class", "needed")
    .attr("x", (d) => (inside(d) ? centre : centre + barWidth(d) / 2 + 8))
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", (d) => (inside(d) ? "middle" : "start"))
    // On a solid bar, white or black by its colour; on a pale one (its rates rest on a low sample), the text colour.
    .attr("fill", (d, i) => (d.needed === null ? MUTED : inside(d) && !shaky[i] ? inkOn(barColor(d)) : "currentColor"))
    .style("font-weight", 700)
    .style("font-variant-numeric", "tabular-nums")
    .text((d) => (d.needed === null ? t("cannotCompute") : formatCount(wholeNumber(d.needed), locale)));

  // The rate that links each bar to the one below it (for won deals: to the target).
  steps.forEach((d, i) => {
    const middle = y(i) + rowHeight + gap / 2;
    svg
      .append("text")
      .attr("class", d.lowSample ? "rate low-sample" : "rate")
      // On a phone the rate is longer than the bars' column: centred on the whole width, it fits.
      .attr("x", narrow ? width / 2 : centre)
      .attr("y", middle)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .attr("fill", d === firstMissing ? "var(--bad)" : "currentColor")
      .attr("fill-opacity", d.lowSample ? 0.7 : 1)
      .attr("paint-order", "stroke")
      .attr("stroke", "var(--theme-background, white)")
      .attr("stroke-width", 4)
      .style("font-style", d.lowSample ? "italic" : "normal")
      .text(`↓ ${rateText(d)}`);
  });

  // The target the won deals add up to.
  const last = y(steps.length);
  const targetRow = svg.append("g").attr("class", "target").attr("transform", `translate(0,${last})`);
  rowLabel(targetRow, margin.left - 8, rowHeight).style("font-weight", 600).text(label("bookings", locale));
  targetRow
    .append("rect")
    .attr("x", margin.left)
    .attr("width", inner)
    .attr("height", rowHeight)
    .attr("rx", 3)
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.08)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.3);
  targetRow
    .append("text")
    .attr("x", centre)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "middle")
    .attr("fill", "currentColor")
    .style("font-weight", 700)
    .text(t("target", formatMoney(target, currency, locale)));

  rowTips(svg, row, details, (d) => ({ x: centre + barWidth(d) / 2 + 8, y: y(steps.indexOf(d)) }));

  return svg.node()!;
}
