/**
 * Write the bundled sample CRM exports (Salesforce Data Export format) and print what was written.
 *
 *   tsx scripts/generate-sample.ts [--leads N] [--seed S] [--as-of YYYY-MM-DD] [--out DIR]
 *
 * Defaults: 10,000 leads, seed 42, as of 2026-11-15, into data/exports/sample. The same arguments always
 * write the same bytes. The summary goes to stderr.
 */
import { parseArgs } from "node:util";
import { DEFAULT_AS_OF, DEFAULT_LEADS, DEFAULT_SEED, generateSample, type Rate, type SampleSummary } from "../data-loaders/sample/generate.ts";

const USAGE = "usage: tsx scripts/generate-sample.ts [--leads N] [--seed S] [--as-of YYYY-MM-DD] [--out DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string", default: String(DEFAULT_LEADS) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      "as-of": { type: "string", default: DEFAULT_AS_OF },
      out: { type: "string", default: "data/exports/sample" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const leads = parseInteger("--leads", values.leads);
  const seed = parseInteger("--seed", values.seed);
  const started = performance.now();
  const summary = await generateSample({ outDir: values.out, leads, seed, asOf: values["as-of"] });
  process.stderr.write(formatSummary(summary, (performance.now() - started) / 1000));
}

function parseInteger(flag: string, text: string): number {
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value)) throw new Error(`${flag} must be an integer, got "${text}"\n${USAGE}`);
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
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
