import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { returnBands, validateConfig } from "../data-loaders/config.ts";

const defaults = JSON.parse(readFileSync("data/config.json", "utf8"));
const withRecycling = (recycling: object) => ({ ...defaults, recycling: { ...defaults.recycling, ...recycling } });

describe("config recycling.returnBands", () => {
  it("names each band from its first month: [3, 6, 12] is 0-2, 3-5, 6-11, 12+; a one-month band by its month", () => {
    expect(returnBands([3, 6, 12]).map((b) => [b.label, b.min, b.max])).toEqual([
      ["0-2", 0, 2],
      ["3-5", 3, 5],
      ["6-11", 6, 11],
      ["12+", 12, null],
    ]);
    expect(returnBands([1, 12]).map((b) => b.label)).toEqual(["0", "1-11", "12+"]);
  });

  it("refuses a list that does not rise, holds a non-month, or is empty, saying what it expects", () => {
    for (const bad of [[6, 3], [0, 3], [2.5], [], "3,6", [3, 3]]) {
      expect(() => validateConfig(withRecycling({ returnBands: bad }))).toThrow(/recycling\.returnBands.*rising list of 1 to 8 whole months/);
    }
    expect(() => validateConfig(withRecycling({ returnBand: [3] }))).toThrow(/Did you mean "returnBands"\?/);
  });
});
