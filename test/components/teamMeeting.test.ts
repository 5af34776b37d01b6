import { describe, expect, it } from "vitest";
import type { Period } from "../../src/components/filters.ts";
import { dueInPeriod, handoffLabel, listTotals, quarterOf, trendWindow } from "../../src/components/teamMeeting.ts";
import { listRows } from "../../src/components/mart.ts";

const month = (key: string, start: string, end: string, complete = true): Period => ({
  period_type: "month", period_key: key, period_start: start, period_end: end, previous_key: null, is_complete: complete, period_index: 0, has_data: true, is_partial: false,
});
const quarter = (key: string, start: string, end: string, previous: string | null, complete = true): Period => ({
  period_type: "quarter", period_key: key, period_start: start, period_end: end, previous_key: previous, is_complete: complete, period_index: 0, has_data: true, is_partial: false,
});
const months = Array.from({ length: 15 }, (_, i) => {
  const start = new Date(Date.UTC(2025, i, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(2025, i + 1, 1)).toISOString().slice(0, 10);
  return month(start.slice(0, 7), start, end, i < 14);
});
const q3 = quarter("2026-Q3", "2026-07-01", "2026-10-01", "2026-Q2");
const q4 = quarter("2026-Q4", "2026-10-01", "2027-01-01", "2026-Q3", false);

describe("trendWindow(periods, type, selectedKey, count)", () => {
  it("shows the last twelve periods when the selected one is among them", () => {
    const keys = trendWindow(months, "month", "2026-01").map((p) => p.period_key);
    expect(keys).toHaveLength(12);
    expect([keys[0], keys.at(-1)]).toEqual(["2025-04", "2026-03"]);
  });

  it("ends at the selected period when it is older than the last twelve", () => {
    const keys = trendWindow(months, "month", "2025-08", 6).map((p) => p.period_key);
    expect(keys).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]);
  });

  it("shows the first twelve when the data begins less than twelve before the selected period", () => {
    const keys = trendWindow(months, "month", "2025-02").map((p) => p.period_key);
    expect([keys.length, keys[0], keys.at(-1)]).toEqual([12, "2025-01", "2025-12"]);
  });
});

describe("quarterOf(periods, period)", () => {
  it("finds the quarter holding a month", () => {
    expect(quarterOf([q3, q4], month("2026-11", "2026-11-01", "2026-12-01"))?.period_key).toBe("2026-Q4");
  });
});

describe("listTotals(summary, list, owner), dueInPeriod(row, period)", () => {
  const summary = [
    { list: "aging_deals", owner_id: "005A", owner_name: "Ava", items: 3, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
    { list: "aging_deals", owner_id: "005B", owner_name: "Ben", items: 2, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
    { list: "renewals_due", owner_id: "005A", owner_name: "Ava", items: 1, amount: 6000, overdue_items: 0, overdue_amount: 0 },
  ];
  it("adds up one list, for everyone or for one owner", () => {
    expect(listTotals(summary, "aging_deals")).toEqual({ items: 5, amount: 73000, overdue_items: 3, overdue_amount: 60000 });
    expect(listTotals(summary, "aging_deals", "005B")).toEqual({ items: 2, amount: 18000, overdue_items: 1, overdue_amount: 10000 });
    expect(listTotals(summary, "recycle_queue")).toEqual({ items: 0, amount: 0, overdue_items: 0, overdue_amount: 0 });
  });

  it("marks what became due in the selected period (its end excluded)", () => {
    const october = { period_start: "2026-10-01", period_end: "2026-11-01" };
    expect(dueInPeriod({ due_date: "2026-10-05" }, october)).toBe(true);
    expect(dueInPeriod({ due_date: "2026-11-01" }, october)).toBe(false);
    expect(dueInPeriod({ due_date: "2026-01-05" }, october)).toBe(false);
  });
});

describe("listRows(listMart, owner, key)", () => {
  // A list of 5 ranked rows of which the JSON holds the first 2 overall and the first 1 per owner.
  const mart = {
    name: "mart_x", description: "", columns: {}, rowCount: 3,
    data: { list_rank: [1, 2, 4], owner_rank: [1, 1, 1], owner_id: ["005A", "005B", "005C"], owner_name: ["Ava", "Ben", "Cy"] },
    shown: { listRank: 2, ownerRank: 1, ofRows: 5 },
  };
  it("shows the first of the list for everyone, and every row held of one owner", () => {
    expect(listRows(mart).map((d) => d.owner_name)).toEqual(["Ava", "Ben"]);
    expect(listRows(mart, "005C").map((d) => d.list_rank)).toEqual([4]);
    expect(listRows(mart, "005D")).toEqual([]);
    expect(listRows(mart, "Cy", "owner_name").map((d) => d.list_rank)).toEqual([4]);
  });
});

describe("handoffLabel(metric, locale)", () => {
  it("names a handoff in the users' words, in either language, and keeps a metric it does not know", () => {
    expect(handoffLabel("renewal_rate")).toBe("Renewal rate");
    expect(handoffLabel("opportunity_accepted", "ko")).toBe("필드 세일즈 수용률 (영업기회)");
    expect(handoffLabel("some_new_metric", "ko")).toBe("some_new_metric");
    expect(handoffLabel(null)).toBe("");
  });
});
