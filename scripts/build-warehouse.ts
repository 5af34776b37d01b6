/**
 * npm run warehouse -- --exports DIR [--format auto|salesforce|hubspot|canonical] [--mapping FILE] [--out FILE]
 *                       [--config FILE] [--force]
 * Builds the DuckDB warehouse from CRM exports and prints the reconciliation table: per file, rows
 * read = rows loaded + rows quarantined. Exits non-zero, with the reason, when an export is unusable.
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
    config: { type: "string", default: "data/config.json" },
    mapping: { type: "string", default: process.env.CRM_MAPPING },
    force: { type: "boolean", default: false },
  },
});

if (!FORMATS.includes(values.format as Format)) {
  console.error(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`);
  process.exit(2);
}

try {
  const started = performance.now();
  const result = await buildWarehouse({
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
} catch (error) {
  console.error(`warehouse build failed: ${(error as Error).message}`);
  process.exit(1);
}
