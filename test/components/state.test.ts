import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readParam, rememberedOr, rememberedPeriod, rememberPeriod } from "../../src/components/state.ts";

/** sessionStorage as a browser tab has it (a page of the site reads what another wrote). */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe("the period carried from page to page (sessionStorage)", () => {
  beforeEach(() => {
    vi.stubGlobal("sessionStorage", tabStorage());
    vi.stubGlobal("location", { search: "" });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("opens the next page on the type and key chosen on the last one, when that page offers them", () => {
    // The overview: the reader picks 2025-Q3.
    rememberPeriod({ period: "quarter", key: "2025-Q3" });
    // The funnel offers quarters and years (its own default: year).
    const type = readParam("period", ["quarter", "year"], rememberedOr("period", ["quarter", "year"], "year"));
    expect(type).toBe("quarter");
    expect(readParam("key", ["2026-Q3", "2025-Q3"], rememberedOr("key", ["2026-Q3", "2025-Q3"], "2026-Q3"))).toBe("2025-Q3");
  });

  it("keeps a page's own default when it does not offer the type or the key", () => {
    rememberPeriod({ period: "week", key: "2026-W40" });
    expect(rememberedOr("period", ["quarter", "year"], "year")).toBe("year");
    rememberPeriod({ period: "quarter", key: "2019-Q1" });
    expect(rememberedOr("key", ["2026-Q3", "2026-Q2"], "2026-Q3")).toBe("2026-Q3");
  });

  it("lets the URL win over the remembered period", () => {
    rememberPeriod({ period: "quarter", key: "2025-Q3" });
    vi.stubGlobal("location", { search: "?period=year&key=2025" });
    expect(readParam("period", ["quarter", "year"], rememberedOr("period", ["quarter", "year"], "year"))).toBe("year");
    expect(readParam("key", ["2026", "2025"], rememberedOr("key", ["2026", "2025"], "2026"))).toBe("2025");
  });

  it("remembers a new type alone, keeping the last key (used only where it is an option)", () => {
    rememberPeriod({ period: "quarter", key: "2025-Q3" });
    rememberPeriod({ period: "year" });
    expect(rememberedPeriod()).toEqual({ period: "year", key: "2025-Q3" });
  });

  it("remembers nothing, and fails on nothing, without storage or with a stranger's value in it", () => {
    sessionStorage.setItem("sales-dashboard:period", "not json");
    expect(rememberedPeriod()).toEqual({});
    sessionStorage.setItem("sales-dashboard:period", JSON.stringify({ period: 3, key: ["x"] }));
    expect(rememberedPeriod()).toEqual({});
    vi.stubGlobal("sessionStorage", {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    });
    expect(() => rememberPeriod({ period: "year" })).not.toThrow();
    expect(rememberedOr("period", ["quarter", "year"], "quarter")).toBe("quarter");
  });
});
