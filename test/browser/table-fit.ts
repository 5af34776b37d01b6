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
