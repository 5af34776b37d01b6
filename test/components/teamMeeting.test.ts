import { describe, expect, it } from "vitest";
import type { Period } from "../../src/components/filters.ts";
import { handoffLabel, listSize, quarterOf, trendWindow } from "../../src/components/teamMeeting.ts";
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
  it("picks the quarter a period names as its quarter_key", () => {
    expect(quarterOf([q3, q4], { quarter_key: "2026-Q4" })?.period_key).toBe("2026-Q4");
    expect(quarterOf([q3, q4], { quarter_key: "2027-Q1" })).toBeUndefined();
  });
});

describe("listSize(summary, team, owner)", () => {
  // mart_act_on_summary's aging deals (test/models/mart_act_on_lists.test.ts): the team's row and one row per owner.
  const summary = [
    { list: "aging_deals", level: "all", team: null, owner_id: null, reason_group: "all", items: 5, amount: 73000 },
    { list: "aging_deals", level: "team", team: "field_sales", owner_id: null, reason_group: "all", items: 5, amount: 73000 },
    { list: "aging_deals", level: "owner", team: "field_sales", owner_id: "005A", reason_group: "all", items: 3, amount: 55000 },
    { list: "aging_deals", level: "owner", team: "field_sales", owner_id: "005B", reason_group: "all", items: 2, amount: 18000 },
  ];
  it("picks the team's row for everyone and the owner's row for one rep, never adding rows", () => {
    expect(listSize(summary, "field_sales")).toMatchObject({ level: "team", items: 5, amount: 73000 });
    expect(listSize(summary, "field_sales", "005B")).toMatchObject({ level: "owner", items: 2, amount: 18000 });
    expect(listSize(summary, "field_sales", "005C")).toBeUndefined();
    expect(listSize(summary, "korea_sales")).toBeUndefined();
  });

  it("takes a recycle-queue owner's row over every reason group, not one group's", () => {
    const queue = [
      { level: "owner", team: "inside_sales", owner_id: "005J", reason_group: "revisit_later", items: 1 },
      { level: "owner", team: "inside_sales", owner_id: "005J", reason_group: "all", items: 2 },
    ];
    expect(listSize(queue, "inside_sales", "005J")?.items).toBe(2);
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
