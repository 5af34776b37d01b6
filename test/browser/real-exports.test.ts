// Sites built from exports shaped unlike the sample (test/global-setup.ts): every page opens without an
// error or an outside request, and the first view shows the truth of that export.
import { describe, expect, it } from "vitest";
import type { SiteName } from "../global-setup.ts";
import { sitePage } from "./watch.ts";

const PAGES = ["/", "/funnel", "/teams/marketing", "/teams/inside_sales", "/teams/field_sales", "/teams/customer_success", "/win-rate", "/reps", "/tiers", "/recycling", "/plan", "/data-quality"];

const EXPORTS: Array<[string, SiteName]> = [
  ["the sample's org as Salesforce reports, with real orgs' quirks and no config", "reportSiteDir"],
  ["a HubSpot export with four pipelines", "hubspotSiteDir"],
  ["a multi-currency Salesforce export in Spanish", "multicurrencySiteDir"],
];

for (const [name, siteName] of EXPORTS) {
  describe(`a site built from ${name}`, () => {
    const site = sitePage({ site: siteName });

    it("opens every page with no console error and no request outside its origin", async () => {
      for (const path of PAGES) {
        await site.page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
        await expect.poll(() => site.page.locator("main h1").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      }
      expect(site.problems).toEqual([]);
      expect(site.outside).toEqual([]);
    });
  });
}

/** The text of a KPI card on the current page, by its title. */
async function card(site: ReturnType<typeof sitePage>, title: string): Promise<string> {
  const locator = site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("${title}")`) });
  await expect.poll(() => locator.count(), { timeout: 15_000 }).toBe(1);
  return locator.innerText();
}

describe("the report-style export's first view", () => {
  const site = sitePage({ site: "reportSiteDir", path: "/" });

  it("opens on the latest complete quarter, with bookings and a win rate and no one else's target", async () => {
    expect(await site.page.locator("select").first().locator("option:checked").textContent()).toBe("2026-Q3");
    const bookings = await card(site, "Bookings, every deal won");
    expect(bookings).toMatch(/\$\d/);
    expect(bookings).not.toMatch(/\$0\b|Target/);
    expect(await card(site, "Win rate")).toMatch(/[1-9]\d?\.\d%/);
    expect(await card(site, "Coverage")).toContain("no bookings target set");
  });

  it("shows the duplicate losses it left out, and the deals kept without their account", async () => {
    await site.page.goto(`${site.url}/data-quality`, { waitUntil: "networkidle" });
    await expect.poll(() => site.page.locator("#excluded").count()).toBe(1);
    expect(await site.page.locator("body").innerText()).toContain("Duplicate opportunity");
    expect(await site.page.locator("#orphans").count()).toBe(1);
    expect(site.problems).toEqual([]);
  });
});

describe("the HubSpot export's pages", () => {
  const site = sitePage({ site: "hubspotSiteDir", path: "/data-quality" });

  it("lists the unmapped stages per pipeline, with the config to paste", async () => {
    const snippet = site.page.locator("pre.config-snippet");
    await expect.poll(() => snippet.count()).toBe(1);
    const config = JSON.parse(await snippet.innerText());
    expect(config.pipelines["Enterprise (EMEA)"].stages).toEqual({ "Contract Signed": "won", "Demo booked": "discovery", "Discovery call": "discovery", "Proposal sent": "proposal" });
    expect(config.pipelines["Partner deals"].stages).toEqual({ "Contract Signed": "?", Intro: "?" });
  });

  it("cuts win rate by pipeline", async () => {
    await site.page.goto(`${site.url}/win-rate?period=all`, { waitUntil: "networkidle" });
    const section = site.page.locator("[data-dimension=pipeline]");
    await expect.poll(() => section.count(), { timeout: 15_000 }).toBe(1);
    const text = await section.innerText();
    expect(text).toContain("Enterprise (EMEA)");
    expect(text).toContain("Sales Pipeline");
    expect(site.problems).toEqual([]);
  });
});

describe("the multi-currency export's data-quality page", () => {
  const site = sitePage({ site: "multicurrencySiteDir", path: "/data-quality" });

  it("leads with what to decide: its stages, the currency without a rate, its statuses and the field it found", async () => {
    const table = site.page.locator(".decisions table");
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const text = await table.innerText();
    for (const value of ["Cerrada perdida", "Currency without a rate", "PEN", "Nurturing", "Opportunity.lossReason", "LossReason__c"]) expect(text).toContain(value);
    expect(site.problems).toEqual([]);
  });
});
