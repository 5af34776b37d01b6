import type { Page } from "playwright-core";

/**
 * Every chart label the reader should see and cannot: a text of a chart (an SVG in the page's main
 * column) that sticks out of its chart or of the card that holds it, or that Plot cut short with "…".
 * Hidden texts (a tip not shown, a collapsed section) are not looked at. One line per label: what it
 * says, and by how many pixels it is out.
 */
export async function cutChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    // (No named function in here: the test runner's transform would wrap it in a helper the page lacks.)
    for (const svg of document.querySelectorAll<SVGSVGElement>("#observablehq-main svg")) {
      const chart = svg.getBoundingClientRect();
      // Icons and swatches are not charts.
      if (chart.width < 80 || chart.height < 40) continue;
      const card = (svg.closest(".card") ?? svg.parentElement!).getBoundingClientRect();
      for (const text of svg.querySelectorAll<SVGTextElement>("text")) {
        const box = text.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(text).visibility === "hidden" || text.closest("[style*='display: none']")) continue;
        const words = (text.textContent ?? "").trim();
        if (!words) continue;
        const name = `${svg.getAttribute("class") ?? svg.getAttribute("aria-label") ?? "svg"} "${words.slice(0, 40)}"`;
        const pastChart = Math.max(chart.left - box.left, box.right - chart.right, chart.top - box.top, box.bottom - chart.bottom);
        const pastCard = Math.max(card.left - box.left, box.right - card.right, card.top - box.top, box.bottom - card.bottom);
        if (pastChart > 1) found.push(`${name} is ${Math.round(pastChart)} px outside its chart`);
        else if (pastCard > 1) found.push(`${name} is ${Math.round(pastCard)} px outside its card`);
        if (/…$/.test(words)) found.push(`${name} is cut short`);
      }
    }
    return found;
  });
}
