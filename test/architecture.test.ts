/**
 * The library reads top-down: no file imports, directly or through others, a file that imports it. A circle
 * of imports (even of types only) means two modules are one job split in two or share a type that belongs
 * in a leaf module (ingest/types.ts, sample/types.ts); at run time a circle of value imports also makes a
 * module see the other half-initialised.
 */
import { describe, expect, it } from "vitest";
import { isWarehouseCode } from "../data-loaders/warehouse/build.ts";
import { findCycles, importGraph, relativeSpecifiers, tsFiles } from "./import-graph.ts";

/** The project's TypeScript outside the tests and pages' Markdown. */
const LIBRARY = ["data-loaders", "scripts", "src/lib", "src/components", "src/data"];

describe("import graph", () => {
  it("has no circle in data-loaders, scripts, src/lib, src/components or src/data", () => {
    const files = tsFiles(LIBRARY);
    expect(files.length).toBeGreaterThan(50); // the walk found the library, not an empty folder
    const circles = findCycles(importGraph(files)).map((circle) => circle.join(" → "));
    expect(circles, `import circles:\n${circles.join("\n")}`).toEqual([]);
  });

  it("sees the ingest and sample generator modules' imports", () => {
    const graph = importGraph(tsFiles(LIBRARY));
    expect(graph.get("data-loaders/sample/deals.ts")).toContain("data-loaders/sample/types.ts");
    expect(graph.get("data-loaders/ingest/salesforce.ts")?.length).toBeGreaterThan(0);
  });
});

describe("the warehouse fingerprint", () => {
  // Too little hashed and an edit leaves a stale warehouse; too much and editing the sample generator,
  // the docs or a command's helper rebuilds the warehouse and clears every cached loader output.
  it("hashes exactly the TypeScript that data-loaders/warehouse/build.ts imports, directly or not", () => {
    const graph = importGraph(tsFiles(["data-loaders"]));
    const imported = new Set<string>();
    const stack = ["data-loaders/warehouse/build.ts"];
    while (stack.length > 0) {
      const file = stack.pop() as string;
      if (imported.has(file)) continue;
      imported.add(file);
      stack.push(...(graph.get(file) ?? []));
    }
    const hashed = [...graph.keys()].filter((file) => isWarehouseCode(file.slice("data-loaders/".length)));
    expect(hashed.sort()).toEqual([...imported].sort());
    expect(hashed.some((file) => file.includes("/sample/"))).toBe(false);
  });
});

describe("the import graph walker", () => {
  it("reads import, import type, side-effect import and export … from, and nothing in strings or comments", () => {
    const source = [
      'import { a } from "./a.ts";',
      'import type { B } from "./b.ts";',
      "import {",
      "  c,",
      '} from "../c.js";',
      'import "./d.ts";',
      'export { e } from "./e.ts";',
      'export * from "./f.ts";',
      'import { readFileSync } from "node:fs";',
      '// import { g } from "./g.ts";',
      'const code = `import { h } from "./h.ts";`;',
      'const later = () => import("./i.ts");',
    ].join("\n");
    expect(relativeSpecifiers(source)).toEqual(["./a.ts", "./b.ts", "../c.js", "./d.ts", "./e.ts", "./f.ts"]);
  });

  it("names each circle once, from its first file back to it", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts", "d.ts"]],
      ["d.ts", []],
      ["e.ts", ["e.ts"]],
      ["f.ts", ["d.ts"]],
    ]);
    expect(findCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"], ["e.ts", "e.ts"]]);
    expect(findCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", []]]))).toEqual([]);
  });
});
