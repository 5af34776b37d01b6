// Observable Framework config. The site must build and run offline: no web fonts (globalStylesheets is
// empty: the default links a font CDN), no search, and every library imported explicitly from
// node_modules in the pages. The site's own words (sidebar, title, footer) are in the config's locale.
import { existsSync } from "node:fs";
import { martNames } from "./data-loaders/site/marts.ts";
import { navigation, SITE_WORDS } from "./data-loaders/site/navigation.ts";
import { siteShape } from "./data-loaders/site/teams.ts";

// The site as the warehouse the build made says: its locale, and its teams (config teamRoles: The Model's
// four unless the export's settings rename, add or split them), each with a meeting page from one
// parameterised page.
const { locale, teams } = await siteShape();
export const TEAMS = teams.map((t) => t.team);

/** The navigation. test/site/pages.test.ts checks that every page listed here exists. */
export const NAVIGATION = navigation(teams);
export { SITE_WORDS };

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
    ...(existsSync(pageFile("/teams/")) ? TEAMS.map((team) => `/teams/${team}`) : []),
  ],
  toc: false,
  search: false,
  pager: false,
  // An empty icon: no favicon request that would 404.
  head: `<link rel="icon" href="data:,">`,
  footer: SITE_WORDS.footer[locale],
};
