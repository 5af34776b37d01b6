import { describe, expect, it } from "vitest";
import { translator } from "../../src/components/words.ts";

const WORDS = {
  title: ["Plan", "계획"],
  won: [(n: number) => `${n} won`, (n: number) => `수주 ${n}건`],
  kinds: { deals: ["Deals", "영업기회"] },
} as const;

describe("translator", () => {
  it("gives each word in the page's language, quoting its figures", () => {
    const en = translator(WORDS, "en");
    const ko = translator(WORDS, "ko");
    expect([en("title"), en("won", 3), en("kinds.deals")]).toEqual(["Plan", "3 won", "Deals"]);
    expect([ko("title"), ko("won", 3), ko("kinds.deals")]).toEqual(["계획", "수주 3건", "영업기회"]);
  });

  it("throws naming a key the dictionary lacks, rather than show the key to a reader", () => {
    const t = translator(WORDS, "en");
    expect(() => t("titel")).toThrow('no words for "titel"');
    expect(() => t("kinds")).toThrow('no words for "kinds"');
  });
});
