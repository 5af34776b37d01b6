/**
 * npm run new:metric -- <name>
 * Scaffold a metric: the SQL model (data-loaders/models/marts/mart_<name>.sql), its test with a fixture
 * to fill in (test/models/mart_<name>.test.ts, test/fixtures/mart_<name>/), and a chart for a page
 * (src/components/<name>Chart.ts). The mart is on the site at /data/marts/mart_<name>.json with no
 * loader to write. docs/adding-a-metric.md walks through it.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { metricScaffold } from "../data-loaders/scaffold.ts";
import { cli, HELP, usageError } from "./cli.ts";

const USAGE = `
usage: npm run new:metric -- <name>     (lower case and underscores, e.g. bookings_by_segment)

Writes the SQL model, its test with a fixture to fill in, and a chart; docs/adding-a-metric.md walks through it.
`;
const { positionals } = cli(USAGE, () => parseArgs({ allowPositionals: true, options: { ...HELP } }));
const [raw] = positionals;
if (!raw || positionals.length > 1) usageError(raw ? "one name, please" : "no metric name given", USAGE);
try {
  const files = metricScaffold(raw);
  const taken = Object.keys(files).filter((path) => existsSync(path));
  if (taken.length) throw new Error(`already exists: ${taken.join(", ")}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, content);
    console.error(`wrote ${path}`);
  }
  console.error("next: fill in the SQL, the fixture and the expected rows; then npx vitest run test/models/" + Object.keys(files)[1]!.split("/").pop());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
