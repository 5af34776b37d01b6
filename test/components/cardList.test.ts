// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { cardList, cellText } from "../../src/components/cardList.ts";

const rows = [
  { account_name: "Brightwater Security Holdings", owner_name: "Camille de Vries", days_past_close: 45, amount: 16800, stage_name: "Proposal", close_date: "2026-04-30", motion: null, pushes: 2, days_open: 120, note: "x", is_new: true },
  { account_name: "Nuri", owner_name: "Camille Walker", days_past_close: 3, amount: null, stage_name: "Negotiation", close_date: "2026-05-31", motion: "Expansion", pushes: 0, days_open: 30, note: "y", is_new: false },
];
const columns = ["account_name", "owner_name", "stage_name", "days_past_close", "amount", "close_date", "motion", "pushes", "days_open", "note", "is_new"];
const header = { account_name: "Account", owner_name: "Rep", days_past_close: "Days past close", amount: "Amount", close_date: "Close date", stage_name: "Stage" };
const format = { amount: (v: number | null) => (v === null ? "–" : `$${v.toLocaleString("en")}`), days_past_close: (v: number) => `${v}` };

const pairs = (dl: Element | null) => Array.from(dl?.children ?? [], (div) => `${div.querySelector("dt")!.textContent}: ${div.querySelector("dd")!.textContent}`);

describe("cardList", () => {
  it("makes a list of one headed card per row, in the rows' order, the row label as its title", () => {
    const list = cardList(rows, { columns, key: ["owner_name", "days_past_close", "amount"], header, format });
    expect(list.children.length).toBe(1);
    expect(list.firstElementChild!.tagName).toBe("UL");
    const items = Array.from(list.querySelectorAll("li"));
    expect(items.map((li) => li.tagName)).toEqual(["LI", "LI"]);
    expect(items.map((li) => li.querySelector("h4.row-card-title")!.textContent)).toEqual(["Brightwater Security Holdings", "Nuri"]);
  });

  it("shows the key columns first as header: value pairs, with the page's headers and formats", () => {
    const list = cardList(rows, { columns, key: ["owner_name", "days_past_close", "amount", "absent"], header, format });
    const [first, second] = Array.from(list.querySelectorAll("li"));
    expect(pairs(first!.querySelector("dl.row-card-keys"))).toEqual(["Rep: Camille de Vries", "Days past close: 45", "Amount: $16,800"]);
    // Unknown reads "–", as in the table.
    expect(pairs(second!.querySelector("dl.row-card-keys"))).toEqual(["Rep: Camille Walker", "Days past close: 3", "Amount: –"]);
    expect(Array.from(first!.querySelectorAll(".row-card-keys > div"), (d) => (d as HTMLElement).dataset.column)).toEqual(["owner_name", "days_past_close", "amount"]);
  });

  it("then the other columns, the page's choice or the rest in order, capped; a flag that is off is left out", () => {
    const list = cardList(rows, { columns, key: ["owner_name", "days_past_close", "amount"], header, format });
    const [first, second] = Array.from(list.querySelectorAll("li"));
    // The rest, in the page's order, at most five; a column's code name never shows.
    expect(pairs(first!.querySelector("dl.row-card-more"))).toEqual(["Stage: Proposal", "Close date: 2026-04-30", "Motion: –", "Pushes: 2", "Days open: 120"]);
    const chosen = cardList(rows, { columns, key: ["owner_name"], header, format, more: ["is_new", "account_name", "owner_name", "close_date", "absent"] });
    const [a, b] = Array.from(chosen.querySelectorAll("li"));
    expect(pairs(a!.querySelector("dl.row-card-more"))).toEqual(["Is new: ✓", "Close date: 2026-04-30"]);
    expect(pairs(b!.querySelector("dl.row-card-more"))).toEqual(["Close date: 2026-05-31"]);
    expect(second!.querySelector("dl.row-card-more")!.children.length).toBe(5);
    expect(cardList(rows, { columns, key: ["owner_name"], moreLimit: 0 }).querySelector(".row-card-more")).toBeNull();
    expect(cellText("", (v) => v)).toBe("");
    expect(cellText(false)).toBe("");
    expect(cellText(undefined)).toBe("–");
    // A format's line break (a cell in parts) reads as a space.
    expect(cellText("44% (19–73%)\n⚠ low sample")).toBe("44% (19–73%) ⚠ low sample");
  });

  it("shows the first rows and keeps the rest, in order, behind a disclosure", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ name: `Source ${i + 1}`, leads: i }));
    const list = cardList(many, { columns: ["name", "leads"], key: ["leads"], open: 12, locale: "en" });
    expect(list.querySelectorAll(":scope > ul > li").length).toBe(12);
    const rest = list.querySelector(":scope > details")!;
    expect(rest.hasAttribute("open")).toBe(false);
    expect(rest.querySelector("summary")!.textContent).toBe("Show 2 more");
    expect(Array.from(rest.querySelectorAll("li h4"), (h) => h.textContent)).toEqual(["Source 13", "Source 14"]);
    expect(Array.from(list.querySelectorAll("li h4"), (h) => h.textContent)).toEqual(many.map((d) => d.name));
    expect(cardList(many, { columns: ["name"], open: 2, locale: "ko" }).querySelector("summary")!.textContent).toBe("12건 더 보기");
    expect(cardList(many, { columns: ["name"], open: 14 }).querySelector("details")).toBeNull();
  });

  it("inserts CRM text as text, never as markup", () => {
    const hostile = [{ account_name: "<img src=x onerror=alert(1)>", owner_name: "<b>Eve</b>" }];
    const list = cardList(hostile, { columns: ["account_name", "owner_name"], key: ["owner_name"] });
    expect(list.querySelector("img, b")).toBeNull();
    expect(list.querySelector("h4")!.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(list.querySelector("dd")!.textContent).toBe("<b>Eve</b>");
  });

  it("mutes low-sample rows and takes a heading level and a name", () => {
    const list = cardList(rows, { columns, key: ["owner_name"], muted: (d) => d.amount === null, level: 3, label: "Aging deals", locale: "ko" });
    expect(Array.from(list.querySelectorAll("li"), (li) => li.classList.contains("low-sample"))).toEqual([false, true]);
    expect(list.querySelectorAll("h3.row-card-title").length).toBe(2);
    expect(list.querySelector("ul")!.getAttribute("aria-label")).toBe("Aging deals");
    expect(cardList([], { columns }).querySelectorAll("li").length).toBe(0);
  });
});
