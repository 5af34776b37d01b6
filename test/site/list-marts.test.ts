// A list mart (an act-on list) reaches the page as its most urgent rows, overall and per owner, and the
// whole list as a CSV the page links to: pages carry what a meeting reads, at any size of business.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

function builtFile(siteDir: string, pattern: RegExp): string {
  const dir = join(siteDir, "_file/data/marts");
  const file = readdirSync(dir).find((name) => pattern.test(name));
  if (!file) throw new Error(`no file like ${pattern} in ${dir}`);
  return readFileSync(join(dir, file), "utf8");
}

describe.each(["mart_aging_deals", "mart_renewals_due", "mart_recycle_queue"])("the built site's %s", (mart) => {
  const siteDir = inject("siteDir");
  const json = JSON.parse(builtFile(siteDir, new RegExp(`^${mart}\\.[0-9a-f]+\\.json$`)));
  const csv = builtFile(siteDir, new RegExp(`^${mart}\\.[0-9a-f]+\\.csv$`));
  const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");

  it("holds the first rows of the list and of each owner's, and the CSV the whole list", () => {
    const { listRank, ownerRank, ofRows } = json.shown;
    const ranks: number[] = json.data.list_rank;
    const ownerRanks: number[] = json.data.owner_rank;
    // A row is there for its place on the whole list, its owner's, or its team's (config teamRoles).
    const teamRanks: number[] | undefined = json.data.team_rank;
    expect(ranks.every((r, i) => r <= listRank || ownerRanks[i]! <= ownerRank || (teamRanks?.[i] ?? Infinity) <= listRank)).toBe(true);
    // Every rank up to the limit is there, once.
    expect(ranks.filter((r) => r <= listRank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: Math.min(listRank, ofRows) }, (_, i) => i + 1),
    );
    expect(lines.length - 1).toBe(ofRows);
    expect(lines[0]!.split(",").slice(0, 2)).toEqual(["list_rank", "owner_rank"]);
  });

  it("has the same figures in the JSON as in the CSV's rows of the same rank", () => {
    const header = lines[0]!.split(",");
    const column = header.indexOf("owner_rank");
    const byRank = new Map(lines.slice(1).map((line) => [Number(line.split(",")[0]), Number(line.split(",")[column])]));
    json.data.list_rank.forEach((rank: number, i: number) => expect(byRank.get(rank)).toBe(json.data.owner_rank[i]));
  });
});

describe("a list's CSV built from hostile CRM text", () => {
  it("carries the text as data, no cell starting a spreadsheet formula", () => {
    const siteDir = inject("hostileSiteDir");
    const dir = join(siteDir, "_file/data/marts");
    const files = readdirSync(dir).filter((name) => name.endsWith(".csv"));
    expect(files.length).toBe(4); // aging deals, renewals due, recycle queue, source watchlist
    const text = files.map((name) => readFileSync(join(dir, name), "utf8")).join("\n");
    // Hostile rep names reach the lists as data (toCsv, tested in test/components, quotes what would run).
    expect(text).toContain("<script>window.__pwned = 1; alert(1)</script>");
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
  });
});

describe("the whole-list CSV on a Korean site", () => {
  it("names its columns in Korean, in the team pages' words, and holds the same rows", () => {
    const korean = builtFile(inject("koreanSiteDir"), /^mart_aging_deals\.[0-9a-f]+\.csv$/).replace(/^\uFEFF/, "").split("\r\n");
    const english = builtFile(inject("siteDir"), /^mart_aging_deals\.[0-9a-f]+\.csv$/).replace(/^\uFEFF/, "").split("\r\n");
    const header = korean[0]!.split(",");
    expect(header.slice(0, 4)).toEqual(["전체 순위", "담당자 내 순위", "팀 내 순위", "팀"]);
    expect(header).toContain("고객사");
    expect(header.filter((h) => /^[a-z]+(_[a-z]+)+$/.test(h))).toEqual([]);
    expect(korean.length).toBe(english.length);
  });
});
