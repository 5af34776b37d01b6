/**
 * npm run screenshot -- [/path ...] [--site dist] [--width 1280] [--height 800] [--out DIR] [--dark] [--pdf] [--suffix=-x]
 * Serves the built site (dist/, or --site DIR for one built elsewhere with SITE_OUTPUT=…, e.g. from a
 * snapshot series or a messy fixture) on loopback and saves a full-page PNG of each page, for README
 * images and for looking at what we built; with --pdf, the page as Chromium prints it on A4 (the team
 * handout). Console errors, page errors and failed requests are reported.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser } from "./browser.ts";
import { cli, HELP } from "./cli.ts";
import { serveStatic } from "./static-server.ts";

const USAGE = `
usage: npm run screenshot -- [/path ...] [--site dist] [--width 1280] [--height 800] [--out DIR] [--dark] [--viewport-only] [--pdf] [--suffix=-x]

Saves a full-page PNG of each page of a built site (default: the overview) into --out (default: a new
folder under the system's temp folder, printed; pass --out docs/screenshots to refresh the README's images).
  --dark    the reader's system in dark mode
  --pdf     print each page to an A4 PDF instead (what the print button gives; pdftoppm makes PNGs of it)
`;
const { values, positionals } = cli(USAGE, () => parseArgs({
  allowPositionals: true,
  options: {
    ...HELP,
    site: { type: "string", default: "dist" },
    width: { type: "string", default: "1280" },
    height: { type: "string", default: "800" },
    out: { type: "string" },
    dark: { type: "boolean", default: false },
    pdf: { type: "boolean", default: false },
    "viewport-only": { type: "boolean", default: false },
    suffix: { type: "string", default: "" },
  },
}));
const outDir = values.out ?? mkdtempSync(join(tmpdir(), "spd-screenshots-"));
const paths = positionals.length ? positionals : ["/"];
mkdirSync(outDir, { recursive: true });
const server = await serveStatic(values.site);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({
    viewport: { width: Number(values.width), height: Number(values.height) },
    colorScheme: values.dark ? "dark" : "light",
  });
  page.on("console", (message) => {
    if (message.type() === "error") console.error(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => console.error(`page error on ${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) console.error(`HTTP ${response.status()} ${response.url()}`);
  });
  for (const path of paths) {
    await page.goto(server.url + path, { waitUntil: "networkidle" });
    await page.waitForTimeout(300);
    const name = (path === "/" ? "overview" : path.replace(/^\//, "").replace(/[/?=&]/g, "-")) + values.suffix;
    const file = join(outDir, `${name}.${values.pdf ? "pdf" : "png"}`);
    if (values.pdf) await page.pdf({ path: file, format: "A4", printBackground: true, preferCSSPageSize: true });
    else await page.screenshot({ path: file, fullPage: !values["viewport-only"] });
    console.error(`saved ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
