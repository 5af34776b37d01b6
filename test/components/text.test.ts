import { describe, expect, it } from "vitest";
import { textWidth, wrapLines } from "../../src/components/text.ts";

describe("chart label text", () => {
  it("counts a Hangul syllable as wide as two Latin letters", () => {
    expect(textWidth("Lead")).toBe(24);
    expect(textWidth("리드")).toBe(20);
  });

  it("wraps a label at spaces to a width, keeping a longer word whole", () => {
    expect(wrapLines("Sales cycle (created → won)", 90)).toBe("Sales cycle\n(created → won)");
    // 영업 사이클 (생성 → 수주): 10 px a syllable, 6 for a space, a bracket or the arrow.
    expect(wrapLines("영업 사이클 (생성 → 수주)", 100)).toBe("영업 사이클 (생성\n→ 수주)");
    expect(wrapLines("영업 사이클 (생성 → 수주)", 70)).toBe("영업 사이클\n(생성 → 수주)");
    expect(wrapLines("Opportunity", 20)).toBe("Opportunity");
    expect(wrapLines("Lead → MQL", 200)).toBe("Lead → MQL");
  });
});
