import { describe, expect, it } from "vitest";
import { summarizeFunnel, type StepInfo } from "../../src/components/funnel.ts";

const steps: StepInfo[] = [
  { step: "lead", step_order: 1, team: "marketing", label_en: "Lead", label_ko: "리드" },
  { step: "opportunity", step_order: 2, team: "inside_sales", label_en: "Opportunity", label_ko: "영업기회" },
  { step: "won", step_order: 3, team: "field_sales", label_en: "Won", label_ko: "계약 (수주)" },
];

describe("summarizeFunnel(rows, steps, locale)", () => {
  it("sums counts across cuts before dividing, never averaging rates", () => {
    // Inbound: 10 leads → 5 opps → 2 won. Outbound: 90 leads → 9 opps → 1 won.
    // Average of the two lead→opp rates would be 27.5%; the true rate is 14 ÷ 100.
    const rows = [
      { step: "lead", reached: 10, advanced: 5 },
      { step: "opportunity", reached: 5, advanced: 2 },
      { step: "won", reached: 2, advanced: null },
      { step: "lead", reached: 90, advanced: 9 },
      { step: "opportunity", reached: 9, advanced: 1 },
      { step: "won", reached: 1, advanced: null },
    ];
    const funnel = summarizeFunnel(rows, steps);
    expect(funnel.map((s) => [s.step, s.reached, s.advanced])).toEqual([
      ["lead", 100, 14],
      ["opportunity", 14, 3],
      ["won", 3, null],
    ]);
    expect(funnel[0]!.conversionToNext).toBeCloseTo(0.14);
    expect(funnel[1]!.conversionFromPrevious).toBeCloseTo(0.14);
    expect(funnel[2]!.conversionFromPrevious).toBeCloseTo(3 / 14);
    expect(funnel[2]!.cumulative).toBeCloseTo(0.03);
  });

  it("labels steps in the chosen language and leaves rates empty where nothing reached", () => {
    const funnel = summarizeFunnel([{ step: "lead", reached: 0, advanced: 0 }], steps, "ko");
    expect(funnel.map((s) => s.label)).toEqual(["리드", "영업기회", "계약 (수주)"]);
    expect(funnel[0]!.conversionToNext).toBeNull();
    expect(funnel[1]!.conversionFromPrevious).toBeNull();
    expect(funnel[2]!.cumulative).toBeNull();
  });
});
