// The static server serves only files inside its root: encoded traversal, a sibling folder whose name
// begins with the root's, and a symbolic link out of the root are all 404.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../../scripts/static-server.ts";
import { tempDir } from "../helpers.ts";

/** GET a raw path (not normalised by a URL parser on our side), returning status and body. */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: "GET" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("serveStatic(root)", () => {
  let server: StaticServer;
  beforeAll(async () => {
    const top = tempDir();
    mkdirSync(join(top, "dist"));
    mkdirSync(join(top, "dist-old"));
    mkdirSync(join(top, "secret"));
    writeFileSync(join(top, "dist", "index.html"), "home");
    writeFileSync(join(top, "dist", "funnel.html"), "funnel");
    writeFileSync(join(top, "dist-old", "x.txt"), "old site");
    writeFileSync(join(top, "secret", "key.txt"), "secret");
    symlinkSync(join(top, "secret"), join(top, "dist", "linked"));
    server = await serveStatic(join(top, "dist"));
  });
  afterAll(() => server?.close());

  it("serves files and clean URLs inside the root", async () => {
    expect(await get(server.url, "/")).toEqual({ status: 200, body: "home" });
    expect(await get(server.url, "/funnel")).toEqual({ status: 200, body: "funnel" });
  });

  it.each([
    ["encoded traversal into a sibling whose name begins with the root's", "/..%2Fdist-old/x.txt"],
    ["plain traversal", "/../dist-old/x.txt"],
    ["double-encoded traversal", "/%2e%2e%2fdist-old/x.txt"],
    ["traversal to a folder beside the root", "/..%2Fsecret/key.txt"],
    ["a symbolic link out of the root", "/linked/key.txt"],
    ["a malformed escape", "/%E0%A4%A"],
    ["a NUL byte", "/index.html%00.png"],
  ])("refuses %s", async (_, path) => {
    const { status, body } = await get(server.url, path);
    expect(status).toBe(404);
    expect(body).not.toMatch(/old site|secret/);
  });
});
