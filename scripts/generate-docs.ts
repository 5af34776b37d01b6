/**
 * npm run docs — regenerate docs/canonical-format.md (from data-loaders/ingest/entities.ts) and
 * docs/warehouse.md, the data dictionary (from the header comments of every SQL model). Both are
 * generated, never written by hand; a test fails when they are out of date.
 */
import { writeFileSync } from "node:fs";
import { canonicalFormatDoc, warehouseDoc } from "../data-loaders/docs.ts";

writeFileSync("docs/canonical-format.md", canonicalFormatDoc());
writeFileSync("docs/warehouse.md", warehouseDoc());
console.error("wrote docs/canonical-format.md and docs/warehouse.md");
