import * as d3 from "d3";
import { chartSvg, rowLabel, rowTips } from "./svgChart.js";
import { formatCount, formatPercent } from "./format.js";
import { inkOn } from "./ink.js";
import { label, type Locale } from "./labels.js";
import { translator } from "./words.js";

/** The chart's words in both languages. */
const WORDS = {
  title: ["Funnel with the handoffs between teams", "팀 간 전환이 표시된 퍼널"],
  reached: ["Reached", "도달"],
  toNext: ["To next step", "다음 단계 전환"],
  fromTop: ["From top", "최상단 대비"],
} as const;

/** One step as the chart draws it: a mart_funnel_cohorts row with the step's label in the page's language. */
export interface FunnelStep {
  step: string;
  team: string;
  label: string;
  reached: number;
  advanced: number | null;
  /** advanced ÷ reached: the share that went on to the next step shown. */
  conversion_to_next: number | null;
  /** The share of the top step that got this far. */
  from_top: number | null;
}

export const TEAM_COLORS: Record<string, string> = {
  marketing: "#4e79a7",
  inside_sales: "#f28e2b",
  field_sales: "#59a14f",
  customer_success: "#b07aa1",
};

/**
 * The funnel of The Model drawn as teams hand it on: one centred bar per step (width ∝ records reached),
 * the conversion between steps, each team's steps bracketed in its colour, and a dashed line with the
 * handoff conversion wherever the funnel passes from one team to the next. The bottleneck, if any, is
 * outlined and named. D3 because Plot has no mark for brackets and handoffs; every text goes in as text.
 */
export function funnelHandoffChart(
  steps: FunnelStep[],
  {
    width = 640,
    locale = "en" as Locale,
    bottleneck = null as string | null,
    /** What the tag beside the bottleneck says (its own window and figure); by default "Bottleneck". */
    bottleneckTag = null as string | null,
    /** The name of a step's team (steps belong to roles; a page passes the configured teams' names). */
    teamName = (role: string) => label(role, locale),
    rowHeight = 28,
    gap = 18,
  } = {},
): SVGSVGElement {
  const teamColumn = width < 440 ? 0 : width < 560 ? 96 : 120;
  const labelColumn = width < 440 ? 86 : 100;
  const margin = { top: 8, right: 8, bottom: 8, left: teamColumn + labelColumn };
  const height = margin.top + margin.bottom + steps.length * rowHeight + (steps.length - 1) * gap;
  const inner = width - margin.left - margin.right;
  const max = d3.max(steps, (d) => d.reached) || 1;
  const x = d3.scaleLinear().domain([0, max]).range([0, inner]);
  const y = (i: number) => margin.top + i * (rowHeight + gap);
  const centre = margin.left + inner / 2;

  const t = translator(WORDS, locale);
  const svg = chartSvg("funnel-handoff", width, height, t("title"));

  // Team brackets: consecutive steps owned by one team.
  const teams: Array<{ team: string; from: number; to: number }> = [];
  steps.forEach((step, i) => {
    const last = teams.at(-1);
    if (last && last.team === step.team) last.to = i;
    else teams.push({ team: step.team, from: i, to: i });
  });
  if (teamColumn > 0) {
    const bracket = svg.append("g").attr("class", "teams");
    for (const t of teams) {
      const top = y(t.from);
      const bottom = y(t.to) + rowHeight;
      bracket
        .append("rect")
        .attr("x", 4)
        .attr("y", top)
        .attr("width", 5)
        .attr("height", bottom - top)
        .attr("rx", 2)
        .attr("fill", TEAM_COLORS[t.team] ?? "gray");
      bracket
        .append("text")
        .attr("x", 16)
        .attr("y", (top + bottom) / 2)
        .attr("dy", "0.35em")
        .attr("fill", "currentColor")
        .style("font-weight", 600)
        .text(teamName(t.team));
    }
  }

  const row = svg
    .append("g")
    .attr("class", "steps")
    .selectAll("g")
    .data(steps)
    .join("g")
    .attr("transform", (_, i) => `translate(0,${y(i)})`);

  rowLabel(row, margin.left - 8, rowHeight).attr("class", "step-label").text((d) => d.label);

  row
    .append("rect")
    .attr("class", "bar")
    .attr("x", (d) => centre - Math.max(x(d.reached), 2) / 2)
    .attr("width", (d) => Math.max(x(d.reached), 2))
    .attr("height", rowHeight)
    .attr("rx", 3)
    .attr("fill", (d) => TEAM_COLORS[d.team] ?? "#808080")
    .attr("stroke", (d) => (d.step === bottleneck ? "#d62728" : "none"))
    .attr("stroke-width", 3);

  row
    .append("text")
    .attr("class", "count")
    .attr("x", centre)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "middle")
    .attr("fill", (d) => (x(d.reached) > 70 ? inkOn(TEAM_COLORS[d.team] ?? "#808080") : "currentColor"))
    .attr("dx", (d) => (x(d.reached) > 70 ? 0 : Math.max(x(d.reached), 2) / 2 + 30))
    .style("font-weight", 600)
    .style("font-variant-numeric", "tabular-nums")
    .text((d) => formatCount(d.reached, locale));

  const narrow = width < 560;
  row
    .filter((d) => d.step === bottleneck)
    .select(".step-label")
    .attr("fill", "var(--bad)")
    .style("font-weight", 700)
    .text((d) => (narrow ? `⚠ ${d.label}` : d.label));

  row
    .filter((d) => d.step === bottleneck && !narrow)
    .append("text")
    .attr("class", "bottleneck-tag")
    .attr("x", width - margin.right)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "end")
    .attr("fill", "var(--bad)")
    .style("font-weight", 700)
    .text(`◀ ${bottleneckTag ?? label("bottleneck", locale)}`);

  // A step's details on hover and on tap (a phone has no native tooltip): its team, how many reached it,
  // its conversion to the next step and its share of the top. (rowTips, at the end, over the rows.)
  const details = (d: FunnelStep) =>
    [
      `${d.label} — ${teamName(d.team)}`,
      `${t("reached")}: ${formatCount(d.reached, locale)}`,
      d.conversion_to_next === null ? null : `${t("toNext")}: ${formatPercent(d.conversion_to_next)}`,
      d.from_top === null ? null : `${t("fromTop")}: ${formatPercent(d.from_top)}`,
    ].filter((line): line is string => line !== null);
  // Conversions between steps; a dashed rule where the funnel passes to another team.
  const between = svg.append("g").attr("class", "conversions");
  steps.slice(0, -1).forEach((step, i) => {
    const next = steps[i + 1]!;
    const middle = y(i) + rowHeight + gap / 2;
    const handoff = next.team !== step.team;
    if (handoff) {
      between
        .append("line")
        .attr("x1", teamColumn > 0 ? 14 : 0)
        .attr("x2", width - margin.right)
        .attr("y1", middle)
        .attr("y2", middle)
        .attr("stroke", "currentColor")
        .attr("stroke-opacity", 0.35)
        .attr("stroke-dasharray", "4 3");
    }
    between
      .append("text")
      // On a phone (no team column) a handoff's line names both teams: centred on the whole width, it fits.
      .attr("x", handoff && teamColumn === 0 ? width / 2 : centre)
      .attr("y", middle)
      .attr("dy", "0.35em")
      .attr("text-anchor", "middle")
      .attr("fill", "currentColor")
      .attr("paint-order", "stroke")
      .attr("stroke", "var(--theme-background, white)")
      .attr("stroke-width", 4)
      .style("font-weight", handoff ? 700 : 400)
      .text(
        handoff
          ? `↓ ${formatPercent(step.conversion_to_next)}  ${teamName(step.team)} → ${teamName(next.team)}`
          : `↓ ${formatPercent(step.conversion_to_next)}`,
      );
  });

  rowTips(svg, row, details, (d) => ({ x: centre + Math.max(x(d.reached), 2) / 2 + 8, y: y(steps.indexOf(d)) }));

  return svg.node()!;
}
