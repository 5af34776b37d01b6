import { describe, expect, it } from "vitest";
import { TEAM_COLORS } from "../../src/components/funnelHandoffChart.ts";
import { inkOn } from "../../src/components/ink.ts";
import { contrastRatio, type Rgba } from "../browser/contrast.ts";

const rgba = (hex: string): Rgba => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 1];
const INK = { white: rgba("#ffffff"), black: rgba("#000000") };

describe("inkOn: the text colour on a bar", () => {
  it("is white on a dark fill and black on a light one", () => {
    expect(inkOn("#1b1e23")).toBe("white");
    expect(inkOn("#0b7a75")).toBe("white");
    expect(inkOn("#f28e2b")).toBe("black");
    expect(inkOn("#ffffff")).toBe("black");
  });

  it("reads at 4.5:1 on every team's bar (the funnel charts write counts inside them), and on any grey", () => {
    const greys = Array.from({ length: 52 }, (_, i) => `#${(i * 5).toString(16).padStart(2, "0").repeat(3)}`);
    for (const fill of [...Object.values(TEAM_COLORS), ...greys]) {
      expect(contrastRatio(INK[inkOn(fill)], rgba(fill)), fill).toBeGreaterThanOrEqual(4.5);
    }
  });
});
