import { describe, expect, it } from "vitest";
import type { Period } from "../../src/components/filters.ts";
import { dueInPeriod, elapsedDays, listTotals, quarterOf, sourceWatchlist, trendWindow } from "../../src/components/teamMeeting.ts";
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

describe("quarterOf(periods, period) and elapsedDays(period, asOf)", () => {
  it("finds the quarter holding a month and counts a quarter in progress to the as-of date", () => {
    expect(quarterOf([q3, q4], month("2026-11", "2026-11-01", "2026-12-01"))?.period_key).toBe("2026-Q4");
    expect(elapsedDays(q3, "2026-11-15")).toBe(92);
    // 1 Oct to 15 Nov inclusive: 31 + 15 days.
    expect(elapsedDays(q4, "2026-11-15")).toBe(46);
  });
});

describe("sourceWatchlist(channel, {quarter, previous, asOf})", () => {
  const row = (period_key: string, lead_source: string, leads: number, mqls: number, sqls: number) => ({
    period_type: "quarter", period_key, entry_step: "lead", cut: "lead_source", channel: "inbound", lead_source, campaign_name: "all",
    leads, mqls, sqls, lead_to_mql_rate: mqls / leads, mql_to_sql_rate: sqls / mqls, mql_to_sql_rate_low: null, mql_to_sql_rate_high: null, low_sample: leads < 10,
  });
  it("puts the largest fall first, compares volume per day, and sends low-sample rows last", () => {
    const channel = [
      // Web: 92 leads in Q3 (1 a day); 46 in the 46 days of Q4 so far = the same pace. MQL → SQL 50% → 20%.
      row("2026-Q3", "Web", 92, 40, 20), row("2026-Q4", "Web", 46, 20, 4),
      // Event: conversion steady, pace halved (23 leads in 46 days against 92 in 92).
      row("2026-Q3", "Event", 92, 46, 23), row("2026-Q4", "Event", 23, 12, 6),
      // Tiny: 4 leads, every rate collapsed, but too few to rank.
      row("2026-Q3", "Tiny", 40, 20, 10), row("2026-Q4", "Tiny", 4, 0, 0),
      { ...row("2026-Q4", "total", 73, 32, 11), cut: "total" },
    ];
    const list = sourceWatchlist(channel, { quarter: q4, previous: q3, asOf: "2026-11-15" });
    expect(list.map((d) => [d.name, d.flag])).toEqual([
      ["Web", "MQL → SQL fell"],
      ["Event", "Lead volume fell"],
      ["Tiny", "Lead → MQL fell"],
    ]);
    expect(list[0]!.volume_change).toBeCloseTo(0);
    expect(list[0]!.mql_to_sql_change).toBeCloseTo(-0.6);
    expect(list[1]!.volume_change).toBeCloseTo(-0.5);
    expect(list[2]!.low_sample).toBe(true);
  });
});

describe("listTotals(summary, list, owner), dueInPeriod(row, period)", () => {
  const summary = [
    { list: "aging_deals", owner_name: "Ava", items: 3, amount: 55000, overdue_items: 2, overdue_amount: 50000 },
    { list: "aging_deals", owner_name: "Ben", items: 2, amount: 18000, overdue_items: 1, overdue_amount: 10000 },
    { list: "renewals_due", owner_name: "Ava", items: 1, amount: 6000, overdue_items: 0, overdue_amount: 0 },
  ];
  it("adds up one list, for everyone or for one owner", () => {
    expect(listTotals(summary, "aging_deals")).toEqual({ items: 5, amount: 73000, overdue_items: 3, overdue_amount: 60000 });
    expect(listTotals(summary, "aging_deals", "Ben")).toEqual({ items: 2, amount: 18000, overdue_items: 1, overdue_amount: 10000 });
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
    data: { list_rank: [1, 2, 4], owner_rank: [1, 1, 1], owner_name: ["Ava", "Ben", "Cy"] },
    shown: { listRank: 2, ownerRank: 1, ofRows: 5 },
  };
  it("shows the first of the list for everyone, and every row held of one owner", () => {
    expect(listRows(mart).map((d) => d.owner_name)).toEqual(["Ava", "Ben"]);
    expect(listRows(mart, "Cy").map((d) => d.list_rank)).toEqual([4]);
    expect(listRows(mart, "Dee")).toEqual([]);
  });
});
