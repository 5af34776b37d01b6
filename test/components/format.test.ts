import { describe, expect, it } from "vitest";
import { formatMoney, formatPoints } from "../../src/components/format.ts";

describe("formatPoints", () => {
  it("gives a rate's change in points, signed, Korean as %p", () => {
    expect(formatPoints(-0.021)).toBe("-2.1 pt");
    expect(formatPoints(0.052, "ko")).toBe("+5.2%p");
    expect(formatPoints(-0.021, "en", { signed: false })).toBe("2.1 pt");
    expect(formatPoints(null)).toBe("–");
  });

  it("rounds before it chooses the sign: a tiny change is 0.0, never -0.0 or +0.0", () => {
    expect(formatPoints(-0.0004)).toBe("0.0 pt");
    expect(formatPoints(0.0004)).toBe("0.0 pt");
    expect(formatPoints(-0.0004, "en", { signed: false })).toBe("0.0 pt");
  });
});

describe("formatMoney", () => {
  it("reads Korean won in 만 and 억, dollars in K and M", () => {
    expect(formatMoney(172_000_000, "KRW", "ko")).toBe("₩1.7억");
    expect(formatMoney(36_090_000, "KRW", "ko")).toBe("₩3,609만");
    expect(formatMoney(1_250_000)).toBe("$1.3M");
  });
});
