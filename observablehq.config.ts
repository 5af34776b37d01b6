// Observable Framework config. The site must build and run offline: no web fonts (globalStylesheets is
// empty: the default links a font CDN), no search, and every library imported explicitly from
// node_modules in the pages. The site's own words (sidebar, title, footer) are in the config's locale.
import { existsSync } from "node:fs";
import { DEFAULT_CONFIG_PATH, exportConfigPath, loadConfig } from "./data-loaders/config.ts";
import { martNames } from "./data-loaders/site/marts.ts";
import { DEFAULT_EXPORTS } from "./data-loaders/warehouse/build.ts";
import type { Locale } from "./src/components/words.ts";

export const TEAMS = ["marketing", "inside_sales", "field_sales", "customer_success"];

/**
 * The navigation, each name in English and Korean (shared/GLOSSARY.md). test/site/pages.test.ts checks
 * that every page listed here exists.
 */
export const NAVIGATION = [
  { name: "Overview", ko: "개요", path: "/" },
  { name: "Funnel", ko: "퍼널", path: "/funnel" },
  {
    name: "Team meetings",
    ko: "팀 회의",
    open: true,
    pages: [
      { name: "Marketing", ko: "마케팅", path: "/teams/marketing" },
      { name: "Inside sales", ko: "인사이드 세일즈", path: "/teams/inside_sales" },
      { name: "Field sales", ko: "필드 세일즈", path: "/teams/field_sales" },
      { name: "Customer success", ko: "고객 성공 (CS)", path: "/teams/customer_success" },
    ],
  },
  { name: "Win rate", ko: "승률", path: "/win-rate" },
  { name: "Reps", ko: "영업 담당자", path: "/reps" },
  { name: "Tiers", ko: "티어", path: "/tiers" },
  { name: "Recycling", ko: "리드 재활용", path: "/recycling" },
  { name: "Plan", ko: "목표 매출 역산", path: "/plan" },
  { name: "Data quality", ko: "데이터 품질", path: "/data-quality" },
];

/** The site's own words: its title (the sidebar's head and every tab's title) and the footer. */
export const SITE_WORDS = {
  title: { en: "Sales process dashboard", ko: "영업 프로세스 대시보드" },
  footer: {
    en: "Built from CRM exports. Figures are aggregates; no contact data leaves the warehouse.",
    ko: "CRM 내보내기 데이터로 만든 대시보드입니다. 수치는 집계값이며, 연락처 정보는 웨어하우스 밖으로 나가지 않습니다.",
  },
};

/**
 * The locale of the site being built: the config the warehouse build reads (CRM_CONFIG, else the
 * exports' own config.json, else data/config.json; data-loaders/warehouse/build.ts), as the build passes
 * it on in the environment.
 */
export function siteLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const configPath = env.CRM_CONFIG ?? exportConfigPath(env.CRM_EXPORTS ?? DEFAULT_EXPORTS) ?? DEFAULT_CONFIG_PATH;
  return loadConfig(configPath).locale;
}

/** A page's name in the navigation, in the locale ("/teams/field_sales" → "필드 세일즈"); undefined off the navigation. */
export function pageName(path: string, locale: Locale): string | undefined {
  const entry = NAVIGATION.flatMap((e) => ("pages" in e ? e.pages! : [e])).find((e) => e.path === path);
  return entry && (locale === "ko" ? entry.ko : entry.name);
}

const locale = siteLocale();
const named = <T extends { name: string; ko: string }>({ ko, ...entry }: T) => ({ ...entry, name: locale === "ko" ? ko : entry.name });

/** The page file behind a path ("/" is index.md; team pages share src/teams/[team].md). */
export function pageFile(path: string): string {
  if (path === "/") return "src/index.md";
  if (path.startsWith("/teams/")) return "src/teams/[team].md";
  return `src${path}.md`;
}

// While a page is being written its entry is left out of the built navigation rather than breaking the build.
const built = (path: string) => existsSync(pageFile(path));

export default {
  title: SITE_WORDS.title[locale],
  root: "src",
  // The build script builds into a temporary folder and swaps it in only when the build passed.
  output: process.env.SITE_OUTPUT ?? "dist",
  globalStylesheets: [],
  style: "style.css",
  pages: NAVIGATION.map((entry) => ("pages" in entry ? { ...named(entry), pages: entry.pages!.filter((p) => built(p.path)).map(named) } : named(entry)))
    .filter((entry) => ("pages" in entry ? entry.pages!.length > 0 : built(entry.path!))),
  // Every mart is published as one JSON file, unpacked from the archive loader src/data/marts.zip.ts (even
  // the marts no page reads yet); team pages come from one parameterised page.
  dynamicPaths: [
    ...martNames().map((name) => `/data/marts/${name}.json`),
    ...(built("/teams/marketing") ? TEAMS.map((team) => `/teams/${team}`) : []),
  ],
  toc: false,
  search: false,
  pager: false,
  // An empty icon: no favicon request that would 404.
  head: `<link rel="icon" href="data:,">`,
  footer: SITE_WORDS.footer[locale],
};
