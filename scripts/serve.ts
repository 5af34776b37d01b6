/** npm run serve — serve the built dashboard (dist/) at http://127.0.0.1:3000 (PORT to change). */
import { serveStatic } from "./static-server.ts";

const server = await serveStatic("dist", Number(process.env.PORT ?? 3000));
console.error(`dashboard at ${server.url}/ (Ctrl-C to stop)`);
