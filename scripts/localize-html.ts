/**
 * The language of every page of a built site, written into its HTML: `<html lang="ko">` (or "en"), so
 * that browsers, screen readers and `:lang(ko)` in style.css (Korean breaks between words) know it; and
 * on a Korean site, the browser tab's title in Korean (Framework takes a page's title from its front
 * matter, written once in English; the site's title part already comes from the config's locale).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { listFiles } from "../data-loaders/files.ts";
import { pageName, type NavigationEntry } from "../data-loaders/site/navigation.ts";
import type { Locale } from "../src/components/words.ts";

/** The site path of a built page: "index.html" → "/", "teams/field_sales.html" → "/teams/field_sales". */
export function pagePath(dir: string, file: string): string {
  const path = `/${relative(dir, file).split(sep).join("/").replace(/\.html$/, "")}`;
  return path === "/index" ? "/" : path.replace(/\/index$/, "/");
}

/** The page's HTML with its language set and, in Korean, the page part of its title translated. */
export function localizePage(html: string, path: string, locale: Locale, nav: NavigationEntry[]): string {
  let out = html.replace(/<html\b[^>]*>/i, `<html lang="${locale}">`);
  const name = locale === "ko" ? pageName(nav, path, locale) : undefined;
  if (name !== undefined) {
    out = out.replace(/<title>([^<]*)<\/title>/i, (_, title: string) => {
      const site = title.includes(" | ") ? title.slice(title.lastIndexOf(" | ")) : "";
      return `<title>${escapeText(name)}${site}</title>`;
    });
  }
  return out;
}

/** Set the language of every HTML page under `dir`. Returns the pages done. */
export function localizePages(dir: string, locale: Locale, nav: NavigationEntry[]): number {
  let pages = 0;
  for (const file of listFiles(dir).filter((p) => p.endsWith(".html"))) {
    const html = readFileSync(file, "utf8");
    writeFileSync(file, localizePage(html, pagePath(dir, file), locale, nav));
    pages++;
  }
  return pages;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
