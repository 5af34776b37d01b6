// An org whose field sales is two teams (test/fixtures/split-teams: config teamRoles over the sample):
// the sidebar and team pages follow the config, each team's cards are its own mart_team_kpis rows, its
// act-on list holds only its deals, and the two teams together give what the sample's one field-sales
// team shows.
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../src/components/format.ts";
import { label } from "../../src/components/labels.ts";
import { publishedMart, sitePage } from "./watch.ts";

describe("a site whose config splits field sales into teams", () => {
  const site = sitePage({ site: "teamsSiteDir" });

  it("lists the configured teams in the sidebar, by their names, each with its meeting page", async () => {
    await site.page.goto(`${site.url}/`, { waitUntil: "networkidle" });
    const links = await site.page.locator("#observablehq-sidebar a[href*='/teams/']").allInnerTexts();
    expect(links.map((s) => s.trim())).toEqual(["Marketing", "Sales development", "Korea sales", "Global sales", "Customer success"]);
    for (const team of ["korea_sales", "global_sales"]) {
      await site.page.goto(`${site.url}/teams/${team}`, { waitUntil: "networkidle" });
      await expect.poll(() => site.page.locator("h1.team-heading").textContent()).toMatch(team === "korea_sales" ? /Korea sales/ : /Global sales/);
    }
    expect(site.problems).toEqual([]);
  });

  it("shows each team its own bookings and target, and its own aging deals", async () => {
    const kpis = publishedMart("mart_team_kpis", "teamsSiteDir");
    const aging = publishedMart("mart_aging_deals", "teamsSiteDir");
    for (const team of ["korea_sales", "global_sales"]) {
      await site.page.goto(`${site.url}/teams/${team}`, { waitUntil: "networkidle" });
      await expect.poll(() => site.page.locator(".kpi .kpi-value").count()).toBeGreaterThan(2);
      const key = (await site.page.locator(".filters select").first().locator("option:checked").innerText()).split(" ")[0]!;
      const row = kpis.find((d) => d.team === team && d.kpi === "bookings" && d.period_type === "quarter" && d.period_key === key)!;
      expect(row.role).toBe("field_sales");
      const card = site.page.locator(".card.kpi", { has: site.page.locator(`h2:text-is("${label("bookings")}")`) });
      expect(await card.locator(".kpi-value").innerText()).toBe(formatMoney(row.value));
      expect(await card.innerText()).toContain(formatMoney(row.target));
      // The list's reps are this team's (or, on the role's first team, also deals of people on no field-sales team).
      const list = site.page.locator(".act-on .data-table table").first();
      const headers = (await list.locator("thead th").allInnerTexts()).map((h) => h.trim());
      const repColumn = headers.indexOf(label("rep")) + 1;
      expect(repColumn, headers.join(" | ")).toBeGreaterThan(0);
      const reps = new Set(await list.locator(`tbody tr td:nth-child(${repColumn})`).allInnerTexts());
      const teamReps = new Set(aging.filter((d) => d.team === team).map((d) => d.owner_name));
      expect(reps.size).toBeGreaterThan(0);
      for (const rep of reps) expect(teamReps, `${team}: ${rep}`).toContain(rep);
    }
    expect(site.problems).toEqual([]);
  });

  it("counts every deal once: the two teams' bookings add up to the sample's one field-sales team", () => {
    const split = publishedMart("mart_team_kpis", "teamsSiteDir").filter((d) => d.role === "field_sales" && d.kpi === "bookings" && d.period_type === "year");
    const whole = publishedMart("mart_team_kpis").filter((d) => d.team === "field_sales" && d.kpi === "bookings" && d.period_type === "year");
    expect(whole.length).toBeGreaterThan(0);
    for (const year of whole) {
      const parts = split.filter((d) => d.period_key === year.period_key);
      expect(parts.map((d) => d.team).sort()).toEqual(["global_sales", "korea_sales"]);
      expect(parts.reduce((sum, d) => sum + d.value, 0)).toBeCloseTo(year.value, 2);
    }
  });
});
