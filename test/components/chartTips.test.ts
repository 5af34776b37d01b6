// @vitest-environment jsdom
// The hand-drawn d3 charts show a row's details on hover, on a tap and on keyboard focus (a phone has no
// native tooltip), through svgChart's rowTips: one tip per chart, hidden until a row is touched.
import { beforeAll, describe, expect, it } from "vitest";
import { funnelHandoffChart, type FunnelStep } from "../../src/components/funnelHandoffChart.ts";
import { pipelineFlowSteps, type FlowRow } from "../../src/components/pipelineFlow.ts";
import { pipelineFlowChart } from "../../src/components/pipelineFlowChart.ts";
import { planFromTarget, type PlanRates } from "../../src/components/reverseFunnel.ts";
import { reverseFunnelChart } from "../../src/components/reverseFunnelChart.ts";

beforeAll(() => {
  // jsdom lays nothing out: a text's box is what a browser would measure roughly, enough to place the tip.
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 120, height: 40 }) as DOMRect;
});

/** Touch a row as a finger does and return the tip's lines; then let go and check it hides. */
function tapRow(svg: SVGSVGElement, row: Element): string[] {
  const tip = svg.querySelector("g.tip") as SVGGElement;
  expect(tip.style.display).toBe("none");
  row.dispatchEvent(new Event("pointerdown"));
  expect(tip.style.display).toBe("");
  const lines = [...tip.querySelectorAll("tspan")].map((t) => t.textContent ?? "");
  row.dispatchEvent(new Event("pointerleave"));
  expect(tip.style.display).toBe("none");
  // The same details are the row's accessible name, and a keyboard reaches it.
  expect(row.getAttribute("aria-label")).toBe(lines.join(", "));
  expect(row.getAttribute("tabindex")).toBe("0");
  return lines;
}

describe("chart tips on tap, hover and focus", () => {
  it("funnel: a step's team, reached, conversion to the next step and share of the top", () => {
    const steps: FunnelStep[] = [
      { step: "lead", team: "marketing", label: "Lead", reached: 200, advanced: 50, conversion_to_next: 0.25, from_top: 1 },
      { step: "mql", team: "marketing", label: "MQL", reached: 50, advanced: null, conversion_to_next: null, from_top: 0.25 },
    ];
    const svg = funnelHandoffChart(steps, { width: 640 });
    expect(svg.querySelectorAll("g.tip")).toHaveLength(1);
    expect(tapRow(svg, svg.querySelectorAll(".steps > g")[0]!)).toEqual(["Lead — Marketing", "Reached: 200", "To next step: 25.0%", "From top: 100.0%"]);
  });

  it("pipeline flow: a movement's amount, its deals and what it means, for the waterfall and the moves inside", () => {
    const row = (movement: string, opportunities: number, amount: number): FlowRow =>
      ({ snapshot_date: "2026-11-09", previous_snapshot_date: "2026-11-02", movement, opportunities, amount });
    const flow = pipelineFlowSteps([row("open_start", 6, 2100), row("created", 1, 700), row("won", 1, 250), row("lost", 1, 300), row("open_end", 5, 2300), row("advanced", 1, 100)], "2026-11-09")!;
    const svg = pipelineFlowChart(flow, { width: 640 });
    expect(tapRow(svg, svg.querySelector(".waterfall .step.created")!)).toEqual([
      "+ Created: +$700",
      "1 deal",
      "Not in the earlier snapshot (includes deals created and closed in between)",
    ]);
    expect(tapRow(svg, svg.querySelector(".within .movement.advanced")!)[0]).toBe("Advanced a stage: $100");
    expect(svg.querySelector("title")).toBeNull();
  });

  it("reverse funnel: the count a step needs, its range at the rates' bounds and the rate divided by", () => {
    const rates = {
      channel: "all", average_won_deal_size: 25_000, won_deals: 200, win_rate: 0.5, win_rate_low: 0.4, win_rate_high: 0.625, closed_deals: 400,
      sql_to_opportunity_rate: 0.8, sql_to_opportunity_rate_low: 0.5, sql_to_opportunity_rate_high: 1, sqls: 500,
      mql_to_sql_rate: 0.5, mql_to_sql_rate_low: 0.4, mql_to_sql_rate_high: 0.5, mqls: 800,
      lead_to_mql_rate: 0.2, lead_to_mql_rate_low: 0.1, lead_to_mql_rate_high: 0.25, leads: 5_000,
      median_cycle_days_lead_to_won: 87, cycle_deals: 200, note: null,
      won_deals_low_sample: false, closed_deals_low_sample: false, sqls_low_sample: false, mqls_low_sample: false, leads_low_sample: false,
    } satisfies PlanRates;
    const svg = reverseFunnelChart(planFromTarget(rates, 1_000_000), { width: 640, target: 1_000_000 });
    const [needed, range, divided] = tapRow(svg, svg.querySelectorAll(".steps > g")[0]!);
    expect(needed).toBe("Leads: 1,000 needed");
    expect(range).toMatch(/^If every rate sat at its 95% bound: [\d,]+–[\d,]+$/);
    expect(divided).toBe("Divided by 20.0% lead → MQL (n = 5,000)");
  });
});
