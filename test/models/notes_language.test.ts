import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query, tempDir } from "../helpers.ts";

// The notes a mart writes for the reader (why a figure is unknown, why no change is shown, what an export
// lacks) are in the site's language: the macro say(english, korean) in data-loaders/models/macros.sql picks
// one by config `locale`. The English stays word for word what it was; a Korean warehouse leaves no note
// in the converted marts purely English.

/** The marts whose notes are written in the site's language. */
const CONVERTED_MARTS = [
  "mart_coverage",
  "mart_team_kpis",
  "mart_pipeline_summary",
  "mart_win_rate",
  "mart_overview",
  "mart_recycled_leads",
  "mart_tier_performance",
  "mart_plan",
  "mart_rep_summary",
];

const HANGUL = /[\uac00-\ud7af]/;

/** The project config with `locale` set. */
function configWithLocale(locale: "en" | "ko"): string {
  const config = JSON.parse(readFileSync("data/config.json", "utf8"));
  const path = join(tempDir(), "config.json");
  writeFileSync(path, JSON.stringify({ ...config, locale }));
  return path;
}

/** Every distinct non-null value of every note column (a column named like "…note") of the marts. */
async function noteValues(warehouse: string): Promise<{ mart: string; column: string; note: string }[]> {
  const columns = await query<{ mart: string; column: string }>(
    warehouse,
    `select table_name as mart, column_name as column from information_schema.columns
     where table_name in (${CONVERTED_MARTS.map((mart) => `'${mart}'`).join(", ")}) and column_name like '%note%'
     order by table_name, column_name`,
  );
  const values: { mart: string; column: string; note: string }[] = [];
  for (const { mart, column } of columns) {
    const rows = await query<{ note: string }>(warehouse, `select distinct "${column}"::varchar as note from ${mart} where "${column}" is not null order by 1`);
    values.push(...rows.map(({ note }) => ({ mart, column, note })));
  }
  return values;
}

// test/fixtures/closed-deals has no leads: marketing's KPIs are null with a note, and coverage says so.
describe("mart notes in the site's language (test/fixtures/closed-deals)", () => {
  let english: string;
  let korean: string;
  beforeAll(async () => {
    english = await buildFixture(`${FIXTURES}/closed-deals`);
    korean = await buildFixture(`${FIXTURES}/closed-deals`, { configPath: configWithLocale("ko") });
  });

  const coverageSql = "select area, note from mart_coverage where area in ('funnel', 'team_kpis', 'recycling') order by area";
  const teamKpiSql = `select kpi, min(note) as note from mart_team_kpis where kpi in ('mqls', 'opportunities_created', 'renewals') group by kpi order by kpi`;

  it("keeps the English notes word for word by default", async () => {
    expect(await query(english, coverageSql)).toEqual([
      { area: "funnel", note: "This export has no leads: the funnel starts at the opportunity step." },
      { area: "recycling", note: "No leads: only lost deals form the recycle pool, and returns are new opportunities only." },
      { area: "team_kpis", note: "No leads: marketing and inside sales KPIs cannot be computed." },
    ]);
    const kpis = await query<{ kpi: string; note: string }>(english, teamKpiSql);
    expect(kpis.find((row) => row.kpi === "mqls")!.note).toBe("the export has no leads");
  });

  it("writes the same notes in Korean on a Korean site", async () => {
    const coverage = await query<{ area: string; note: string }>(korean, coverageSql);
    expect(coverage.map((row) => row.area)).toEqual(["funnel", "recycling", "team_kpis"]);
    expect(coverage.find((row) => row.area === "funnel")!.note).toBe("내보낸 데이터에 리드가 없습니다: 퍼널은 영업기회 단계부터 시작합니다.");
    for (const row of coverage) expect(row.note).toMatch(HANGUL);
    const kpis = await query<{ kpi: string; note: string }>(korean, teamKpiSql);
    expect(kpis.find((row) => row.kpi === "mqls")!.note).toBe("내보낸 데이터에 리드가 없습니다");
  });

  it("says a period is in progress in Korean", async () => {
    const sql = `select change_note from mart_team_kpis where kpi = 'bookings' and period_type = 'month'
                 and not is_complete and team = (select min(team) from mart_team_kpis where kpi = 'bookings')`;
    expect(await query(english, sql)).toEqual([{ change_note: "period in progress" }]);
    expect(await query(korean, sql)).toEqual([{ change_note: "진행 중인 기간" }]);
  });

  it("says which of the export's dates is the as-of date in the site's language (the data-quality page shows it)", async () => {
    // closed-deals: the latest plausible date it holds is a deal's creation date.
    expect(await query(english, "select as_of_reason from int_as_of")).toEqual([{ as_of_reason: "the latest date in the export: opportunity created" }]);
    expect(await query(korean, "select as_of_reason from int_as_of")).toEqual([{ as_of_reason: "내보내기의 가장 최근 날짜: 영업기회 생성일" }]);
  });

  it("leaves no note of the converted marts purely English", async () => {
    const notes = await noteValues(korean);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter(({ note }) => !HANGUL.test(note))).toEqual([]);
  });
});

// Other fixtures bring the other notes: MQLs without an MQL date and handoffs too small to compare
// (team-kpis), a currency without a rate (salesforce-multicurrency), unmapped stages and statuses and too
// few tiered accounts (recycling, tiers), open deals without a close date (pipeline).
describe("mart notes in Korean", () => {
  it.each(["team-kpis", "salesforce-multicurrency", "recycling", "tiers", "pipeline"])(
    "leaves no note of the converted marts purely English (test/fixtures/%s)",
    async (fixture) => {
      const korean = await buildFixture(`${FIXTURES}/${fixture}`, { configPath: configWithLocale("ko") });
      const notes = await noteValues(korean);
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.filter(({ note }) => !HANGUL.test(note))).toEqual([]);
      if (fixture === "team-kpis") {
        expect(notes).toContainEqual({ mart: "mart_team_kpis", column: "note", note: "내보낸 데이터에 MQL 일자가 없어 리드 생성일 기준으로 집계한 MQL: 1건" });
        expect(notes).toContainEqual({ mart: "mart_team_kpis", column: "handoff_change_note", note: "표본 부족: 비교할 수 없습니다" });
      }
    },
  );
});
