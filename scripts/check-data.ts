/**
 * npm run check-data — the data checks a scheduled rebuild runs before publishing (see
 * data-loaders/warehouse/publish-checks.ts): prints each check and exits 1 when one fails, so that the
 * published site stays. --write FILE saves the new build's summary, to publish beside the site.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { checkForPublishing, summarize, type DataSummary } from "../data-loaders/warehouse/publish-checks.ts";
import { cli, HELP, usageError } from "./cli.ts";

const USAGE = `
usage: npm run check-data -- [--warehouse FILE] [--previous FILE] [--write FILE] [--max-shrink SHARE]

  --warehouse FILE    the new warehouse (default: WAREHOUSE, else ${DEFAULT_WAREHOUSE})
  --previous FILE     the published build's summary (its site's data-checks.json); absent: first publication
  --write FILE        write the new build's summary there when every check passed
  --max-shrink SHARE  the largest share of an object's rows that may disappear (default: MAX_SHRINK, else 0.1)
Exit 0 when the new build may be published, 1 when it may not (each failed check says why).
`;

const { values } = cli(USAGE, () =>
  parseArgs({
    options: {
      warehouse: { type: "string", default: process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE },
      previous: { type: "string" },
      write: { type: "string" },
      "max-shrink": { type: "string", default: process.env.MAX_SHRINK ?? "0.1" },
      ...HELP,
    },
  }),
);
const maxShrink = Number(values["max-shrink"]);
if (!(maxShrink >= 0 && maxShrink < 1)) usageError(`--max-shrink must be a share between 0 and 1, not "${values["max-shrink"]}"`, USAGE);
if (!existsSync(values.warehouse)) usageError(`no warehouse at ${values.warehouse}`, USAGE);

try {
  const current = await summarize(values.warehouse);
  const previous = values.previous && existsSync(values.previous) ? (JSON.parse(readFileSync(values.previous, "utf8")) as DataSummary) : null;
  const checks = checkForPublishing(current, previous, { maxShrink });
  for (const check of checks) console.log(`${check.passed ? "✓" : "✗"} ${check.name}: ${check.detail}`);
  const passed = checks.every((c) => c.passed);
  if (passed && values.write) writeFileSync(values.write, `${JSON.stringify(current, null, 2)}\n`);
  console.log(passed ? "data checks passed" : "data checks failed: not publishing");
  process.exit(passed ? 0 : 1);
} catch (error) {
  console.error(`data checks could not run: ${(error as Error).message}`);
  process.exit(1);
}
