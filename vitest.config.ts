import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // DuckDB is a native addon: separate processes keep each test file's databases apart.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 300_000,
    env: { TZ: "UTC" },
    // Builds the site once from the sample for the site and browser tests.
    globalSetup: ["test/global-setup.ts"],
  },
});
