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
