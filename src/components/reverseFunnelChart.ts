import * as d3 from "d3";
import { chartSvg, rowLabel } from "./svgChart.js";
import type { PlanStep } from "./reverseFunnel.js";
import { wholeNumber } from "./reverseFunnel.js";
import { formatCount, formatMoney, formatPercent } from "./format.js";
import { TEAM_COLORS } from "./funnelHandoffChart.js";
import { label, type Locale } from "./labels.js";

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
  const ko = locale === "ko";
  const narrow = width < 520;
  const labelColumn = narrow ? 92 : 130;
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
  const stepName = (d: PlanStep) => stepLabels[d.funnelStep] ?? label(d.step, locale);
  const rateName: Record<PlanStep["divisor"], string> = {
    average_won_deal_size: ko ? "평균 수주 금액" : "average won deal",
    win_rate: ko ? "승률" : "win rate",
    sql_to_opportunity_rate: ko ? "SQL → 영업기회" : "SQL → opportunity",
    mql_to_sql_rate: ko ? "MQL → SQL" : "MQL → SQL",
    lead_to_mql_rate: ko ? "리드 → MQL" : "lead → MQL",
  };
  const lowSample = label("low_sample", locale);
  // The missing divisor nearest the target is where the plan stops; the ones above it are just missing.
  const firstMissing = steps.findLast((d) => d.missing);
  const rateText = (d: PlanStep) => {
    if (d.missing && d !== firstMissing) return ko ? `${rateName[d.divisor]}: 데이터 없음` : `${rateName[d.divisor]}: missing`;
    if (d.missing) return ko ? `${rateName[d.divisor]}: 데이터 없음 — 여기서 계산 중단` : `${rateName[d.divisor]}: missing — the plan stops here`;
    const value = d.divisor === "average_won_deal_size" ? formatMoney(d.divisorValue, currency, locale) : formatPercent(d.divisorValue);
    return `× ${value} ${rateName[d.divisor]} (n = ${formatCount(d.n, locale)})${d.lowSample ? ` · ${lowSample}` : ""}`;
  };

  const svg = chartSvg("reverse-funnel", width, height, ko ? "목표 매출 역산 퍼널" : "Reverse funnel from the bookings target");

  const row = svg
    .append("g")
    .attr("class", "steps")
    .selectAll("g")
    .data(steps)
    .join("g")
    .attr("class", "step")
    .attr("transform", (_, i) => `translate(0,${y(i)})`);

  rowLabel(row, margin.left - 8, rowHeight).attr("class", "step-label").style("font-weight", 600).text(stepName);

  row
    .append("rect")
    .attr("class", "bar")
    .attr("x", (d) => centre - barWidth(d) / 2)
    .attr("width", barWidth)
    .attr("height", rowHeight)
    .attr("rx", 3)
    .attr("fill", (d) => (d.needed === null ? "none" : TEAM_COLORS[stepTeams[d.funnelStep] ?? ""] ?? "gray"))
    .attr("fill-opacity", (_, i) => (shaky[i] ? 0.45 : 1))
    .attr("stroke", (d) => (d.needed === null ? "currentColor" : "none"))
    .attr("stroke-opacity", 0.5)
    .attr("stroke-dasharray", "4 3")
    .append("title")
    .text((d, i) =>
      [
        `${stepName(d)}: ${d.needed === null ? "–" : formatCount(wholeNumber(d.needed), locale)} ${ko ? "필요" : "needed"}`,
        d.neededLow !== null && d.neededHigh !== null && d.step !== "won_deals"
          ? `${ko ? "비율이 95% 구간 끝에 있을 때" : "If every rate sat at its 95% bound"}: ${formatCount(wholeNumber(d.neededLow), locale)}–${formatCount(wholeNumber(d.neededHigh), locale)}`
          : null,
        d.missing ? rateText(d) : `${ko ? "나눈 값" : "Divided by"} ${rateText(d).slice(2)}`,
        shaky[i] && !d.lowSample ? (ko ? "아래 단계의 비율이 표본 부족" : "rests on a low-sample rate further down") : null,
      ]
        .filter(Boolean)
        .join("\n"),
    );

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
    .attr("fill", (d) => (inside(d) && d.needed !== null ? "white" : "currentColor"))
    .attr("fill-opacity", (d) => (d.needed === null ? 0.6 : 1))
    .style("font-weight", 700)
    .style("font-variant-numeric", "tabular-nums")
    .text((d) => (d.needed === null ? (ko ? "계산 불가" : "cannot compute") : formatCount(wholeNumber(d.needed), locale)));

  // The rate that links each bar to the one below it (for won deals: to the target).
  steps.forEach((d, i) => {
    const middle = y(i) + rowHeight + gap / 2;
    svg
      .append("text")
      .attr("class", d.lowSample ? "rate low-sample" : "rate")
      .attr("x", centre)
      .attr("y", middle)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .attr("fill", d === firstMissing ? "#c62828" : "currentColor")
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
    .text(`${ko ? "목표" : "Target"} ${formatMoney(target, currency, locale)}`);

  return svg.node()!;
}
