// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { columnHeader, dataTable, keyColumns, nameColumns, orderColumns, wrapColumns } from "../../src/components/table.ts";

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

  it("shows every row of a table a few rows longer than its `rows`; a longer one scrolls and stops half-way through a row", () => {
    const reps = Array.from({ length: 13 }, (_, i) => ({ rep: `Rep ${i + 1}`, won: i }));
    const short = dataTable(reps, { rows: 8 }).querySelector("form") as HTMLElement;
    expect(short.style.maxHeight).toBe("none");
    expect(short.querySelectorAll("tbody tr")).toHaveLength(13);
    const long = dataTable(Array.from({ length: 40 }, (_, i) => ({ rep: `Rep ${i + 1}`, won: i })), { rows: 8 }).querySelector("form") as HTMLElement;
    // Inputs' box: (rows + 1) rows of 22 px less a pixel, here 8.5 rows and the header.
    expect(long.style.maxHeight).toBe(`${(8.5 + 1) * 22 - 1}px`);
  });

  it("shows true/false as a check mark or nothing", () => {
    const cells = Array.from(dataTable(rows).querySelectorAll("tbody tr"), (tr) => tr.children[4]!.textContent);
    expect(cells).toEqual(["✓", ""]);
  });

  it("lets only columns of long text wrap, not names, dates or numbers, by a rule scoped to the table", () => {
    expect(wrapColumns(rows, Object.keys(rows[0]!))).toEqual(["account_name"]);
    expect(wrapColumns([{ rep: "Camille de Vries", stage: "Proposal/Price Quote", note: "단계 이력이 없는 거래는 표시하지 않습니다" }], ["rep", "stage", "note"])).toEqual(["note"]);
    const notes = [{ stage: "Proposal", note: "No stage history for this deal: pushes unknown" }];
    const table = dataTable(notes);
    const frame = table.querySelector(".table-frame")!;
    const style = frame.querySelector(":scope > style")!.textContent!;
    expect(style).toContain(`#${frame.id} tr > :nth-child(3) { white-space: normal`);
    expect(style).not.toContain(":nth-child(2)");
  });

  it("puts the key columns first, after the row label, and marks them for a test to find", () => {
    const table = dataTable(rows, { columns: ["account_name", "close_date", "compared_with", "amount", "low_sample"], key: ["amount", "low_sample", "absent"] });
    const columns = Array.from(table.querySelectorAll<HTMLElement>("thead th[data-column]"), (th) => th.dataset.column);
    expect(columns).toEqual(["account_name", "amount", "low_sample", "close_date", "compared_with"]);
    expect(table.querySelector<HTMLElement>(".table-frame")!.dataset.keyColumns).toBe("account_name amount low_sample");
    expect(Array.from(table.querySelectorAll<HTMLElement>("thead th[data-key]"), (th) => th.dataset.column)).toEqual(["account_name", "amount", "low_sample"]);
    // The header's tooltip is the reader's words, and the CSV keeps the page's column order (keyColumns, orderColumns).
    expect(table.querySelector<HTMLElement>("thead th[data-column=amount]")!.title).toBe("Amount");
    expect(orderColumns(["a", "b", "c", "d"], keyColumns(["a", "b", "c", "d"], ["d", "x"]))).toEqual(["a", "d", "b", "c"]);
    expect(orderColumns(["a", "b"], [])).toEqual(["a", "b"]);
  });

  it("cuts names to fit, a company at its end and a person in the middle, the whole name kept in the text and title", () => {
    expect(nameColumns(rows, ["account_name", "close_date", "amount"])).toEqual(["account_name"]);
    expect(nameColumns([{ reason: "Chose a competitor with a lower price", owner_name: "Camille de Vries" }], ["reason", "owner_name"])).toEqual(["owner_name"]);
    const table = dataTable([{ account_name: "Brightwater Security Holdings International", owner_name: "Camille de Vries" }, { account_name: "Nuri", owner_name: "Camille Walker" }]);
    const [company, person] = Array.from(table.querySelectorAll("tbody tr:first-child .cell-name")) as HTMLElement[];
    expect(company!.className).toBe("cell-name");
    expect(company!.children.length).toBe(1);
    expect(company!.title).toBe("Brightwater Security Holdings International");
    expect(company!.tabIndex).toBe(0);
    expect(person!.className).toBe("cell-name person");
    expect(Array.from(person!.children, (span) => span.textContent)).toEqual(["Camille de ", "Vries"]);
    expect(person!.textContent).toBe("Camille de Vries");
    // A short name is not focusable: it is never cut.
    expect((table.querySelector("tbody tr:nth-child(2) .cell-name") as HTMLElement).tabIndex).toBe(-1);
  });

  it("breaks a cell the page lets wrap only between its parts", () => {
    const table = dataTable([{ rep: "Sophie Moore", win_rate: "44.4% (19–73%)\n⚠ low sample" }], { wrap: ["win_rate"] });
    const cell = table.querySelector("tbody td:nth-child(3)")!;
    expect(Array.from(cell.querySelectorAll(".cell-part"), (span) => span.textContent)).toEqual(["44.4% (19–73%)", "⚠ low sample"]);
    expect(cell.textContent).toBe("44.4% (19–73%) ⚠ low sample");
    expect(table.querySelector(".table-frame > style")!.textContent).toContain("@media (max-width: 640px)");
  });
});
