/**
 * npm run preview — the analyst's edit → look loop: builds the warehouse, starts Framework's preview
 * server, and watches the exports, the settings and the warehouse's code (models, ingest, config). When
 * one changes it rebuilds the warehouse and touches the two loaders, so Framework reruns them and the open
 * pages redraw with the new numbers within seconds. (Framework alone never notices: it watches a loader's
 * own file, not the warehouse the loader reads.) A failing rebuild prints why and keeps the last warehouse.
 */
import { spawn } from "node:child_process";
import { existsSync, utimesSync, watch, type FSWatcher } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildWarehouse, DEFAULT_EXPORTS, DEFAULT_WAREHOUSE } from "../data-loaders/warehouse/build.ts";
import { cli, HELP } from "./cli.ts";

const USAGE = `
usage: npm run preview [-- --port N]

Serves the dashboard at http://127.0.0.1:N (default 3000) and rebuilds it on every change to the exports,
the settings or the warehouse's code (data-loaders/). Pages (src/) reload by themselves.
Environment: CRM_EXPORTS (default ${DEFAULT_EXPORTS}), CRM_MAPPING, CRM_CONFIG, WAREHOUSE.
`;
const { values } = cli(USAGE, () => parseArgs({ options: { port: { type: "string", default: "3000" }, ...HELP } }));

const exportsDir = process.env.CRM_EXPORTS ?? DEFAULT_EXPORTS;
const warehouse = process.env.WAREHOUSE ?? DEFAULT_WAREHOUSE;
const mappingPath = process.env.CRM_MAPPING;
/** The loaders that read the warehouse: touching them makes Framework rerun them and refresh their pages. */
const LOADERS = ["src/data/marts.zip.ts", "src/data/settings.json.ts"];
/** What the warehouse is built from. */
const WATCHED = [exportsDir, "data-loaders", "data/config.json", ...(mappingPath ? [mappingPath] : []), ...(process.env.CRM_CONFIG ? [process.env.CRM_CONFIG] : [])];

async function rebuild(reason: string): Promise<void> {
  const started = performance.now();
  try {
    const result = await buildWarehouse({ exportsDir, out: warehouse, mappingPath });
    if (result.skipped) return;
    const now = new Date();
    for (const loader of LOADERS) utimesSync(loader, now, now);
    console.error(`warehouse rebuilt (${reason}) in ${((performance.now() - started) / 1000).toFixed(1)}s; pages refresh`);
  } catch (error) {
    console.error(`warehouse not rebuilt (${reason}): ${(error as Error).message}\nthe pages keep the last warehouse`);
  }
}

// One rebuild at a time: changes arriving during one are gathered into exactly one more.
let running = false;
let pending: string | null = null;
let timer: NodeJS.Timeout | undefined;
function schedule(reason: string): void {
  pending = reason;
  clearTimeout(timer);
  // Editors write a file in several steps: wait for the burst to end.
  timer = setTimeout(runPending, 200);
}
async function runPending(): Promise<void> {
  if (running || pending === null) return;
  const reason = pending;
  pending = null;
  running = true;
  await rebuild(reason);
  running = false;
  void runPending();
}

await rebuild("start");
const watchers: FSWatcher[] = WATCHED.filter((path) => existsSync(path)).map((path) =>
  watch(path, { recursive: true }, (_event, file) => {
    // The warehouse itself and its temporary files live beside the exports in some setups.
    const changed = resolve(path, String(file ?? ""));
    if (changed.startsWith(resolve(dirname(warehouse)) + "/") && /\.duckdb|\.tmp|\.wal$/.test(changed)) return;
    schedule(`${file ?? path} changed`);
  }),
);

const observable = createRequire(import.meta.url).resolve("@observablehq/framework/dist/bin/observable.js");
const server = spawn(process.execPath, [observable, "preview", "--port", values.port, "--no-open"], {
  stdio: "inherit",
  env: { ...process.env, WAREHOUSE: warehouse },
});
const stop = () => {
  for (const w of watchers) w.close();
  server.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  for (const w of watchers) w.close();
  process.exit(code ?? 0);
});
