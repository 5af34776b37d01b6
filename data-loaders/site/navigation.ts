/**
 * The site's navigation and its own words, in English and Korean (shared/GLOSSARY.md): one list, read by
 * observablehq.config.ts (the sidebar) and by the build (each page's tab title in Korean). The team
 * meetings are the configured teams (config teamRoles), one page each.
 */
import type { Locale } from "../../src/components/words.ts";
import type { SiteTeam } from "./teams.ts";

export interface NavigationPage {
  name: string;
  ko: string;
  path: string;
}
export interface NavigationSection {
  name: string;
  ko: string;
  open: boolean;
  pages: NavigationPage[];
}
export type NavigationEntry = NavigationPage | NavigationSection;

export function navigation(teams: SiteTeam[]): NavigationEntry[] {
  return [
    { name: "Overview", ko: "개요", path: "/" },
    { name: "Funnel", ko: "퍼널", path: "/funnel" },
    {
      name: "Team meetings",
      ko: "팀 회의",
      open: true,
      pages: teams.map((t) => ({ name: t.label_en, ko: t.label_ko, path: `/teams/${t.team}` })),
    },
    { name: "Win rate", ko: "승률", path: "/win-rate" },
    { name: "Reps", ko: "영업 담당자", path: "/reps" },
    { name: "Tiers", ko: "티어", path: "/tiers" },
    { name: "Recycling", ko: "리드 재활용", path: "/recycling" },
    { name: "Plan", ko: "목표 매출 역산", path: "/plan" },
    { name: "Data quality", ko: "데이터 품질", path: "/data-quality" },
  ];
}

/** The site's own words: its title (the sidebar's head and every tab's title) and the footer. */
export const SITE_WORDS = {
  title: { en: "Sales process dashboard", ko: "영업 프로세스 대시보드" },
  footer: {
    en: "Built from CRM exports. Figures are aggregates; no contact data leaves the warehouse.",
    ko: "CRM 내보내기 데이터로 만든 대시보드입니다. 수치는 집계값이며, 연락처 정보는 웨어하우스 밖으로 나가지 않습니다.",
  },
};

/** A page's name in the navigation, in the locale ("/teams/field_sales" → "필드 세일즈"); undefined off the navigation. */
export function pageName(nav: NavigationEntry[], path: string, locale: Locale): string | undefined {
  const entry = nav.flatMap((e) => ("pages" in e ? e.pages : [e])).find((e) => e.path === path);
  return entry && (locale === "ko" ? entry.ko : entry.name);
}
