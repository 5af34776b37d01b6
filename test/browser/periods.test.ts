// One period across pages: a reader who has chosen nothing finds every page on the same quarter, and a
// period chosen on one page is the one the next page opens on.
import { describe, expect, it } from "vitest";
import { sitePage } from "./watch.ts";

const PAGES = ["/", "/funnel", "/win-rate", "/reps", "/tiers", "/teams/marketing", "/teams/field_sales"];

describe("the period across pages in Chromium", () => {
  const site = sitePage();

  /** A reader who has chosen nothing yet in this tab (storage belongs to the site's origin: be on it first). */
  async function forgetChoices(): Promise<void> {
    if (!site.page.url().startsWith(site.url)) await site.page.goto(`${site.url}/`, { waitUntil: "networkidle" });
    await site.page.evaluate(() => sessionStorage.clear());
  }

  /** The page's period type (the checked radio's label) and key (the first select's chosen option, without its mark). */
  async function periodShown(path: string): Promise<{ path: string; type: string; key: string }> {
    await site.page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
    const filters = site.page.locator(".filters").first();
    await expect.poll(() => filters.locator("select").count(), { message: path }).toBeGreaterThan(0);
    const type = (await filters.locator("label:has(input[type=radio]:checked)").first().innerText()).trim();
    const key = (await filters.locator("select").first().locator("option:checked").innerText()).split(" ")[0]!;
    return { path, type, key };
  }

  it("every page opens on the same latest complete quarter when nothing was chosen", async () => {
    const shown = [];
    for (const path of PAGES) {
      await forgetChoices();
      shown.push(await periodShown(path));
    }
    const first = shown[0]!;
    expect(first.type).toBe("Quarter");
    expect(first.key).toMatch(/^\d{4}-Q[1-4]$/);
    expect(shown).toEqual(PAGES.map((path) => ({ path, type: first.type, key: first.key })));
    expect(site.problems).toEqual([]);
  });

  it("a quarter chosen on the overview is the one the funnel and a team page open on; the URL still wins", async () => {
    await forgetChoices();
    const opened = await periodShown("/");
    const select = site.page.locator(".filters select").first();
    const other = (await select.locator("option").allInnerTexts()).find((o) => !o.includes("(") && !o.startsWith(opened.key))!;
    await select.selectOption({ label: other });
    for (const path of ["/funnel", "/teams/field_sales", "/win-rate"]) {
      expect(await periodShown(path)).toEqual({ path, type: "Quarter", key: other });
    }
    expect((await periodShown(`/funnel?period=quarter&key=${opened.key}`)).key).toBe(opened.key);
    expect(site.problems).toEqual([]);
  });
});
