/**
 * npm run warehouse -- --exports DIR [--format auto|salesforce|hubspot|canonical] [--mapping FILE] [--out FILE]
 *                       [--config FILE] [--force] [--timings]
 * Builds the DuckDB warehouse from CRM exports and prints the reconciliation table: per file, rows
 * read = rows loaded + rows quarantined. Exits non-zero, with the reason, when an export is unusable.
 * --timings prints how long each step took, slowest first: where to look when a build gets slow.
 */
import { parseArgs } from "node:util";
import { FORMATS, type Format } from "../data-loaders/ingest/sources.ts";
import { buildWarehouse, DEFAULT_EXPORTS, DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { formatReconciliation } from "../data-loaders/warehouse/report.ts";

const { values } = parseArgs({
  options: {
    exports: { type: "string", default: process.env.CRM_EXPORTS ?? DEFAULT_EXPORTS },
    format: { type: "string", default: "auto" },
    out: { type: "string", default: DEFAULT_WAREHOUSE },
    config: { type: "string" },
    mapping: { type: "string", default: process.env.CRM_MAPPING },
    force: { type: "boolean", default: false },
    timings: { type: "boolean", default: false },
  },
});

if (!FORMATS.includes(values.format as Format)) {
  console.error(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`);
  process.exit(2);
}

try {
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
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(
    result.skipped
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
} catch (error) {
  console.error(`warehouse build failed: ${(error as Error).message}`);
  process.exit(1);
}
