/**
 * What the hand-drawn d3 charts (funnel handoff, reverse funnel, pipeline flow) share: a responsive SVG
 * with an accessible name in the site's font, and the label at the left of a row of bars.
 */
import * as d3 from "d3";

/** An SVG of the given size that shrinks with its container, named for screen readers. */
export function chartSvg(className: string, width: number, height: number, ariaLabel: string) {
  return d3
    .create("svg")
    .attr("class", className)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", ariaLabel)
    .style("font", "12px var(--sans-serif)")
    .style("max-width", "100%");
}

/** A row's label, right-aligned to end at `x` and centred on a row `rowHeight` high; the caller sets its text. */
export function rowLabel<E extends d3.BaseType, Datum>(rows: d3.Selection<E, Datum, any, any>, x: number, rowHeight: number) {
  return rows
    .append("text")
    .attr("x", x)
    .attr("y", rowHeight / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "end")
    .attr("fill", "currentColor");
}

/**
 * A row's details in a tip drawn inside the chart, shown on hover, on a tap and on keyboard focus: a phone
 * has no native tooltip, and an SVG <title> appears only after a delay under a mouse. Each row becomes
 * focusable and carries its details as its accessible name. `anchor` is where the tip's top-left corner
 * goes, in the chart's coordinates (kept inside the chart). Call it after drawing everything else, so that
 * the tip sits over the rows.
 */
export function rowTips<Datum>(
  svg: d3.Selection<SVGSVGElement, undefined, null, undefined>,
  rows: d3.Selection<SVGGElement | d3.BaseType, Datum, any, any>,
  details: (d: Datum) => string[],
  anchor: (d: Datum) => { x: number; y: number },
): void {
  const width = Number(svg.attr("width"));
  const height = Number(svg.attr("height"));
  const tip = svg.append("g").attr("class", "tip").attr("pointer-events", "none").style("display", "none");
  const box = tip.append("rect").attr("rx", 4).attr("fill", "var(--theme-background)").attr("stroke", "var(--theme-foreground-faint)");
  const text = tip.append("text").style("font-size", "11px").attr("fill", "currentColor");
  const show = (d: Datum) => {
    text
      .selectAll("tspan")
      .data(details(d))
      .join("tspan")
      .attr("x", 8)
      .attr("dy", (_, k) => (k === 0 ? "1.3em" : "1.25em"))
      .style("font-weight", (_, k) => (k === 0 ? 700 : 400))
      .text((line) => line);
    const size = (text.node() as SVGTextElement).getBBox();
    box.attr("width", size.width + 16).attr("height", size.height + 10);
    const at = anchor(d);
    const left = Math.max(0, Math.min(width - size.width - 18, at.x));
    const top = Math.max(0, Math.min(at.y, height - size.height - 12));
    tip.attr("transform", `translate(${left},${top})`).style("display", null).raise();
  };
  // The tip itself marks the row, so a focused row needs no focus ring.
  rows.style("cursor", "default").style("outline", "none").attr("tabindex", 0).attr("aria-label", (d) => details(d).join(", "));
  rows.on("pointerenter pointerdown focus", (_event: Event, d: Datum) => show(d));
  rows.on("pointerleave blur", () => tip.style("display", "none"));
}
