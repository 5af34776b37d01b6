// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { columnHeader, dataTable, wrapColumns } from "../../src/components/table.ts";

const rows = [
  { account_name: "Brightwater Security Holdings International", close_date: "2026-04-30", amount: 16800, low_sample: true, compared_with: "target" },
  { account_name: "Nuri", close_date: "2026-05-31", amount: 53000, low_sample: false, compared_with: "baseline" },
];

describe("dataTable", () => {
  it("never shows a column's code name: the page's header, else the shared label, else the name in words", () => {
    expect(columnHeader("amount", { amount: "Amount" }, "en")).toBe("Amount");
    expect(columnHeader("low_sample", {}, "ko")).toBe("표본 부족");
    expect(columnHeader("compared_with", {}, "en")).toBe("Compared with");
    const table = dataTable(rows, { header: { account_name: "Account", close_date: "Close date", amount: "Amount" } });
    const headers = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent!.trim()).filter(Boolean);
    expect(headers).toEqual(["Account", "Close date", "Amount", "low sample", "Compared with"]);
  });

  it("shows true/false as a check mark or nothing", () => {
    const cells = Array.from(dataTable(rows).querySelectorAll("tbody tr"), (tr) => tr.children[4]!.textContent);
    expect(cells).toEqual(["✓", ""]);
  });

  it("lets only columns of long text wrap, not names, dates or numbers, by a rule scoped to the table", () => {
    expect(wrapColumns(rows, Object.keys(rows[0]!))).toEqual(["account_name"]);
    expect(wrapColumns([{ rep: "Camille de Vries", stage: "Proposal/Price Quote", note: "단계 이력이 없는 거래는 표시하지 않습니다" }], ["rep", "stage", "note"])).toEqual(["note"]);
    const table = dataTable(rows);
    const frame = table.querySelector(".table-frame")!;
    const style = frame.querySelector(":scope > style")!.textContent!;
    expect(style).toContain(`#${frame.id} tr > :nth-child(2)`);
    expect(style).toContain("white-space: normal");
    expect(style).not.toContain(":nth-child(3)");
  });
});
