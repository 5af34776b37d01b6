/**
 * A minimal static file server for the built site (dist/), for browser tests, screenshots and the
 * benchmark: loopback only, clean URLs like Framework's preview ("/funnel" serves funnel.html). It serves
 * only files inside its root: a path that resolves outside it (`/..%2Fdist-old/x`, a sibling folder whose
 * name begins with the root's), or through a symbolic link out of it, is 404.
 */
import { createReadStream, existsSync, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";

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
  const base = realpathSync(resolve(root));
  const server: Server = createServer((request, response) => {
    const file = fileFor(base, request.url ?? "/");
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * The file a request URL names inside `base` (a real path), or null. The path is decoded once, resolved,
 * and must be `base` itself or lie under `base` + separator — after following symbolic links.
 */
export function fileFor(base: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return null; // a malformed escape ("%E0%A4%A")
  }
  if (pathname.includes("\0")) return null;
  for (const candidate of [pathname, `${pathname}.html`, join(pathname, "index.html")]) {
    const path = resolve(base, `.${candidate.startsWith("/") ? "" : "/"}${candidate}`);
    if (!inside(base, path) || !existsSync(path)) continue;
    const real = realpathSync(path);
    if (inside(base, real) && statSync(real).isFile()) return real;
  }
  return null;
}

function inside(base: string, path: string): boolean {
  return path === base || path.startsWith(base + sep);
}
