import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listFiles } from "../../data-loaders/files.ts";
import { navigation } from "../../data-loaders/site/navigation.ts";
import { localizePage, pagePath } from "../../scripts/localize-html.ts";

// A renamed team, as config teamRoles gives it: its page's tab takes its configured Korean name.
const NAV = navigation([
  { team: "marketing", role: "marketing", label_en: "Marketing", label_ko: "마케팅" },
  { team: "field_sales", role: "field_sales", label_en: "Field sales", label_ko: "필드 세일즈" },
  { team: "korea_sales", role: "field_sales", label_en: "Korea sales", label_ko: "국내 영업" },
]);

const PAGE = `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Lead recycling | 영업 프로세스 대시보드</title>\n</head>\n<body></body>\n</html>`;

describe("every built page says its language (scripts/localize-html.ts)", () => {
  it("sets <html lang> and, on a Korean site, the page's name in the tab title", () => {
    expect(localizePage(PAGE, "/recycling", "ko", NAV)).toContain(`<html lang="ko">`);
    expect(localizePage(PAGE, "/recycling", "ko", NAV)).toContain("<title>리드 재활용 | 영업 프로세스 대시보드</title>");
    expect(localizePage(PAGE, "/teams/field_sales", "ko", NAV)).toContain("<title>필드 세일즈 | 영업 프로세스 대시보드</title>");
    expect(localizePage(PAGE, "/teams/korea_sales", "ko", NAV)).toContain("<title>국내 영업 | 영업 프로세스 대시보드</title>");
    // English titles stay the pages' own; a page off the navigation keeps its title.
    const en = localizePage(PAGE.replace("영업 프로세스 대시보드", "Sales process dashboard"), "/recycling", "en", NAV);
    expect(en).toContain(`<html lang="en">`);
    expect(en).toContain("<title>Lead recycling | Sales process dashboard</title>");
    expect(localizePage(PAGE, "/404", "ko", NAV)).toContain("<title>Lead recycling | 영업 프로세스 대시보드</title>");
    expect(pagePath("/site", "/site/index.html")).toBe("/");
    expect(pagePath("/site", "/site/teams/field_sales.html")).toBe("/teams/field_sales");
  });

  it("the sample site (English) has lang=\"en\" on every page", () => {
    const siteDir = inject("siteDir");
    const pages = listFiles(siteDir).filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    const without = pages.filter((p) => !/<html lang="en">/.test(readFileSync(p, "utf8"))).map((p) => relative(siteDir, p));
    expect(without).toEqual([]);
  });
});
