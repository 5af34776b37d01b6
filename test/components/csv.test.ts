import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../src/lib/csv.ts";

describe("toCsv / csvCell", () => {
  it("turns CRM text that would run as a spreadsheet formula into text", () => {
    expect(csvCell('=HYPERLINK("http://example.com","click")')).toBe(`"'=HYPERLINK(""http://example.com"",""click"")"`);
    expect(csvCell("+82 10")).toBe(`"'+82 10"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("-1+1")).toBe(`"'-1+1"`);
  });

  it("keeps numbers numbers (a negative amount is not a formula) and quotes what needs quoting", () => {
    expect(csvCell(-1200)).toBe("-1200");
    expect(csvCell(null)).toBe("");
    expect(csvCell("Summit Analytics Co., Ltd.")).toBe('"Summit Analytics Co., Ltd."');
    expect(toCsv([{ a: 1, b: "x" }], ["b", "a"])).toBe("b,a\r\nx,1\r\n");
  });
});
