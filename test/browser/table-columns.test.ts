// Tables that fit: every table on every page (the sample site, and the sample as a Korean site, whose
// headers run longer) declares its key columns — the row label and the columns a reader needs first
// (components/table.ts `key`) — and shows them without scrolling. At 1280×800 every key column, its header
// and every cell, lies inside the table's frame as it first shows (scrolled to the start); at 390×844 (a
// phone) the row label and the next two key columns do, the rest scrolling inside the card. A person's
// surname is never cut (two reps named Camille stay apart), and a cut name is whole in its title and on focus.
// A table hidden at a width is skipped: on a phone a team's act-on lists read as cards (components/cardList.ts)
// instead — one per row the table holds, in its order, each with its row label and every key column's value
// as the table shows it — and wider the cards are hidden and the table shows.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { NAVIGATION } from "../../observablehq.config.ts";
import type { SiteName } from "../global-setup.ts";
import { actOnLists, keyColumnFits, settle } from "./table-fit.ts";
import { servedSite, watchPage } from "./watch.ts";

const TEAM_PAGES = ["/teams/field_sales", "/teams/inside_sales", "/teams/customer_success", "/teams/marketing"];
const PATHS = NAVIGATION.flatMap((entry) => ("pages" in entry ? entry.pages! : [entry])).map((p) => p.path!);

/** How many key columns a phone shows without scrolling: the row label and the next two. */
const PHONE_KEYS = 3;

const VIEWPORTS = [
  { name: "1280", width: 1280, height: 800, keys: Infinity },
  { name: "390", width: 390, height: 844, keys: PHONE_KEYS },
] as const;

for (const site of ["siteDir", "koreanSiteDir"] as const satisfies readonly SiteName[]) {
  describe(`key columns in view (${site === "siteDir" ? "the sample site" : "the Korean site"})`, () => {
    const served = servedSite(site);
    const outside: string[] = [];

    async function open(path: string, viewport: { width: number; height: number }, problems: string[]): Promise<Page> {
      const page = await served.browser.newPage({ viewport });
      await watchPage(page, served.server.url, problems, outside, `${path}: `);
      await page.goto(`${served.server.url}${path}`, { waitUntil: "networkidle" });
      await settle(page);
      return page;
    }

    it.each(PATHS)("%s: every table declares key columns and shows them at 1280 px, and its first ones at 390 px", async (path) => {
      const problems: string[] = [];
      const failures: string[] = [];
      for (const viewport of VIEWPORTS) {
        const page = await open(path, viewport, problems);
        const fits = await keyColumnFits(page);
        if (viewport.width === 1280) expect(fits.length, `${path} shows no table`).toBeGreaterThan(0);
        for (const fit of fits) {
          const where = `${path} at ${viewport.name} px, table "${fit.table}"`;
          if (fit.keys.length < 2) failures.push(`${where}: declares no key columns besides its row label`);
          for (const column of fit.columns.slice(0, viewport.keys)) {
            if (!column.found) failures.push(`${where}: key column ${column.column} is not shown`);
            else if (column.outside > 0) failures.push(`${where}: key column ${column.column} ("${column.header}") sticks out ${column.outside} px`);
          }
        }
        // A person's surname is never cut: "Camille de Vries" and "Camille Walker" stay apart.
        const cutSurnames = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>(".data-table .cell-name.person .cell-name-last"))
            .filter((span) => {
              if (!span.getClientRects().length) return false;
              const box = span.parentElement!.getBoundingClientRect();
              return span.scrollWidth > span.clientWidth + 1 || span.getBoundingClientRect().right > box.right + 1;
            })
            .map((span) => span.parentElement!.title),
        );
        for (const name of cutSurnames) failures.push(`${path} at ${viewport.name} px: the surname of "${name}" is cut`);
        await page.close();
      }
      expect(failures).toEqual([]);
      expect(problems).toEqual([]);
    });

    it.each(TEAM_PAGES)("%s: the act-on lists read as cards at 390 px, as the table at 1280 px", async (path) => {
      const problems: string[] = [];
      const wide = await open(path, VIEWPORTS[0], problems);
      const tables = await actOnLists(wide);
      await wide.close();
      expect(tables.length, `${path} has no act-on list`).toBeGreaterThan(0);
      for (const list of tables) {
        const where = `${path}, ${list.file}`;
        expect(list.tableShown && !list.cardsShown, `${where} at 1280 px: the table shows, the cards do not`).toBe(true);
        expect(list.rows.length, where).toBeGreaterThan(0);
        // The cards hold the table's rows in its order: the row label and each key column as the table shows it.
        expect(list.cards, where).toEqual(list.rows);
      }
      const phone = await open(path, VIEWPORTS[1], problems);
      const cards = await actOnLists(phone);
      expect(cards.map((list) => list.file)).toEqual(tables.map((list) => list.file));
      for (const [i, list] of cards.entries()) {
        const where = `${path}, ${list.file} at 390 px`;
        expect(list.tableShown || !list.cardsShown, `${where}: the cards show, the table does not`).toBe(false);
        expect(list.cards.length, where).toBe(tables[i]!.rows.length);
        // The first cards show; the rest open with "Show N more". Every value a card shows lies in the window.
        expect(list.shown, where).toBe(Math.min(list.cards.length, list.open));
        expect(list.outside, where).toEqual([]);
        expect(list.missing, where).toEqual([]);
      }
      await phone.evaluate(() => document.querySelectorAll(".act-on .card-list details").forEach((d) => d.setAttribute("open", "")));
      for (const [i, list] of (await actOnLists(phone)).entries()) {
        expect(list.shown, `${path}, ${list.file} at 390 px, every card open`).toBe(tables[i]!.rows.length);
        expect(list.outside).toEqual([]);
      }
      await phone.close();
      expect(problems).toEqual([]);
    });

    it("makes no request outside its own origin", () => {
      expect(outside).toEqual([]);
    });
  });
}

describe("a name cut to fit", () => {
  const served = servedSite("siteDir");

  it("keeps its whole text in its title and the page, and shows it whole on focus", async () => {
    const page = await served.browser.newPage({ viewport: { width: 390, height: 844 } });
    // The recycling page's queue (a team page's act-on lists are cards on a phone).
    await page.goto(`${served.server.url}/recycling`, { waitUntil: "networkidle" });
    await settle(page);
    // An account name on a phone: cut with "…" at its end, the whole name in its title and text.
    const cut = page.locator(".data-table:has(th[data-column=account_name]) tbody td:nth-child(2) .cell-name").filter({ hasText: /.{20}/ }).first();
    const state = () => cut.evaluate((el: HTMLElement) => ({
      title: el.title,
      text: el.textContent,
      cut: el.scrollWidth > el.clientWidth + 1 || Array.from(el.children).some((span) => span.scrollWidth > span.clientWidth + 1),
      focusable: el.tabIndex === 0,
    }));
    const before = await state();
    expect(before).toMatchObject({ cut: true, focusable: true });
    expect(before.title).toBe(before.text);
    const height = (await cut.boundingBox())!.height;
    await cut.focus();
    const after = await state();
    expect(after.cut).toBe(false);
    // Shown whole in its column, wrapped onto more lines, rather than widening the column.
    expect((await cut.boundingBox())!.height).toBeGreaterThan(height);
    await page.close();
  });
});
