// Observable Framework config. The site must build and run offline: no web fonts (globalStylesheets is
// empty: the default links a font CDN), no search, and every library imported explicitly from
// node_modules in the pages.
import { martNames } from "./data-loaders/site/marts.ts";

export default {
  title: "Sales process dashboard",
  root: "src",
  // The build script builds into a temporary folder and swaps it in only when the build passed.
  output: process.env.SITE_OUTPUT ?? "dist",
  globalStylesheets: [],
  style: "style.css",
  pages: [{ name: "Overview", path: "/" }],
  // Every mart is one JSON file from one parameterised loader; team pages from one parameterised page.
  dynamicPaths: [
    ...martNames().map((name) => `/data/marts/${name}.json`),
  ],
  toc: false,
  search: false,
  pager: false,
  // An empty icon: no favicon request that would 404.
  head: `<link rel="icon" href="data:,">`,
  footer: "Built from CRM exports. Figures are aggregates; no contact data leaves the warehouse.",
};
