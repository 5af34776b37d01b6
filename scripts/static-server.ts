/**
 * A minimal static file server for the built site (dist/), for browser tests, screenshots and the
 * benchmark: loopback only, clean URLs like Framework's preview ("/funnel" serves funnel.html).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const candidates = [pathname, `${pathname}.html`, join(pathname, "index.html")];
    for (const candidate of candidates) {
      const path = normalize(join(base, candidate));
      if (!path.startsWith(base)) break;
      if (existsSync(path) && statSync(path).isFile()) {
        response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
        createReadStream(path).pipe(response);
        return;
      }
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
