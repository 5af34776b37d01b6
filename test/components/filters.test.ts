// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { periodKeyInput, periodTypeInput, type Period } from "../../src/components/filters.ts";

const quarter = (key: string, start: string, end: string, complete = true): Period => ({
  period_type: "quarter", period_key: key, period_start: start, period_end: end, previous_key: null, is_complete: complete, period_index: 0, has_data: true, is_partial: false,
});
const periods = [quarter("2025-Q3", "2025-07-01", "2025-10-01"), quarter("2025-Q4", "2025-10-01", "2026-01-01"), quarter("2026-Q1", "2026-01-01", "2026-04-01", false)];

describe("period inputs carry the reader's choice to the next page", () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, "", "/");
  });

  it("a key chosen on one page is the next page's default, with its type", () => {
    const key = periodKeyInput(periods, "quarter", "en");
    expect(key.value).toBe("2025-Q4"); // the latest complete quarter
    const select = key.querySelector("select")!;
    select.selectedIndex = [...select.options].findIndex((o) => o.textContent === "2025-Q3");
    select.dispatchEvent(new Event("input", { bubbles: true }));
    expect(key.value).toBe("2025-Q3");
    // The next page opens on it.
    expect(periodTypeInput("en", ["quarter", "year"]).value).toBe("quarter");
    expect(periodKeyInput(periods, "quarter", "en").value).toBe("2025-Q3");
    // One that offers neither quarters nor the remembered type opens on the first it offers.
    expect(periodTypeInput("en", ["week", "month"]).value).toBe("week");
  });

  it("the URL wins, and a page opening on its default remembers nothing", () => {
    periodTypeInput("en", ["quarter", "year"]);
    expect(sessionStorage.length).toBe(0);
    sessionStorage.setItem("sales-dashboard:period", JSON.stringify({ period: "quarter", key: "2025-Q3" }));
    history.replaceState(null, "", "/funnel?period=year");
    expect(periodTypeInput("en", ["quarter", "year"]).value).toBe("year");
  });
});

describe("every page opens on the same period", () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, "", "/");
  });

  it("the type is the site's quarter wherever a page offers it", () => {
    for (const types of [["quarter", "year"], ["week", "month", "quarter"], ["quarter", "year", "all"]]) {
      expect(periodTypeInput("en", types).value).toBe("quarter");
    }
  });

  it("the key is chosen over all the site's periods, not only those a page's mart has", () => {
    // A page whose mart has nothing in 2025-Q4 (say no deal closed) still opens on the site's 2025-Q4 if it offers
    // it; one that does not offer it opens on its own latest complete period.
    expect(periodKeyInput(periods, "quarter", "en", (p) => p.period_key !== "2025-Q3").value).toBe("2025-Q4");
    expect(periodKeyInput(periods, "quarter", "en", (p) => p.period_key !== "2025-Q4").value).toBe("2025-Q3");
  });
});
