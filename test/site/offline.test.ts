import { readFileSync } from "node:fs";
import { extname, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listFiles } from "../../data-loaders/files.ts";

// What the built site may never contain: a reference that makes the browser load something from another
// origin. Links a person clicks (<a href>) are allowed; XML namespace strings are not requests.
const CDN_HOSTS = /\b(cdn\.jsdelivr\.net|unpkg\.com|esm\.sh|cdn\.skypack\.dev|fonts\.googleapis\.com|fonts\.gstatic\.com|api\.observablehq\.com|ga\.jspm\.io)\b/;

const isOutside = (url: string) => /^(https?:)?\/\//i.test(url.trim());

/** Every outside reference in one file, as "file: reference". */
export function outsideReferences(path: string, text: string): string[] {
  const found: string[] = [];
  const ext = extname(path);
  if (CDN_HOSTS.test(text)) found.push(`mentions a CDN host: ${CDN_HOSTS.exec(text)![0]}`);
  if (ext === ".html") {
    for (const tag of text.matchAll(/<(?!a[\s>])([a-z]+)\b[^>]*>/gi)) {
      for (const attr of tag[0].matchAll(/\b(src|href|srcset|poster|data)\s*=\s*["']([^"']*)["']/gi)) {
        if (isOutside(attr[2]!)) found.push(`<${tag[1]} ${attr[1]}="${attr[2]}">`);
      }
    }
  }
  if (ext === ".css" || ext === ".html") {
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)/gi)) if (isOutside(m[1]!)) found.push(`url(${m[1]})`);
    for (const m of text.matchAll(/@import\s+["']([^"']+)/gi)) if (isOutside(m[1]!)) found.push(`@import ${m[1]}`);
  }
  if (ext === ".js" || ext === ".html") {
    for (const m of text.matchAll(/\b(?:import|from)\s*\(?\s*["'`]([^"'`]+)["'`]/g)) {
      if (isOutside(m[1]!)) found.push(`import ${m[1]}`);
    }
    for (const m of text.matchAll(/\bfetch\(\s*["'`](https?:\/\/[^"'`]+)/g)) found.push(`fetch ${m[1]}`);
  }
  return found.map((f) => `${path}: ${f}`);
}

describe("the built site is offline", () => {
  const siteDir = inject("siteDir");

  it("references nothing outside its own origin, in any file", () => {
    const files = listFiles(siteDir).filter((p) => [".html", ".js", ".css", ".json"].includes(extname(p)));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((path) => outsideReferences(relative(siteDir, path), readFileSync(path, "utf8")));
    expect(found).toEqual([]);
  });

  it("would catch a CDN import, a web font and an outside script", () => {
    expect(outsideReferences("a.js", `import("https://cdn.jsdelivr.net/npm/d3@7/+esm")`)).toHaveLength(2);
    expect(outsideReferences("a.css", `@import url("https://fonts.googleapis.com/css2?family=Inter");`)).not.toEqual([]);
    expect(outsideReferences("a.html", `<script src="//example.com/x.js"></script>`)).toEqual([
      `a.html: <script src="//example.com/x.js">`,
    ]);
    expect(outsideReferences("a.html", `<a href="https://example.com/docs">docs</a>`)).toEqual([]);
  });
});
