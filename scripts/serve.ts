/** npm run serve — serve the built dashboard (dist/) at http://127.0.0.1:3000 (PORT to change). */
import { parseArgs } from "node:util";
import { cli, HELP } from "./cli.ts";
import { serveStatic } from "./static-server.ts";

const USAGE = `
usage: npm run serve [-- --dir DIR]

Serves the built dashboard (dist/, or DIR) at http://127.0.0.1:3000 (set PORT for another port).
`;
const { values } = cli(USAGE, () => parseArgs({ options: { dir: { type: "string", default: "dist" }, ...HELP } }));
const server = await serveStatic(values.dir, Number(process.env.PORT ?? 3000));
console.error(`dashboard at ${server.url}/ (Ctrl-C to stop)`);
