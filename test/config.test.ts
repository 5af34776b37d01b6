import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configuredTeams, mergeSettings, returnBands, validateConfig } from "../data-loaders/config.ts";

const defaults = JSON.parse(readFileSync("data/config.json", "utf8"));
const withRecycling = (recycling: object) => ({ ...defaults, recycling: { ...defaults.recycling, ...recycling } });

describe("config recycling.returnBands", () => {
  it("names each band from its first month: [3, 6, 12] is 0-2, 3-5, 6-11, 12+; a one-month band by its month", () => {
    expect(returnBands([3, 6, 12]).map((b) => [b.label, b.min, b.max])).toEqual([
      ["0-2", 0, 2],
      ["3-5", 3, 5],
      ["6-11", 6, 11],
      ["12+", 12, null],
    ]);
    expect(returnBands([1, 12]).map((b) => b.label)).toEqual(["0", "1-11", "12+"]);
  });

  it("refuses a list that does not rise, holds a non-month, or is empty, saying what it expects", () => {
    for (const bad of [[6, 3], [0, 3], [2.5], [], "3,6", [3, 3]]) {
      expect(() => validateConfig(withRecycling({ returnBands: bad }))).toThrow(/recycling\.returnBands.*rising list of 1 to 8 whole months/);
    }
    expect(() => validateConfig(withRecycling({ returnBand: [3] }))).toThrow(/Did you mean "returnBands"\?/);
  });
});

describe("config teamRoles", () => {
  const split = {
    marketing: { role: "marketing" },
    inside_sales: { role: "inside_sales", label: { en: "Sales development", ko: "세일즈 디벨롭먼트" } },
    enterprise: { role: "field_sales", label: { en: "Enterprise sales", ko: "엔터프라이즈 영업" } },
    mid_market: { role: "field_sales", label: { en: "Mid-market sales", ko: "미드마켓 영업" } },
    customer_success: { role: "customer_success" },
  };
  const { field_sales: _dropped, ...teamPatterns } = defaults.teamPatterns;
  const mended = { teams: { ...defaults.teams, "Field Sales": "mid_market" }, teamPatterns };

  it("is The Model's four by default, and lists configured teams by role, renamed where labelled", () => {
    expect(configuredTeams(defaults).map((t) => [t.team, t.role, t.label.en])).toEqual([
      ["marketing", "marketing", "Marketing"],
      ["inside_sales", "inside_sales", "Inside sales"],
      ["field_sales", "field_sales", "Field sales"],
      ["customer_success", "customer_success", "Customer success"],
    ]);
    const config = validateConfig({ ...defaults, ...mended, teamRoles: split });
    expect(configuredTeams(config).map((t) => [t.team, t.role, t.label.ko])).toEqual([
      ["marketing", "marketing", "마케팅"],
      ["inside_sales", "inside_sales", "세일즈 디벨롭먼트"],
      ["enterprise", "field_sales", "엔터프라이즈 영업"],
      ["mid_market", "field_sales", "미드마켓 영업"],
      ["customer_success", "customer_success", "고객 성공 (CS)"],
    ]);
  });

  it("refuses a team without a role, a new team without a name, a role without a team, and a default naming a team the org dropped", () => {
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: { ...split, partners: { role: "partner_sales" } } })).toThrow(/teamRoles\.partners\.role.*one of The Model's roles/);
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: { ...split, partners: { role: "field_sales" } } })).toThrow(/teamRoles\.partners\.label.*both languages/);
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: { ...split, "Mid Market": split.mid_market } })).toThrow(/teamRoles\.Mid Market.*lower-case key/);
    const { customer_success: _, ...noSuccess } = split;
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: noSuccess })).toThrow(/none plays customer_success/);
    expect(() => validateConfig({ ...defaults, teamRoles: split })).toThrow(/"teams\.Field Sales" is invalid.*set a default you do not want to null/);
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: { ...split, enterprise: { role: "field_sales", lable: {} } } })).toThrow(/Did you mean "label"\?/);
  });

  it("takes targets per team, for the KPIs of the team's role", () => {
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: split, targets: { enterprise: { bookings: 1 } } })).not.toThrow();
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: split, targets: { enterprise: { mqls: 1 } } })).toThrow(/a KPI of enterprise \(field_sales\): won_deals, bookings/);
    expect(() => validateConfig({ ...defaults, ...mended, teamRoles: split, targets: { field_sales: { bookings: 1 } } })).toThrow(/targets\.field_sales.*a team: marketing, inside_sales, enterprise/);
  });

  it("removes a default with null when an export's settings are laid over the defaults", () => {
    expect(mergeSettings({ teamPatterns: { field_sales: "ae", marketing: "mkt" } }, { teamPatterns: { field_sales: null } })).toEqual({ teamPatterns: { marketing: "mkt" } });
  });
});
