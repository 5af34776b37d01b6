import type { Page } from "playwright-core";

/**
 * What a printed page would lose: every visible element of the page's main column that reaches past the
 * paper's printable width (the viewport the caller set, A4 less its margins) on either side, or past an
 * ancestor that clips its overflow (a scrolling table frame, a card that hides overflow) — on paper
 * nothing scrolls, so what is outside is gone. Also any table whose rows may split across pages or
 * whose header would not repeat on the next page. Call it with print media emulated.
 */
export async function printLosses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const losses: string[] = [];
    const paper = document.documentElement.clientWidth;
    // (No named function in here: the test runner's transform would wrap it in a helper the page lacks.)
    for (const element of document.querySelectorAll<HTMLElement>("#observablehq-main *")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === "hidden") continue;
      const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? `.${element.className.trim().split(/\s+/).join(".")}` : ""} "${(element.textContent ?? "").trim().slice(0, 30)}"`;
      if (box.left < -0.5 || box.right > paper + 0.5) {
        losses.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} px of a ${paper} px page`);
        continue;
      }
      for (let parent = element.parentElement; parent && parent.id !== "observablehq-main"; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === "visible" && style.overflowY === "visible") continue;
        const frame = parent.getBoundingClientRect();
        if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
          losses.push(`${name} reaches past the ${parent.tagName.toLowerCase()}.${parent.className} that clips it (${Math.round(box.left)}–${Math.round(box.right)} px in ${Math.round(frame.left)}–${Math.round(frame.right)} px)`);
        }
        break;
      }
    }
    for (const table of document.querySelectorAll<HTMLTableElement>("#observablehq-main table")) {
      if (table.getBoundingClientRect().height === 0) continue;
      const head = table.tHead;
      if (head && getComputedStyle(head).display !== "table-header-group") losses.push(`a table's header does not repeat on a new page (display: ${getComputedStyle(head).display})`);
      const row = table.tBodies[0]?.rows[0];
      if (row && getComputedStyle(row).breakInside !== "avoid") losses.push(`a table's rows may split across pages (break-inside: ${getComputedStyle(row).breakInside})`);
    }
    return losses;
  });
}
