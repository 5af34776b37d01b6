// Every text meets WCAG AA contrast in both themes: on every page of the sample site (and the Korean site's
// overview and a team page), in the light and the dark theme at 1280×800, each visible text — table
// headers, the first rows' cells, KPI cards, chart labels (Plot's and the hand-drawn SVG charts'), form
// fields, the prose and the page's shell — against what is painted beneath it (test/browser/contrast.ts)
// reads at 4.5:1, or 3:1 when large. A failure lists every offender: page, theme, element, colours, ratio.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { SiteName } from "../global-setup.ts";
import { collectTextSamples, contrastRatio, flatten, required, sampleRatio, type Rgba, type TextSample } from "./contrast.ts";
import { servedSite, watchPage } from "./watch.ts";

const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];

describe("the contrast arithmetic", () => {
  it("gives WCAG's ratios for known pairs, translucent text composited over its background", () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 6);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 6);
    expect(contrastRatio([0x77, 0x77, 0x77, 1], WHITE)).toBeCloseTo(4.48, 2);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // Black at half opacity on white is grey 127.5 (3.98:1; #808080 is 3.95:1); a half-black layer over white flattens to it too.
    expect(contrastRatio([0, 0, 0, 0.5], WHITE)).toBeCloseTo(3.98, 2);
    expect(contrastRatio(BLACK, flatten([[0, 0, 0, 0.5], WHITE]))).toBeCloseTo(contrastRatio(BLACK, [127.5, 127.5, 127.5, 1]), 6);
  });
});

/** Every page a built site has: its .html files and its team pages, as paths. */
function sitePaths(dir: string): string[] {
  const files = [...readdirSync(dir).filter((f) => f.endsWith(".html")), ...readdirSync(join(dir, "teams")).map((f) => `teams/${f}`)];
  return files.map((f) => `/${f.replace(/\.html$/, "").replace(/^index$/, "")}`);
}

const hex = ([r, g, b, a]: Rgba) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}${a < 1 ? ` at ${a.toFixed(2)}` : ""}`;
const offence = (path: string, scheme: string, s: TextSample, ratio: number) =>
  `${path} (${scheme}) ${s.kind} ${s.where} "${s.text}": ${hex(s.fg)} on ${s.backgrounds.map((b) => hex(flatten(b))).join(" | ")} = ${ratio.toFixed(2)}:1 < ${required(s)}:1`;

const SITES: Array<[SiteName, string[] | null]> = [
  ["siteDir", null],
  ["koreanSiteDir", ["/", "/teams/field_sales"]],
];

for (const [site, only] of SITES) {
  describe(`${site}: every text at WCAG AA contrast`, () => {
    const served = servedSite(site);

    for (const scheme of ["light", "dark"] as const) {
      it(`in the ${scheme} theme`, async () => {
        const paths = only ?? sitePaths(inject(site));
        expect(paths.length).toBeGreaterThanOrEqual(only ? 2 : 12);
        const problems: string[] = [];
        const page = await served.browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.emulateMedia({ colorScheme: scheme });
        await watchPage(page, served.server.url, problems, []);
        const offenders: string[] = [];
        const measured = { th: 0, td: 0, kpi: 0, chart: 0, control: 0, text: 0 };
        for (const path of paths) {
          await page.goto(`${served.server.url}${path}`, { waitUntil: "networkidle" });
          await expect.poll(() => page.locator("#observablehq-main observablehq-loading").count(), { timeout: 15_000 }).toBe(0);
          expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
          for (const sample of await page.evaluate(collectTextSamples)) {
            measured[sample.kind]++;
            const ratio = sampleRatio(sample);
            if (ratio < required(sample)) offenders.push(offence(path, scheme, sample, ratio));
          }
        }
        await page.close();
        console.info(`${site}, ${scheme} theme, ${paths.length} pages: texts measured ${JSON.stringify(measured)}`);
        expect(offenders).toEqual([]);
        // Each kind was found: a selector gone stale cannot pass by measuring nothing.
        for (const count of Object.values(measured)) expect(count).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      }, 300_000);
    }
  });
}
