// Every built page carries a Content-Security-Policy that lets its own scripts run (the browser tests see
// no violation on any page) and stops a script injected into it, as one future escaping bug would inject.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { contentSecurityPolicy, inlineScripts } from "../../scripts/csp.ts";
import { sitePage } from "./watch.ts";

describe("the Content-Security-Policy", () => {
  const site = sitePage({ path: "/" });

  it("is on every page, naming exactly the hashes of the page's inline scripts", () => {
    const dir = inject("siteDir");
    const pages = [...readdirSync(dir).filter((f) => f.endsWith(".html")), ...readdirSync(join(dir, "teams")).map((f) => `teams/${f}`)];
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const page of pages) {
      const html = readFileSync(join(dir, page), "utf8");
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      expect(meta, page).not.toBeNull();
      const withoutMeta = html.replace(meta![0], "");
      expect(meta![1], page).toBe(contentSecurityPolicy(inlineScripts(withoutMeta)));
      expect(meta![1]).not.toMatch(/unsafe-inline'[^;]*;.*script-src|script-src[^;]*unsafe-(inline|eval)/);
      expect(meta![1]).toMatch(/connect-src 'self'; object-src 'none'; base-uri 'none'/);
    }
  });

  it("blocks a script injected into the page, inline or as an event handler, and reports the violation", async () => {
    await site.page.waitForSelector("svg.funnel-handoff");
    const before = site.problems.length;
    const ran = await site.page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      // As an escaping bug would: CRM text put into the page as markup, and as a script element.
      document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.pwnedByHandler = true">`);
      const script = document.createElement("script");
      script.textContent = "window.pwnedByScript = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { handler: w.pwnedByHandler === true, script: w.pwnedByScript === true };
    });
    expect(ran).toEqual({ handler: false, script: false });
    const violations = site.problems.slice(before);
    expect(violations.some((p) => p.includes("CSP violation: script-src"))).toBe(true);
    site.problems.splice(before); // expected here; every other test wants none
  });
});
