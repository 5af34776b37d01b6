import type { Page } from "playwright-core";

/**
 * Where a page's tables put their key columns (components/table.ts `key`): for every table
 * (`.data-table`) shown on the page, the key columns it declares (`data-key-columns` on its frame) and,
 * for each, how far its header or any of its cells lies outside the frame's visible box — the scroller's
 * client box, scrolled to the start, clipped to the window — in CSS pixels (0: fully inside).
 */
export interface KeyColumnFit {
  /** The heading the table sits under, and its CSV's file name: "Aging deals (aging-deals-2024-06-30.csv)". */
  table: string;
  /** The key columns declared, in order (code names); empty when the table declares none. */
  keys: string[];
  columns: Array<{ column: string; header: string; found: boolean; outside: number }>;
}

/** Wait until the page's cells have rendered and its tables stopped appearing. */
export async function settle(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const [loading, tables] = await page.evaluate(() => [
      document.querySelectorAll("#observablehq-main observablehq-loading").length,
      document.querySelectorAll(".data-table tbody tr").length,
    ]);
    if (loading === 0 && tables === last) return;
    last = tables;
    await page.waitForTimeout(150);
  }
}

/** Every shown table's key columns and how far each sticks out of its frame (see KeyColumnFit). */
export function keyColumnFits(page: Page): Promise<KeyColumnFit[]> {
  // A string, not a function: the test runner's transform may name functions with helpers the page lacks.
  return page.evaluate(`(${IN_PAGE})()`) as Promise<KeyColumnFit[]>;
}

const IN_PAGE = String.raw`() => {
  const results = [];
  let heading = "";
  const text = (el) => (el.textContent || "").replace(/[\u25b4\u25be]/g, "").replace(/\s+/g, " ").trim();
  for (const el of document.querySelectorAll("#observablehq-main :is(h1, h2, .data-table)")) {
    if (!el.classList.contains("data-table")) { heading = text(el).slice(0, 80); continue; }
    const frame = el.querySelector(".table-frame");
    const scroller = frame && frame.querySelector("form");
    if (!frame || !scroller || !scroller.getClientRects().length) continue; // not shown (print-only, hidden)
    scroller.scrollLeft = 0;
    const name = heading + (el.dataset.filename ? " (" + el.dataset.filename + ")" : "");
    const keys = (frame.dataset.keyColumns || "").split(" ").filter(Boolean);
    const box = scroller.getBoundingClientRect();
    const left = Math.max(box.left + scroller.clientLeft, 0);
    const right = Math.min(box.left + scroller.clientLeft + scroller.clientWidth, document.documentElement.clientWidth);
    const ths = Array.from(scroller.querySelectorAll("thead th"));
    const columns = keys.map((column) => {
      const th = ths.find((h) => h.dataset.column === column);
      if (!th) return { column, header: "", found: false, outside: 0 };
      const index = ths.indexOf(th);
      const cells = [th, ...Array.from(scroller.querySelectorAll("tbody tr"), (tr) => tr.children[index]).filter(Boolean)];
      let outside = 0;
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        if (!r.width) continue;
        outside = Math.max(outside, r.right - right, left - r.left);
      }
      return { column, header: text(th), found: true, outside: Math.max(0, Math.round(outside * 10) / 10) };
    });
    results.push({ table: name, keys, columns });
  }
  return results;
}`;

/**
 * A team page's act-on lists (components/cardList.ts beside a `.data-table.has-cards`): for each, the
 * table's rows (all of them, loaded by scrolling the table when it shows) as its row label and key columns'
 * text, the cards' title and key values in the same shape ("" read as "–", as the table shows an empty
 * cell), which of the two shows, how many cards show and how many open at first, the values a shown card
 * puts outside the window, and the shown cards that lack a title.
 */
export interface ActOnList {
  file: string;
  keys: string[];
  rows: string[][];
  cards: string[][];
  tableShown: boolean;
  cardsShown: boolean;
  shown: number;
  open: number;
  outside: string[];
  missing: string[];
}

export function actOnLists(page: Page): Promise<ActOnList[]> {
  return page.evaluate(`(${ACT_ON_IN_PAGE})()`) as Promise<ActOnList[]>;
}

const ACT_ON_IN_PAGE = String.raw`async () => {
  const out = [];
  const text = (el) => (el ? el.textContent || "" : "").replace(/\s+/g, " ").trim() || "–";
  // checkVisibility: a card inside a closed <details> has boxes but is not shown (content-visibility).
  const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility();
  for (const wrapper of document.querySelectorAll(".act-on .data-table.has-cards")) {
    const frame = wrapper.querySelector(".table-frame");
    const form = frame.querySelector("form");
    const tableShown = shown(form);
    if (tableShown) {
      let count = -1;
      for (let i = 0; i < 60 && form.querySelectorAll("tbody tr").length !== count; i++) {
        count = form.querySelectorAll("tbody tr").length;
        form.scrollTop = form.scrollHeight;
        await new Promise((r) => setTimeout(r, 120));
      }
      form.scrollTop = 0;
    }
    const ths = Array.from(form.querySelectorAll("thead th"));
    const keys = (frame.dataset.keyColumns || "").split(" ").filter(Boolean);
    const index = keys.map((k) => ths.findIndex((th) => th.dataset.column === k));
    const rows = Array.from(form.querySelectorAll("tbody tr"), (tr) => index.map((i) => text(tr.children[i])));
    const list = wrapper.nextElementSibling;
    const items = list && list.classList.contains("card-list") ? Array.from(list.querySelectorAll("li.row-card")) : [];
    const cards = items.map((li) => [
      text(li.querySelector(".row-card-title")),
      ...keys.slice(1).map((k) => text(li.querySelector('.row-card-keys > [data-column="' + k + '"] > dd'))),
    ]);
    const outside = [];
    const missing = [];
    const width = document.documentElement.clientWidth;
    const visible = items.filter(shown);
    for (const li of visible) {
      const title = li.querySelector(".row-card-title");
      if (!title || !title.textContent.trim() || !shown(title)) missing.push(text(title));
      for (const el of li.querySelectorAll(".row-card-title, dt, dd")) {
        for (const r of el.getClientRects()) if (r.left < -0.5 || r.right > width + 0.5) outside.push(text(title) + ": " + text(el));
      }
    }
    out.push({
      file: wrapper.dataset.filename || "",
      keys,
      rows,
      cards,
      tableShown,
      cardsShown: !!list && shown(list),
      shown: visible.length,
      open: list ? list.querySelectorAll(":scope > ul > li").length : 0,
      outside,
      missing,
    });
  }
  return out;
}`;
