/**
 * npm run warehouse — build the DuckDB warehouse from CRM exports and print the reconciliation table:
 * per file, rows read = rows loaded + rows quarantined. Exits 1, with the reason, when an export is
 * unusable; 2 on a wrong option. --suggest-mapping prints what the export still needs instead.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readSuggestedConfig } from "../data-loaders/config-suggestion.ts";
import { withConnection } from "../data-loaders/duckdb.ts";
import { IngestError } from "../data-loaders/ingest/types.ts";
import { detectFormat, FORMATS, type Format } from "../data-loaders/ingest/sources.ts";
import { suggestMapping } from "../data-loaders/ingest/suggest-mapping.ts";
import { buildWarehouse, DEFAULT_EXPORTS, DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { formatReconciliation } from "../data-loaders/warehouse/report.ts";
import { cli, HELP, usageError } from "./cli.ts";

const USAGE = `
usage: npm run warehouse -- [--exports DIR] [--format auto|salesforce|hubspot|canonical|mapping] [--mapping FILE]
                            [--config FILE] [--out FILE] [--force] [--timings] [--suggest-mapping] [--check]

  --exports DIR       the export folder (default: CRM_EXPORTS, else ${DEFAULT_EXPORTS})
  --format F          which CRM wrote it (default auto: recognised by file names and headers)
  --mapping FILE      a mapping file for an export in any other shape (docs/mapping.md; default: CRM_MAPPING)
  --config FILE       the export's settings, laid over data/config.json (default: CRM_CONFIG, else DIR/config.json)
  --out FILE          the warehouse file (default: WAREHOUSE, else ${DEFAULT_WAREHOUSE})
  --force             rebuild even when nothing changed
  --timings           print how long each step took, slowest first
  --check             only read, stage and reconcile the export (in memory; no marts, no warehouse written)
  --suggest-mapping   print what the export still needs, as JSON to save and edit: for an export in no known
                      format, a starter mapping from its headers (> mapping.json); for one we read, the config
                      lines for its unmapped stages, statuses, currencies and fields, with guesses (> config.json)
`;

const { values } = cli(USAGE, () =>
  parseArgs({
    options: {
      exports: { type: "string", default: process.env.CRM_EXPORTS ?? DEFAULT_EXPORTS },
      format: { type: "string", default: "auto" },
      out: { type: "string", default: process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE },
      config: { type: "string" },
      mapping: { type: "string", default: process.env.CRM_MAPPING },
      force: { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
      "suggest-mapping": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      ...HELP,
    },
  }),
);

if (!FORMATS.includes(values.format as Format)) usageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`, USAGE);

try {
  if (values["suggest-mapping"]) await suggest();
  else await build();
} catch (error) {
  console.error(`warehouse build failed: ${(error as Error).message}`);
  process.exit(1);
}

async function build(): Promise<void> {
  const started = performance.now();
  const timings: Array<[string, number]> = [];
  const result = await buildWarehouse({
    onTimed: (step, ms) => timings.push([step, ms]),
    exportsDir: values.exports,
    out: values.out,
    configPath: values.config,
    format: values.format as Format,
    mappingPath: values.mapping,
    force: values.force,
    check: values.check,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(
    values.check
      ? `${values.exports} (${result.format}) read, staged and reconciled in ${seconds}s; no warehouse written`
      : result.skipped
        ? `warehouse ${result.out} is up to date with ${values.exports} (nothing changed), ${seconds}s`
        : `warehouse ${result.out} built from ${values.exports} (${result.format}) in ${seconds}s`,
  );
  console.error(formatReconciliation(result.files));
  if (values.timings) {
    const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
    console.error(`\nstep${" ".repeat(41)}seconds  share`);
    for (const [step, ms] of timings.sort((a, b) => b[1] - a[1])) {
      console.error(`${step.padEnd(45)}${(ms / 1000).toFixed(2).padStart(7)}  ${((100 * ms) / total).toFixed(0).padStart(4)}%`);
    }
  }
}

/** Print the starter mapping (an export we cannot read) or the config it still needs (one we can). */
async function suggest(): Promise<void> {
  const known = values.mapping || values.format !== "auto" || recognised(values.exports);
  if (!known) {
    process.stdout.write(`${JSON.stringify(suggestMapping(values.exports), null, 2)}\n`);
    console.error(`a starter mapping for ${values.exports}: save it (> mapping.json), check it, then build with --mapping mapping.json`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "spd-suggest-"));
  try {
    const out = join(dir, "warehouse.duckdb");
    await buildWarehouse({ exportsDir: values.exports, out, configPath: values.config, format: values.format as Format, mappingPath: values.mapping });
    const suggestion = await withConnection(out, readSuggestedConfig, { readOnly: true });
    const comment =
      "What this export still needs from its config, with guesses from the CRM's own flags and the values' words: " +
      'check every guess, replace each "?", save as config.json beside the exports and rebuild.';
    process.stdout.write(`${JSON.stringify(Object.keys(suggestion).length ? { $comment: comment, ...suggestion } : {}, null, 2)}\n`);
    console.error(Object.keys(suggestion).length ? "config lines to check and save (see $comment)" : "nothing to add: every value of this export is mapped");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function recognised(dir: string): boolean {
  try {
    detectFormat(dir);
    return true;
  } catch (error) {
    if (error instanceof IngestError) return false;
    throw error;
  }
}
