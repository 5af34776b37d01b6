import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NAVIGATION, pageFile } from "../../observablehq.config.ts";

describe("the navigation", () => {
  it("lists only pages that exist (the config leaves a missing one out of the build, this test does not)", () => {
    const paths = NAVIGATION.flatMap((entry) => ("pages" in entry ? entry.pages!.map((p) => p.path) : [entry.path]));
    expect(paths.length).toBe(12);
    expect(paths.filter((path) => !existsSync(pageFile(path)))).toEqual([]);
  });
});
