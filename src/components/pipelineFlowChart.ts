import * as d3 from "d3";
import { chartSvg, rowLabel, rowTips } from "./svgChart.js";
import type { PipelineFlow, WaterfallStep } from "./pipelineFlow.js";
import { formatCount, formatMoney } from "./format.js";
import type { Locale } from "./labels.js";
import { WITHIN_MOVEMENTS } from "./pipelineFlow.js";
import { translator } from "./words.js";

export interface PipelineFlowChartOptions {
  width?: number;
  locale?: Locale;
  currency?: string;
  rowHeight?: number;
  gap?: number;
}

/** The chart's words in both languages (read through t()); a movement's name is shorter on a phone. */
const WORDS = {
  name: {
    open: [(date: string) => `Open ${date}`, (date: string) => `${date} 진행 중`],
    created: ["+ Created", "+ 신규 생성"],
    won: ["− Won", "− 수주"],
    lost: ["− Lost", "− 실패"],
    other: ["± Other changes", "± 기타 변동"],
    advanced: [(narrow: boolean) => (narrow ? "Advanced" : "Advanced a stage"), () => "다음 단계로 진행"],
    moved_back: [(narrow: boolean) => (narrow ? "Moved back" : "Moved back a stage"), () => "이전 단계로 후퇴"],
    pushed_out: [(narrow: boolean) => (narrow ? "Pushed out" : "Pushed out (later close)"), () => "마감일 연기"],
    pulled_in: [(narrow: boolean) => (narrow ? "Pulled in" : "Pulled in (earlier close)"), () => "마감일 앞당김"],
  },
  explain: {
    open_start: ["Open pipeline at the earlier snapshot (at its amounts then)", "이전 스냅샷의 진행 중 파이프라인 (당시 금액)"],
    created: ["Not in the earlier snapshot (includes deals created and closed in between)", "이전 스냅샷에 없던 영업기회 (사이에 생성 후 종료된 건 포함)"],
    won: ["Open before, won now", "진행 중이었다가 수주"],
    lost: ["Open before, lost now", "진행 중이었다가 실패"],
    other: [
      "What the movements above leave unexplained: amount changes of open deals, deals created and closed in between, deals reopened or deleted",
      "위 항목으로 설명되지 않는 차이: 진행 중 건의 금액 변경, 사이에 생성 후 종료된 건, 재개·삭제된 건",
    ],
    open_end: ["Open pipeline at this snapshot", "이번 스냅샷의 진행 중 파이프라인"],
    advanced: ["Still open, at a later stage — the total does not change", "진행 중 유지, 더 뒤 단계로 — 합계는 변하지 않음"],
    moved_back: ["Still open, at an earlier stage — the total does not change", "진행 중 유지, 더 앞 단계로 — 합계는 변하지 않음"],
    pushed_out: [
      "Still open, same stage, close date later — the total does not change, but the deal may leave this period",
      "진행 중 유지, 같은 단계, 마감 예정일이 늦어짐 — 합계는 변하지 않지만 이번 기간에서 빠질 수 있음",
    ],
    pulled_in: [
      "Still open, same stage, close date earlier — the total does not change, but the deal may enter this period",
      "진행 중 유지, 같은 단계, 마감 예정일이 빨라짐 — 합계는 변하지 않지만 이번 기간에 들어올 수 있음",
    ],
  },
  axis: {
    amount: ["Amount →", "금액 →"],
    zoomed: [(narrow: boolean) => (narrow ? "Zoomed →" : "Amount (not from 0) →"), (narrow: boolean) => (narrow ? "확대 →" : "금액 (0부터 아님) →")],
  },
  inside: [
    (narrow: boolean) => (narrow ? "Moved inside the pipeline" : "Moved inside the open pipeline — stage or close date changed, the total did not"),
    (narrow: boolean) => (narrow ? "파이프라인 안의 이동" : "진행 중 파이프라인 안의 이동 (합계 변화 없음)"),
  ],
  deals: [(n: number, text: string) => `${text} ${Math.abs(n) === 1 ? "deal" : "deals"}`, (_n: number, text: string) => `${text}건`],
  aria: ["Waterfall of the pipeline between two snapshots", "스냅샷 간 파이프라인 변동 워터폴"],
} as const;

const COLORS = { total: "#4e79a7", increase: "#59a14f", decrease: "#e15759", other: "#9c9c9c", within: "#f28e2b" };

/**
 * How the open pipeline moved between two snapshots, as a horizontal waterfall: open at the earlier
 * snapshot, + created, − won, − lost, ± other changes, = open at the later one, each bar floating from
 * the running total with a dashed connector to the next. Below a divider, the deals that moved inside
 * the open pipeline — advanced, moved back, pushed out (close date later), pulled in (close date
 * earlier) — drawn as outlined bars from zero on their own axis: they change a deal's stage or date,
 * not the total, so they are not steps of the waterfall. When a week's changes are small beside the
 * totals, the waterfall's axis is zoomed to the running totals (labelled, and the totals' bars show a
 * break) so that the changes can be seen. Horizontal so that it reads on a phone; D3 because Plot has
 * no waterfall; every text goes in as text.
 */
export function pipelineFlowChart(flow: PipelineFlow, options: PipelineFlowChartOptions = {}): SVGSVGElement {
  const { width = 640, locale = "en", currency = "USD", rowHeight = 26, gap = 10 } = options;
  const t = translator(WORDS, locale);
  const narrow = width < 520;
  const day = (date: string) => (narrow ? date.slice(5) : date);
  const names: Record<string, string> = {
    open_start: t("name.open", day(flow.previousSnapshotDate)),
    open_end: t("name.open", day(flow.snapshotDate)),
    ...Object.fromEntries(["created", "won", "lost", "other"].map((key) => [key, t(`name.${key}`)])),
    ...Object.fromEntries(WITHIN_MOVEMENTS.map((key) => [key, t(`name.${key}`, narrow)])),
  };
  const explain = (key: string) => t(`explain.${key}`);

  const labelColumn = narrow ? 112 : 170;
  const valueColumn = narrow ? 64 : 80;
  const margin = { left: labelColumn, right: valueColumn };
  const axisHeight = 24;
  const headerHeight = 30;
  // Never negative: a container can be very narrow for a moment while the page lays out.
  const inner = Math.max(width - margin.left - margin.right, 40);
  // Waterfall rows, its axis, the divider and header, the movement rows, their axis.
  const yStep = (i: number) => 4 + i * (rowHeight + gap);
  const waterfallAxisY = yStep(flow.steps.length) - gap + 4;
  const dividerY = waterfallAxisY + axisHeight;
  const yWithin = (i: number) => dividerY + headerHeight + i * (rowHeight + gap);
  const withinAxisY = yWithin(flow.within.length) - gap + 4;
  const height = withinAxisY + axisHeight;

  // The waterfall's axis starts at 0 unless the changes are small beside the totals: then it is zoomed
  // to the running totals (so that a week's movements are visible) and the totals' bars show a break.
  const running = flow.steps.flatMap((s) => (s.kind === "total" ? [s.to] : [s.from, s.to]));
  const low = Math.min(0, ...running);
  const high = Math.max(...running, 1);
  const lowest = Math.min(...running);
  const zoomed = low === 0 && lowest > 0 && high - lowest < 0.5 * high;
  const x = d3
    .scaleLinear()
    .domain([zoomed ? Math.max(0, lowest - (high - lowest) * 0.6) : low, high])
    .nice()
    .range([margin.left, margin.left + inner]);
  const base = x.domain()[0]!;
  // The movements inside the pipeline are amounts from 0, on their own axis.
  const xWithin = d3
    .scaleLinear()
    .domain([0, Math.max(...flow.within.map((w) => w.amount), 1)])
    .nice()
    .range([margin.left, margin.left + inner]);

  const svg = chartSvg("pipeline-flow", width, height, t("aria"));

  const drawAxis = (scale: d3.ScaleLinear<number, number>, top: number, bottom: number, caption: string) => {
    const count = narrow ? 3 : 6;
    const allTicks = scale.ticks(count);
    // Ticks close together need more digits than formatMoney's compact form ($5.55M, not $5.6M twice).
    const siFormat = scale.tickFormat(count, "s");
    const si = (d: number) => siFormat(d).replace("k", "K").replace("G", "B"); // $20K, $1.2B as formatMoney writes them
    const symbol = currency === "USD" ? "$" : currency === "EUR" ? "€" : `${currency} `;
    const tick = (d: number) => (currency === "KRW" || d === 0 ? formatMoney(d, currency, locale) : d < 0 ? `−${symbol}${si(-d)}` : `${symbol}${si(d)}`);
    // Every other tick, and again, until the labels fit between their neighbours (₩5,000만 is wide on a phone).
    const labelWidth = Math.max(...allTicks.map((d) => tick(d).length)) * 7 + 10;
    let step = 1;
    while (allTicks.length / step > 2 && (inner / Math.max(allTicks.length / step - 1, 1)) < labelWidth) step += 1;
    const ticks = allTicks.filter((_, i) => i % step === 0);
    const axis = svg.append("g").attr("class", "axis");
    axis
      .selectAll("line")
      .data(ticks)
      .join("line")
      .attr("x1", (d) => scale(d))
      .attr("x2", (d) => scale(d))
      .attr("y1", top)
      .attr("y2", bottom)
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.08);
    axis
      .selectAll("text")
      .data(ticks)
      .join("text")
      .attr("x", (d) => scale(d))
      .attr("y", bottom + 13)
      .attr("text-anchor", "middle")
      .attr("fill", "currentColor")
      .attr("fill-opacity", 0.7)
      .text(tick);
    axis
      .append("text")
      .attr("x", margin.left - 22)
      .attr("y", bottom + 13)
      .attr("text-anchor", "end")
      .attr("fill", "currentColor")
      .attr("fill-opacity", 0.7)
      .text(caption);
  };
  drawAxis(x, yStep(0), waterfallAxisY, zoomed ? t("axis.zoomed", narrow) : t("axis.amount"));
  drawAxis(xWithin, yWithin(0), withinAxisY, t("axis.amount"));

  const color = (s: WaterfallStep) => (s.kind === "total" ? COLORS.total : s.key === "other" ? COLORS.other : COLORS[s.kind]);
  const signed = (s: WaterfallStep) =>
    s.kind === "total" ? formatMoney(s.amount, currency, locale) : `${s.amount >= 0 ? "+" : "−"}${formatMoney(Math.abs(s.amount), currency, locale)}`;
  const deals = (n: number) => t("deals", n, formatCount(n, locale));
  // A total's bar runs from 0, or from the axis' start when the axis is zoomed.
  const left = (s: WaterfallStep) => x(Math.max(Math.min(s.from, s.to), base));
  const right = (s: WaterfallStep) => x(Math.max(s.from, s.to));

  const step = svg
    .append("g")
    .attr("class", "waterfall")
    .selectAll("g")
    .data(flow.steps)
    .join("g")
    .attr("class", (d) => `step ${d.key}`)
    .attr("transform", (_, i) => `translate(0,${yStep(i)})`);
  rowLabel(step, margin.left - 8, rowHeight)
    .style("font-weight", (d) => (d.kind === "total" ? 700 : 400))
    .text((d) => names[d.key]!);
  step
    .append("rect")
    .attr("class", "bar")
    .attr("x", left)
    .attr("width", (d) => Math.max(right(d) - left(d), 1))
    .attr("height", rowHeight)
    .attr("fill", color);
  if (zoomed) {
    // The break: two slanted strokes across the start of each total's bar.
    step
      .filter((d) => d.kind === "total")
      .append("path")
      .attr("class", "break")
      .attr("d", `M${margin.left + 10},${rowHeight + 2}l6,${-rowHeight - 4}M${margin.left + 16},${rowHeight + 2}l6,${-rowHeight - 4}`)
      .attr("stroke", "var(--theme-background, white)")
      .attr("stroke-width", 3);
  }
  step
    .append("text")
    .attr("class", "value")
    .attr("x", (d) => right(d) + 6)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("fill", "currentColor")
    .style("font-variant-numeric", "tabular-nums")
    .style("font-weight", (d) => (d.kind === "total" ? 700 : 400))
    .text((d) => signed(d));
  // Dashed connectors at the running total from each bar to the next.
  flow.steps.slice(0, -1).forEach((d, i) => {
    svg
      .append("line")
      .attr("class", "connector")
      .attr("x1", x(d.to))
      .attr("x2", x(d.to))
      .attr("y1", yStep(i) + rowHeight)
      .attr("y2", yStep(i + 1))
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.5)
      .attr("stroke-dasharray", "3 2");
  });

  // The divider and the movements inside the open pipeline.
  svg
    .append("line")
    .attr("x1", 0)
    .attr("x2", width)
    .attr("y1", dividerY)
    .attr("y2", dividerY)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.3);
  svg
    .append("text")
    .attr("x", 0)
    .attr("y", dividerY + 19)
    .attr("fill", "currentColor")
    .style("font-weight", 700)
    .text(t("inside", narrow));
  const within = svg
    .append("g")
    .attr("class", "within")
    .selectAll("g")
    .data(flow.within)
    .join("g")
    .attr("class", (d) => `movement ${d.movement}`)
    .attr("transform", (_, i) => `translate(0,${yWithin(i)})`);
  rowLabel(within, margin.left - 8, rowHeight).text((d) => names[d.movement]!);
  within
    .append("rect")
    .attr("class", "bar")
    .attr("x", xWithin(0))
    .attr("width", (d) => Math.max(xWithin(d.amount) - xWithin(0), d.amount > 0 ? 1 : 0))
    .attr("height", rowHeight)
    .attr("fill", COLORS.within)
    .attr("fill-opacity", 0.25)
    .attr("stroke", COLORS.within)
    .attr("stroke-dasharray", "4 2");
  within
    .append("text")
    .attr("class", "value")
    .attr("x", (d) => xWithin(d.amount) + 6)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("fill", "currentColor")
    .style("font-variant-numeric", "tabular-nums")
    .text((d) => (narrow ? formatMoney(d.amount, currency, locale) : `${formatMoney(d.amount, currency, locale)} · ${deals(d.opportunities)}`));

  // A row's amount, deals and what the movement means, on hover, tap and focus; beside its bar's end.
  const tipX = (right: number) => Math.min(right + 8, margin.left + inner / 2);
  rowTips(svg, step, (d) => [`${names[d.key]}: ${signed(d)}`, deals(d.opportunities), explain(d.key)], (d) => ({ x: tipX(right(d)), y: yStep(flow.steps.indexOf(d)) }));
  rowTips(svg, within, (d) => [`${names[d.movement]}: ${formatMoney(d.amount, currency, locale)}`, deals(d.opportunities), explain(d.movement)], (d) => ({
    x: tipX(xWithin(d.amount)),
    y: yWithin(flow.within.indexOf(d)),
  }));

  return svg.node()!;
}
