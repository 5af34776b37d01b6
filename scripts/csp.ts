/**
 * A Content-Security-Policy for every page of a built site, written into each HTML file as a meta tag: a
 * script runs only when it is the site's own file or one of the page's own inline scripts, named by the
 * SHA-256 hash of its text (computed here from the built HTML) — so were an escaping bug ever to put CRM
 * text into a page as markup, an injected script would not run. Nothing may load from, or send to, another
 * origin; no plugins; no <base> redirecting the page's links.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { listFiles } from "../data-loaders/files.ts";

/**
 * The placeholders htl (behind Inputs' tables) writes as event-handler attributes for an instant, before it
 * sets the real handler as a property: `<th onclick="::2">`. Chrome reports each as a violation. Allowing
 * exactly these texts ('unsafe-hashes' with their hashes) lets nothing run — "::2" is not even valid code —
 * while any other handler, an injected `onerror="…"` above all, stays blocked.
 */
const HTL_PLACEHOLDERS = Array.from({ length: 64 }, (_, i) => `::${i}`);

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The policy of a page whose inline scripts have these texts. */
export function contentSecurityPolicy(inlineScripts: string[]): string {
  const hashes = [...new Set(inlineScripts.map(sha256))];
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`.trim(),
    `script-src-attr 'unsafe-hashes' ${HTL_PLACEHOLDERS.map(sha256).join(" ")}`,
    // Pages carry their own <style> blocks and charts set style attributes: styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The text of every inline <script> of an HTML page (scripts with a src load from 'self'). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc\s*=/i.test(m[1]!)).map((m) => m[2]!);
}

/** Write the policy into every HTML file under `dir`, right after its <meta charset>. Returns the pages done. */
export function addContentSecurityPolicy(dir: string): number {
  let pages = 0;
  for (const path of listFiles(dir).filter((p) => p.endsWith(".html"))) {
    const html = readFileSync(path, "utf8");
    if (html.includes('http-equiv="Content-Security-Policy"')) continue;
    const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScripts(html))}">`;
    const withPolicy = /<meta charset="utf-8">/i.test(html) ? html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n${meta}`) : html.replace(/<head>/i, (m) => `${m}\n${meta}`);
    writeFileSync(path, withPolicy);
    pages++;
  }
  return pages;
}
