/**
 * Write the bundled sample CRM exports (Salesforce Data Export format) and print what was written.
 *
 *   npm run sample -- [--leads N] [--seed S] [--as-of YYYY-MM-DD] [--out DIR] [--style api|report] [--exact]
 *
 * Defaults: 10,000 leads, seed 42, as of 2026-11-15, into data/exports/sample. The same arguments always
 * write the same bytes. The summary goes to stderr.
 *
 * --style report writes the same org as Salesforce report exports (labels, Windows-1252, "$65,000.00 "
 * amounts, M/D/YYYY H:MM dates, free file names, owners by name) with the quirks of real orgs (orphan
 * deals, duplicate losses, owners without department, closed deals dated 2030) and no config.json, as a
 * new user's export comes; --exact leaves the quirks out (the same org, record for record).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_AS_OF, DEFAULT_LEADS, DEFAULT_SEED, generateSample, type Rate, type SampleSummary } from "../data-loaders/sample/generate.ts";
import { writeReportStyle } from "../data-loaders/sample/report-style.ts";

const USAGE =
  "usage: npm run sample -- [--leads N] [--seed S] [--as-of YYYY-MM-DD] [--out DIR] [--style api|report] [--exact]\n" +
  "  --style report  the same org as Salesforce report exports, with real orgs' quirks (--exact: without them)";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string", default: String(DEFAULT_LEADS) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      "as-of": { type: "string", default: DEFAULT_AS_OF },
      out: { type: "string", default: "data/exports/sample" },
      style: { type: "string", default: "api" },
      exact: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.style !== "api" && values.style !== "report") throw new UsageError(`--style must be api or report, not "${values.style}"`);
  const leads = parseInteger("--leads", values.leads);
  const seed = parseInteger("--seed", values.seed);
  const started = performance.now();
  if (values.style === "report") {
    const apiDir = mkdtempSync(join(tmpdir(), "spd-sample-api-"));
    try {
      const summary = await generateSample({ outDir: apiDir, leads, seed, asOf: values["as-of"] });
      mkdirSync(values.out, { recursive: true });
      const files = await writeReportStyle(apiDir, values.out, { quirks: !values.exact });
      process.stderr.write(formatSummary(summary, (performance.now() - started) / 1000));
      process.stderr.write(`rewritten as report exports${values.exact ? "" : " with real orgs' quirks"} into ${values.out}: ${files.join(", ")}\n`);
    } finally {
      rmSync(apiDir, { recursive: true, force: true });
    }
    return;
  }
  const summary = await generateSample({ outDir: values.out, leads, seed, asOf: values["as-of"] });
  process.stderr.write(formatSummary(summary, (performance.now() - started) / 1000));
}

class UsageError extends Error {}

function parseInteger(flag: string, text: string): number {
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
  return value;
}

function formatSummary(summary: SampleSummary, seconds: number): string {
  const { headline } = summary;
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const rate = (r: Rate) => `${percent(r.rate)} (${r.numerator.toLocaleString("en-US")} / ${r.denominator.toLocaleString("en-US")})`;
  const files = Object.entries(summary.files);
  const nameWidth = Math.max(...files.map(([name]) => name.length));
  const lines = [
    `Sample CRM exports: ${summary.leads.toLocaleString("en-US")} leads, seed ${summary.seed}, as of ${summary.asOf} → ${summary.outDir} (${seconds.toFixed(1)} s)`,
    ...files.map(([name, { rows, bytes }]) => `  ${name.padEnd(nameWidth)}  ${rows.toLocaleString("en-US").padStart(11)} rows  ${(bytes / 1e6).toFixed(2).padStart(8)} MB`),
    `  ${"total".padEnd(nameWidth)}  ${files.reduce((n, [, f]) => n + f.rows, 0).toLocaleString("en-US").padStart(11)} rows  ${(files.reduce((n, [, f]) => n + f.bytes, 0) / 1e6).toFixed(2).padStart(8)} MB`,
    `Leads created before ${headline.cohortCreatedBefore} (old enough to have closed):`,
    `  inbound lead → won   ${rate(headline.inboundLeadToWon)}`,
    `  outbound lead → won  ${rate(headline.outboundLeadToWon)}`,
    `Outbound share of leads ${percent(headline.outboundShare)}; new-business win rate ${rate(headline.newBusinessWinRate)}; renewal rate ${rate(headline.renewalRate)}`,
    `Bookings by tier: ${(["A", "B", "C"] as const).map((tier) => `${tier} ${percent(headline.bookingsByTier[tier].share)}`).join(", ")}`,
    `Open opportunities ${headline.openOpportunities.toLocaleString("en-US")}, of which past their close date ${headline.openPastCloseDate.toLocaleString("en-US")}`,
  ];
  return `${lines.join("\n")}\n`;
}

main().catch((error: unknown) => {
  // A wrong option (parseArgs' own errors included) is a usage error: the usage and exit 2, no stack trace.
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ""}`);
  process.exitCode = usage ? 2 : 1;
});
